#pragma once

// gRPC errors the way every Watchfloor service reports them: a readable
// message, plus one watchfloor.v1.ErrorDetail serialised into
// Status::error_details.

#include <grpcpp/support/status.h>

#include <map>
#include <string>

namespace wfsim {

class ErrorStatus {
public:
    static grpc::Status make(grpc::StatusCode code, const std::string& message,
                             const std::string& reason, const std::string& field = {},
                             const std::map<std::string, std::string>& metadata = {});
};

}  // namespace wfsim
