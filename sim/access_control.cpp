#include "access_control.h"

#include "error_status.h"
#include "role_permissions.h"
#include "sample_random.h"

#include <cstdio>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr uint64_t kTokenStream = 0x70CE4;

std::string makeToken(uint64_t seed, const char* prefix, uint64_t index)
{
    const uint64_t bits = SampleRandom::mix(SampleRandom::mix(seed ^ kTokenStream) + index);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(bits));
    return std::string("wf-") + prefix + "-" + hex;
}

}  // namespace

AccessControl::AccessControl(uint64_t seed, bool requireToken)
    : tokens_{{
          {v1::ROLE_VIEWER, "viewer@sim", makeToken(seed, "viewer", 1)},
          {v1::ROLE_OPERATOR, "operator@sim", makeToken(seed, "operator", 2)},
          {v1::ROLE_INCIDENT_COMMANDER, "ic@sim", makeToken(seed, "ic", 3)},
          {v1::ROLE_PAYMENTS_APPROVER, "approver@sim", makeToken(seed, "approver", 4)},
      }},
      requireToken_(requireToken)
{
}

const std::string& AccessControl::token(v1::Role role) const
{
    for (const RoleToken& t : tokens_) {
        if (t.role == role)
            return t.token;
    }
    static const std::string none;
    return none;
}

grpc::Status AccessControl::authenticate(const grpc::ServerContext* context, Caller* caller) const
{
    *caller = Caller{};
    const auto& metadata = context->client_metadata();
    const auto it = metadata.find("authorization");
    if (it == metadata.end()) {
        if (!requireToken_)
            return grpc::Status::OK;
        return ErrorStatus::make(grpc::StatusCode::UNAUTHENTICATED,
                                 "this platform requires a bearer token "
                                 "(metadata \"authorization: Bearer <token>\")",
                                 "TOKEN_MISSING");
    }
    const std::string_view value(it->second.data(), it->second.size());
    constexpr std::string_view kBearer = "Bearer ";
    const std::string_view token =
        value.starts_with(kBearer) ? value.substr(kBearer.size()) : std::string_view();
    for (const RoleToken& t : tokens_) {
        if (!token.empty() && token == t.token) {
            caller->actor = t.actor;
            caller->role = t.role;
            caller->anonymous = false;
            return grpc::Status::OK;
        }
    }
    // The token itself is never repeated: not in the message, not in a log.
    return ErrorStatus::make(grpc::StatusCode::UNAUTHENTICATED,
                             value.starts_with(kBearer)
                                 ? "the bearer token is not valid on this platform"
                                 : "the authorization metadata must be \"Bearer <token>\"",
                             "TOKEN_INVALID");
}

grpc::Status AccessControl::authorize(const Caller& caller, std::string_view permission,
                                      const std::string& what)
{
    if (RolePermissions::allows(caller.role, permission))
        return grpc::Status::OK;
    const std::string role = RolePermissions::name(caller.role);
    std::string message = (caller.anonymous ? "an anonymous " + role : "role " + role) +
                          " may not " + what + " (needs " + std::string(permission) + ")";
    if (caller.anonymous)
        message += "; send a bearer token with a role that has it";
    return ErrorStatus::make(grpc::StatusCode::PERMISSION_DENIED, message, "ROLE_FORBIDDEN", {},
                             {{"role", role}, {"permission", std::string(permission)}});
}

}  // namespace wfsim
