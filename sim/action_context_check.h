#pragma once

// The ActionContext every state-changing request carries: an idempotency key
// and a reason, both required (INVALID_ARGUMENT, MISSING_FIELD).

#include "watchfloor/v1/common.pb.h"

#include <grpcpp/support/status.h>

namespace wfsim {

class ActionContextCheck {
public:
    static grpc::Status validate(const watchfloor::v1::ActionContext& context);
    // INVALID_ARGUMENT MISSING_FIELD naming `field` if `value` is empty.
    static grpc::Status required(const std::string& value, const std::string& field);
};

}  // namespace wfsim
