#pragma once

// One gRPC channel per platform endpoint, and the per-call setup every call
// shares: deadline and bearer token.

#include "endpoint_config.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <memory>

namespace wf {

std::shared_ptr<grpc::Channel> createPlatformChannel(const EndpointConfig& config, QString* error);

// Sets the deadline (every call has one) and the bearer token.
void prepareCall(grpc::ClientContext& ctx, const EndpointConfig& config, int deadlineMs);

// A failed call in words an on-call engineer understands; includes the
// ErrorDetail reason when the server sent one.
QString describeStatus(const grpc::Status& status, const EndpointConfig& config);
// The ErrorDetail.reason the server attached, or empty.
std::string errorReason(const grpc::Status& status);

}  // namespace wf
