#include "action_context_check.h"

#include "error_status.h"

#include <algorithm>
#include <cctype>

namespace wfsim {

grpc::Status ActionContextCheck::validate(const watchfloor::v1::ActionContext& context)
{
    const std::string& reason = context.reason();
    if (std::all_of(reason.begin(), reason.end(),
                    [](unsigned char c) { return std::isspace(c) != 0; })) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "a reason is required for every change (context.reason)",
                                 "MISSING_FIELD", "context.reason");
    }
    return required(context.idempotency_key(), "context.idempotency_key");
}

grpc::Status ActionContextCheck::required(const std::string& value, const std::string& field)
{
    if (!value.empty())
        return grpc::Status::OK;
    return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT, field + " is required",
                             "MISSING_FIELD", field);
}

}  // namespace wfsim
