#include "deploy_service.h"

#include "action_context_check.h"
#include "change_stream.h"
#include "role_permissions.h"

#include <spdlog/spdlog.h>

namespace wfsim {

namespace v1 = watchfloor::v1;

grpc::Status DeployService::ListDeploys(grpc::ServerContext* context,
                                        const v1::ListDeploysRequest* request,
                                        v1::ListDeploysResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    platform_.catchUp();
    return platform_.deploys().list(*request, response);
}

grpc::Status DeployService::StreamDeployEvents(grpc::ServerContext* context,
                                               const v1::StreamDeployEventsRequest* request,
                                               grpc::ServerWriter<v1::DeployEvent>* writer)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    spdlog::info("StreamDeployEvents: {}",
                 request->stream_epoch().empty() ? "fresh start" : "resuming");
    ChangeStream<DeployStore, v1::DeployEvent> stream(platform_.deploys(), platform_.clock(),
                                                      shuttingDown_, context, writer,
                                                      &platform_.streamFaults());
    return stream.run(request->stream_epoch(), request->resume_after_sequence());
}

grpc::Status DeployService::RollbackDeploy(grpc::ServerContext* context,
                                           const v1::RollbackDeployRequest* request,
                                           v1::RollbackDeployResponse* response)
{
    Caller caller;
    grpc::Status status = platform_.access().authenticate(context, &caller);
    if (status.ok())
        status = ActionContextCheck::validate(request->context());
    if (status.ok())
        status = ActionContextCheck::required(request->deploy_id(), "deploy_id");
    if (status.ok()) {
        status = AccessControl::authorize(caller, RolePermissions::kRollback, "roll back deploys");
    }
    if (!status.ok())
        return status;
    platform_.catchUp();
    status = platform_.idempotency().run<v1::RollbackDeployResponse>(
        caller, request->context(), *request, response, [&](v1::RollbackDeployResponse* out) {
            return platform_.deploys().rollback(caller, *request, out);
        });
    spdlog::info("RollbackDeploy {} by {}: {}", request->deploy_id(), caller.actor,
                 status.ok() ? (response->receipt().replayed() ? "replayed" : "applied")
                             : status.error_message());
    return status;
}

}  // namespace wfsim
