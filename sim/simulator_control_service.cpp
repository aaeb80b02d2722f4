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
    if (request->drop_next_action_responses() < 0) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "drop_next_action_responses must be >= 0", "INVALID_VALUE",
                                 "drop_next_action_responses");
    }
    platform_.actionFaults().dropNextResponses(request->drop_next_action_responses());
    spdlog::info("SetFaults: drop the next {} action responses",
                 request->drop_next_action_responses());
    return grpc::Status::OK;
}

}  // namespace wfsim
