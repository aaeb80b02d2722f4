#include "simulator_control_service.h"

#include "error_status.h"

#include <spdlog/spdlog.h>

namespace wfsim {

namespace v1 = watchfloor::v1;

grpc::Status SimulatorControlService::ListAppliedActions(
    grpc::ServerContext* context, const v1::ListAppliedActionsRequest* /*request*/,
    v1::ListAppliedActionsResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    platform_.catchUp();
    for (const v1::AppliedAction& action : platform_.journal().actions())
        *response->add_actions() = action;
    return grpc::Status::OK;
}

grpc::Status SimulatorControlService::SetFaults(grpc::ServerContext* context,
                                                const v1::SetFaultsRequest* request,
                                                v1::SetFaultsResponse* /*response*/)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    const std::pair<const char*, int32_t> counts[] = {
        {"drop_next_action_responses", request->drop_next_action_responses()},
        {"duplicate_stream_events", request->duplicate_stream_events()},
        {"reorder_stream_events", request->reorder_stream_events()}};
    for (const auto& [field, value] : counts) {
        if (value < 0)
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     std::string(field) + " must be >= 0", "INVALID_VALUE", field);
    }
    platform_.actionFaults().dropNextResponses(request->drop_next_action_responses());
    platform_.streamFaults().set(request->duplicate_stream_events(),
                                 request->reorder_stream_events());
    spdlog::info(
        "SetFaults: drop the next {} action responses; duplicate the next {} and "
        "reorder the next {} stream events",
        request->drop_next_action_responses(), request->duplicate_stream_events(),
        request->reorder_stream_events());
    return grpc::Status::OK;
}

}  // namespace wfsim
