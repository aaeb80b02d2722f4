#include "flag_service.h"

#include "action_context_check.h"
#include "change_stream.h"
#include "error_status.h"
#include "role_permissions.h"

#include <spdlog/spdlog.h>

namespace wfsim {

namespace v1 = watchfloor::v1;

grpc::Status FlagService::ListFlags(grpc::ServerContext* context,
                                    const v1::ListFlagsRequest* request,
                                    v1::ListFlagsResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    platform_.catchUp();
    return platform_.flags().list(*request, response);
}

grpc::Status FlagService::StreamFlagChanges(grpc::ServerContext* context,
                                            const v1::StreamFlagChangesRequest* request,
                                            grpc::ServerWriter<v1::FlagChange>* writer)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    spdlog::info("StreamFlagChanges: {}",
                 request->stream_epoch().empty() ? "fresh start" : "resuming");
    ChangeStream<FlagStore, v1::FlagChange> stream(platform_.flags(), platform_.clock(),
                                                   shuttingDown_, context, writer,
                                                   &platform_.streamFaults());
    return stream.run(request->stream_epoch(), request->resume_after_sequence());
}

grpc::Status FlagService::checkSet(const Caller& caller, const v1::SetFlagStateRequest& request)
{
    grpc::Status status = ActionContextCheck::validate(request.context());
    if (status.ok())
        status = ActionContextCheck::required(request.flag_key(), "flag_key");
    if (status.ok())
        status = AccessControl::authorize(caller, RolePermissions::kSetFlags, "set flags");
    v1::FlagKind kind = v1::FLAG_KIND_UNSPECIFIED;
    if (status.ok())
        status = platform_.flags().kindOf(request.flag_key(), &kind);
    if (status.ok() && kind == v1::FLAG_KIND_KILL_SWITCH) {
        status = AccessControl::authorize(caller, RolePermissions::kSetKillSwitch,
                                          "switch kill switches");
    }
    if (!status.ok())
        return status;
    if (!FlagCatalog::isEnvironment(request.environment())) {
        return ErrorStatus::make(
            grpc::StatusCode::INVALID_ARGUMENT,
            "unknown environment \"" + request.environment() + "\"; known: production, staging",
            "UNKNOWN_ENVIRONMENT", "environment");
    }
    if (platform_.catalog().regionIndex(request.region()) < 0) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "unknown region \"" + request.region() +
                                     "\"; known: " + platform_.catalog().regionIdList(),
                                 "UNKNOWN_REGION", "region");
    }
    return grpc::Status::OK;
}

grpc::Status FlagService::SetFlagState(grpc::ServerContext* context,
                                       const v1::SetFlagStateRequest* request,
                                       v1::SetFlagStateResponse* response)
{
    Caller caller;
    grpc::Status status = platform_.access().authenticate(context, &caller);
    if (status.ok())
        status = checkSet(caller, *request);
    if (!status.ok())
        return status;
    platform_.catchUp();
    status = platform_.idempotency().run<v1::SetFlagStateResponse>(
        caller, request->context(), *request, response, [&](v1::SetFlagStateResponse* out) {
            return platform_.flags().set(caller, *request, out);
        });
    spdlog::info("SetFlagState {} {}/{} {} by {}: {}", request->flag_key(), request->environment(),
                 request->region(), request->enabled() ? "on" : "off", caller.actor,
                 status.ok() ? (response->receipt().replayed() ? "replayed" : "applied")
                             : status.error_message());
    return status;
}

grpc::Status FlagService::GetFlagAuditTrail(grpc::ServerContext* context,
                                            const v1::GetFlagAuditTrailRequest* request,
                                            v1::GetFlagAuditTrailResponse* response)
{
    Caller caller;
    grpc::Status status = platform_.access().authenticate(context, &caller);
    if (status.ok())
        status = ActionContextCheck::required(request->flag_key(), "flag_key");
    if (!status.ok())
        return status;
    platform_.catchUp();
    return platform_.flags().auditTrail(*request, response);
}

grpc::Status FlagService::ListFlagChanges(grpc::ServerContext* context,
                                          const v1::ListFlagChangesRequest* request,
                                          v1::ListFlagChangesResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    platform_.catchUp();
    return platform_.flags().listChanges(*request, response);
}

}  // namespace wfsim
