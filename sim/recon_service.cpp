#include "recon_service.h"

#include "action_context_check.h"
#include "change_stream.h"
#include "role_permissions.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// A copy: Status::error_message() returns a temporary, whose c_str() would dangle.
template <typename Response>
std::string outcome(const grpc::Status& status, const Response& response)
{
    if (!status.ok())
        return status.error_message();
    return response.receipt().replayed() ? "replayed" : "applied";
}

}  // namespace

grpc::Status ReconService::ListMismatches(grpc::ServerContext* context,
                                          const v1::ListMismatchesRequest* request,
                                          v1::ListMismatchesResponse* response)
{
    Caller caller;
    grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    const auto start = std::chrono::steady_clock::now();
    status = platform_.recon().list(*request, response);
    spdlog::debug("ListMismatches: {} of {} at {} in {:.1f} ms", response->mismatches_size(),
                  response->page().total_size(), response->offset(), millisecondsSince(start));
    return status;
}

grpc::Status ReconService::SummarizeMismatches(grpc::ServerContext* context,
                                               const v1::SummarizeMismatchesRequest* request,
                                               v1::SummarizeMismatchesResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    return platform_.recon().summarize(*request, response);
}

grpc::Status ReconService::GetMismatch(grpc::ServerContext* context,
                                       const v1::GetMismatchRequest* request,
                                       v1::GetMismatchResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    return platform_.recon().get(*request, response);
}

grpc::Status ReconService::StreamMismatchEvents(grpc::ServerContext* context,
                                                const v1::StreamMismatchEventsRequest* request,
                                                grpc::ServerWriter<v1::MismatchEvent>* writer)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    spdlog::info("StreamMismatchEvents: {}",
                 request->stream_epoch().empty() ? "fresh start" : "resuming");
    ChangeStream<ReconStore, v1::MismatchEvent> stream(platform_.recon(), platform_.clock(),
                                                       shuttingDown_, context, writer);
    return stream.run(request->stream_epoch(), request->resume_after_sequence());
}

grpc::Status ReconService::ListApprovals(grpc::ServerContext* context,
                                         const v1::ListApprovalsRequest* request,
                                         v1::ListApprovalsResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    return platform_.recon().listApprovals(*request, response);
}

grpc::Status ReconService::checkChange(grpc::ServerContext* context,
                                       const v1::ActionContext& action, const std::string& id,
                                       const char* idField, std::string_view permission,
                                       const std::string& what, Caller* caller)
{
    grpc::Status status = platform_.access().authenticate(context, caller);
    if (status.ok())
        status = ActionContextCheck::validate(action);
    if (status.ok())
        status = ActionContextCheck::required(id, idField);
    if (status.ok())
        status = AccessControl::authorize(*caller, permission, what);
    return status;
}

grpc::Status ReconService::AssignMismatch(grpc::ServerContext* context,
                                          const v1::AssignMismatchRequest* request,
                                          v1::AssignMismatchResponse* response)
{
    Caller caller;
    grpc::Status status =
        checkChange(context, request->context(), request->mismatch_id(), "mismatch_id",
                    RolePermissions::kResolveRecon, "assign reconciliation mismatches", &caller);
    if (!status.ok())
        return status;
    status = platform_.idempotency().run<v1::AssignMismatchResponse>(
        caller, request->context(), *request, response, [&](v1::AssignMismatchResponse* out) {
            return platform_.recon().assign(caller, *request, out);
        });
    spdlog::info("AssignMismatch {} to {} by {}: {}", request->mismatch_id(),
                 request->assignee().empty() ? "nobody" : request->assignee(), caller.actor,
                 outcome(status, *response));
    return status;
}

grpc::Status ReconService::ResolveMismatch(grpc::ServerContext* context,
                                           const v1::ResolveMismatchRequest* request,
                                           v1::ResolveMismatchResponse* response)
{
    Caller caller;
    grpc::Status status =
        checkChange(context, request->context(), request->mismatch_id(), "mismatch_id",
                    RolePermissions::kResolveRecon, "resolve reconciliation mismatches", &caller);
    if (!status.ok())
        return status;
    status = platform_.idempotency().run<v1::ResolveMismatchResponse>(
        caller, request->context(), *request, response, [&](v1::ResolveMismatchResponse* out) {
            return platform_.recon().resolve(caller, *request, out);
        });
    spdlog::info("ResolveMismatch {} {} by {}: {}{}", request->mismatch_id(),
                 v1::ResolutionAction_Name(request->action()), caller.actor,
                 outcome(status, *response),
                 status.ok() && response->has_approval() ? " (held for approval)" : "");
    return status;
}

grpc::Status ReconService::DecideApproval(grpc::ServerContext* context,
                                          const v1::DecideApprovalRequest* request,
                                          v1::DecideApprovalResponse* response)
{
    Caller caller;
    grpc::Status status =
        checkChange(context, request->context(), request->approval_id(), "approval_id",
                    RolePermissions::kApproveRecon, "decide on reconciliation approvals", &caller);
    if (!status.ok())
        return status;
    status = platform_.idempotency().run<v1::DecideApprovalResponse>(
        caller, request->context(), *request, response, [&](v1::DecideApprovalResponse* out) {
            return platform_.recon().decide(caller, *request, out);
        });
    spdlog::info("DecideApproval {} ({}) by {}: {}", request->approval_id(),
                 request->approve() ? "approve" : "reject", caller.actor,
                 outcome(status, *response));
    return status;
}

}  // namespace wfsim
