#pragma once

// Bearer tokens and roles. One token per role, made from the seed at start
// ("wf-operator-<16 hex>"); the simulator prints them, never logs them.
// Without a token a caller is an anonymous viewer unless tokens are required.

#include "caller.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <array>
#include <string>
#include <string_view>

namespace wfsim {

class AccessControl {
public:
    struct RoleToken {
        watchfloor::v1::Role role;
        std::string actor;  // "operator@sim"
        std::string token;
    };

    AccessControl(uint64_t seed, bool requireToken);

    // The four roles in order: viewer, operator, incident commander, payments approver.
    const std::array<RoleToken, 4>& tokens() const { return tokens_; }
    const std::string& token(watchfloor::v1::Role role) const;
    bool requiresToken() const { return requireToken_; }

    // OK with `*caller` set, or UNAUTHENTICATED (TOKEN_MISSING / TOKEN_INVALID).
    grpc::Status authenticate(const grpc::ServerContext* context, Caller* caller) const;
    // OK, or PERMISSION_DENIED (ROLE_FORBIDDEN) naming the role and the missing
    // permission: "role operator may not switch kill switches (needs flags.set.kill_switch)".
    static grpc::Status authorize(const Caller& caller, std::string_view permission,
                                  const std::string& what);

private:
    std::array<RoleToken, 4> tokens_;
    bool requireToken_;
};

}  // namespace wfsim
