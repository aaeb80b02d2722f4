#include "incident_service.h"

#include "action_context_check.h"
#include "change_stream.h"
#include "role_permissions.h"

#include <spdlog/spdlog.h>

namespace wfsim {

namespace v1 = watchfloor::v1;

template <typename Request, typename Response>
grpc::Status IncidentService::change(
    grpc::ServerContext* context, const char* what, const std::string& incidentId,
    const Request& request, Response* response,
    const std::function<grpc::Status(const Caller&, Response*)>& apply)
{
    Caller caller;
    grpc::Status status = platform_.access().authenticate(context, &caller);
    if (status.ok())
        status = ActionContextCheck::validate(request.context());
    if (status.ok())
        status =
            AccessControl::authorize(caller, RolePermissions::kWriteIncidents, "change incidents");
    if (!status.ok())
        return status;
    status =
        platform_.idempotency().run<Response>(caller, request.context(), request, response,
                                              [&](Response* out) { return apply(caller, out); });
    spdlog::info("{} {} by {}: {}", what, incidentId, caller.actor,
                 status.ok() ? (response->receipt().replayed() ? "replayed" : "applied")
                             : status.error_message());
    return status;
}

grpc::Status IncidentService::ListIncidents(grpc::ServerContext* context,
                                            const v1::ListIncidentsRequest* request,
                                            v1::ListIncidentsResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    return platform_.incidents().list(*request, response);
}

grpc::Status IncidentService::GetIncident(grpc::ServerContext* context,
                                          const v1::GetIncidentRequest* request,
                                          v1::GetIncidentResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    return platform_.incidents().get(*request, response);
}

grpc::Status IncidentService::StreamIncidentEvents(grpc::ServerContext* context,
                                                   const v1::StreamIncidentEventsRequest* request,
                                                   grpc::ServerWriter<v1::IncidentEvent>* writer)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    spdlog::info("StreamIncidentEvents: {}",
                 request->stream_epoch().empty() ? "fresh start" : "resuming");
    ChangeStream<IncidentStore, v1::IncidentEvent> stream(platform_.incidents(), platform_.clock(),
                                                          shuttingDown_, context, writer,
                                                          &platform_.streamFaults());
    return stream.run(request->stream_epoch(), request->resume_after_sequence());
}

grpc::Status IncidentService::DeclareIncident(grpc::ServerContext* context,
                                              const v1::DeclareIncidentRequest* request,
                                              v1::DeclareIncidentResponse* response)
{
    return change<v1::DeclareIncidentRequest, v1::DeclareIncidentResponse>(
        context, "DeclareIncident", request->incident().id(), *request, response,
        [&](const Caller& caller, v1::DeclareIncidentResponse* out) {
            return platform_.incidents().declare(caller, *request, out);
        });
}

grpc::Status IncidentService::UpdateIncident(grpc::ServerContext* context,
                                             const v1::UpdateIncidentRequest* request,
                                             v1::UpdateIncidentResponse* response)
{
    return change<v1::UpdateIncidentRequest, v1::UpdateIncidentResponse>(
        context, "UpdateIncident", request->incident().id(), *request, response,
        [&](const Caller& caller, v1::UpdateIncidentResponse* out) {
            return platform_.incidents().update(caller, *request, out);
        });
}

grpc::Status IncidentService::AppendTimelineEntries(grpc::ServerContext* context,
                                                    const v1::AppendTimelineEntriesRequest* request,
                                                    v1::AppendTimelineEntriesResponse* response)
{
    return change<v1::AppendTimelineEntriesRequest, v1::AppendTimelineEntriesResponse>(
        context, "AppendTimelineEntries", request->incident_id(), *request, response,
        [&](const Caller& caller, v1::AppendTimelineEntriesResponse* out) {
            return platform_.incidents().append(caller, *request, out);
        });
}

grpc::Status IncidentService::SetTimelineEntryPinned(
    grpc::ServerContext* context, const v1::SetTimelineEntryPinnedRequest* request,
    v1::SetTimelineEntryPinnedResponse* response)
{
    return change<v1::SetTimelineEntryPinnedRequest, v1::SetTimelineEntryPinnedResponse>(
        context, "SetTimelineEntryPinned", request->incident_id(), *request, response,
        [&](const Caller& caller, v1::SetTimelineEntryPinnedResponse* out) {
            return platform_.incidents().setPinned(caller, *request, out);
        });
}

grpc::Status IncidentService::AddStatusUpdate(grpc::ServerContext* context,
                                              const v1::AddStatusUpdateRequest* request,
                                              v1::AddStatusUpdateResponse* response)
{
    return change<v1::AddStatusUpdateRequest, v1::AddStatusUpdateResponse>(
        context, "AddStatusUpdate", request->incident_id(), *request, response,
        [&](const Caller& caller, v1::AddStatusUpdateResponse* out) {
            return platform_.incidents().addStatusUpdate(caller, *request, out);
        });
}

grpc::Status IncidentService::SavePostmortemSection(grpc::ServerContext* context,
                                                    const v1::SavePostmortemSectionRequest* request,
                                                    v1::SavePostmortemSectionResponse* response)
{
    return change<v1::SavePostmortemSectionRequest, v1::SavePostmortemSectionResponse>(
        context, "SavePostmortemSection", request->incident_id(), *request, response,
        [&](const Caller& caller, v1::SavePostmortemSectionResponse* out) {
            return platform_.incidents().saveSection(caller, *request, out);
        });
}

grpc::Status IncidentService::UpsertActionItem(grpc::ServerContext* context,
                                               const v1::UpsertActionItemRequest* request,
                                               v1::UpsertActionItemResponse* response)
{
    return change<v1::UpsertActionItemRequest, v1::UpsertActionItemResponse>(
        context, "UpsertActionItem", request->incident_id(), *request, response,
        [&](const Caller& caller, v1::UpsertActionItemResponse* out) {
            return platform_.incidents().upsertItem(caller, *request, out);
        });
}

grpc::Status IncidentService::DeleteActionItem(grpc::ServerContext* context,
                                               const v1::DeleteActionItemRequest* request,
                                               v1::DeleteActionItemResponse* response)
{
    return change<v1::DeleteActionItemRequest, v1::DeleteActionItemResponse>(
        context, "DeleteActionItem", request->incident_id(), *request, response,
        [&](const Caller& caller, v1::DeleteActionItemResponse* out) {
            return platform_.incidents().deleteItem(caller, *request, out);
        });
}

}  // namespace wfsim
