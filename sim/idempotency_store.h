#pragma once

// Runs state-changing calls exactly once per idempotency key. Keys are
// scoped per actor. A repeated key with the same request gets the first
// response again with receipt.replayed = true and applies nothing; the same
// key with another request is INVALID_ARGUMENT (IDEMPOTENCY_KEY_REUSED).
// Failed calls are not stored (nothing was applied; a retry runs again).
//
// One call at a time: two concurrent calls with the same key apply once.
// When ActionFaults says so, an applied call is answered UNAVAILABLE
// "simulated lost response"; the stored response still answers a retry.

#include "action_faults.h"
#include "caller.h"
#include "watchfloor/v1/common.pb.h"

#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace wfsim {

class IdempotencyStore {
public:
    explicit IdempotencyStore(ActionFaults& faults) : faults_(faults) {}

    // `apply` validates against the current state and applies, filling
    // `response` (with its receipt); it runs only for a new key.
    template <typename Response>
    grpc::Status run(const Caller& caller, const watchfloor::v1::ActionContext& context,
                     const google::protobuf::Message& request, Response* response,
                     const std::function<grpc::Status(Response*)>& apply)
    {
        std::lock_guard lock(mutex_);
        const std::string scope = caller.actor + '\n' + context.idempotency_key();
        const std::string fingerprint = fingerprintOf(request);
        if (const auto it = entries_.find(scope); it != entries_.end()) {
            if (it->second.fingerprint != fingerprint)
                return reused(context.idempotency_key(), it->second.actionId);
            response->ParseFromString(it->second.response);
            response->mutable_receipt()->set_replayed(true);
            return grpc::Status::OK;
        }
        const grpc::Status status = apply(response);
        if (!status.ok())
            return status;
        entries_[scope] = {fingerprint, response->SerializeAsString(),
                           response->receipt().action_id()};
        return answer();
    }

    static std::string fingerprintOf(const google::protobuf::Message& request);

private:
    struct Entry {
        std::string fingerprint;
        std::string response;
        std::string actionId;
    };

    static grpc::Status reused(const std::string& key, const std::string& actionId);
    // OK, or the simulated lost response.
    grpc::Status answer();

    ActionFaults& faults_;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

}  // namespace wfsim
