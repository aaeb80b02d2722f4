#include "error_status.h"

#include "watchfloor/v1/common.pb.h"

namespace wfsim {

grpc::Status ErrorStatus::make(grpc::StatusCode code, const std::string& message,
                               const std::string& reason, const std::string& field,
                               const std::map<std::string, std::string>& metadata)
{
    watchfloor::v1::ErrorDetail detail;
    detail.set_reason(reason);
    detail.set_field(field);
    for (const auto& [key, value] : metadata)
        (*detail.mutable_metadata())[key] = value;
    return grpc::Status(code, message, detail.SerializeAsString());
}

}  // namespace wfsim
