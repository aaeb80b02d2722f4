#include "idempotency_store.h"

#include "error_status.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <spdlog/spdlog.h>

namespace wfsim {

std::string IdempotencyStore::fingerprintOf(const google::protobuf::Message& request)
{
    std::string bytes;
    {
        google::protobuf::io::StringOutputStream stream(&bytes);
        google::protobuf::io::CodedOutputStream coded(&stream);
        coded.SetSerializationDeterministic(true);
        request.SerializeToCodedStream(&coded);
    }
    return request.GetTypeName() + '\n' + bytes;
}

grpc::Status IdempotencyStore::reused(const std::string& key, const std::string& actionId)
{
    return ErrorStatus::make(
        grpc::StatusCode::INVALID_ARGUMENT,
        "idempotency key \"" + key + "\" was already used for a different request (action " +
            actionId + "); use a new key for a new change",
        "IDEMPOTENCY_KEY_REUSED", "context.idempotency_key", {{"action_id", actionId}});
}

grpc::Status IdempotencyStore::answer()
{
    if (!faults_.takeDrop())
        return grpc::Status::OK;
    spdlog::info("dropping an action response (simulated fault)");
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "simulated lost response");
}

}  // namespace wfsim
