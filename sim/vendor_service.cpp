#include "vendor_service.h"

#include "action_context_check.h"
#include "change_stream.h"
#include "error_status.h"
#include "role_permissions.h"
#include "vendor_catalog.h"

#include <spdlog/spdlog.h>

namespace wfsim {

namespace v1 = watchfloor::v1;

grpc::Status VendorService::ListVendors(grpc::ServerContext* context,
                                        const v1::ListVendorsRequest* /*request*/,
                                        v1::ListVendorsResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    platform_.catchUp();
    platform_.vendors().list(response);
    return grpc::Status::OK;
}

grpc::Status VendorService::StreamVendorEvents(grpc::ServerContext* context,
                                               const v1::StreamVendorEventsRequest* request,
                                               grpc::ServerWriter<v1::VendorEvent>* writer)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    spdlog::info("StreamVendorEvents: {}",
                 request->stream_epoch().empty() ? "fresh start" : "resuming");
    ChangeStream<VendorStore, v1::VendorEvent> stream(platform_.vendors(), platform_.clock(),
                                                      shuttingDown_, context, writer,
                                                      &platform_.streamFaults());
    return stream.run(request->stream_epoch(), request->resume_after_sequence());
}

grpc::Status VendorService::checkChange(const Caller& caller, const v1::ActionContext& context,
                                        v1::VendorCategory category, const std::string& region)
{
    grpc::Status status = ActionContextCheck::validate(context);
    if (status.ok()) {
        status = AccessControl::authorize(caller, RolePermissions::kVendorFailover,
                                          "reroute vendor traffic");
    }
    if (!status.ok())
        return status;
    if (!VendorCatalog::category(category)) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "category must be one of payment provider, fraud, tax, shipping",
                                 "UNKNOWN_CATEGORY", "category");
    }
    if (platform_.catalog().regionIndex(region) < 0) {
        return ErrorStatus::make(
            grpc::StatusCode::INVALID_ARGUMENT,
            "unknown region \"" + region + "\"; known: " + platform_.catalog().regionIdList(),
            "UNKNOWN_REGION", "region");
    }
    return grpc::Status::OK;
}

grpc::Status VendorService::Failover(grpc::ServerContext* context,
                                     const v1::FailoverRequest* request,
                                     v1::FailoverResponse* response)
{
    Caller caller;
    grpc::Status status = platform_.access().authenticate(context, &caller);
    if (status.ok())
        status = checkChange(caller, request->context(), request->category(), request->region());
    if (status.ok())
        status = ActionContextCheck::required(request->target_vendor_id(), "target_vendor_id");
    if (!status.ok())
        return status;
    platform_.catchUp();
    status = platform_.idempotency().run<v1::FailoverResponse>(
        caller, request->context(), *request, response, [&](v1::FailoverResponse* out) {
            return platform_.vendors().failover(caller, *request, out);
        });
    spdlog::info("Failover {}/{} to {} by {}: {}", VendorCatalog::categorySlug(request->category()),
                 request->region(), request->target_vendor_id(), caller.actor,
                 status.ok() ? (response->receipt().replayed() ? "replayed" : "applied")
                             : status.error_message());
    return status;
}

grpc::Status VendorService::Failback(grpc::ServerContext* context,
                                     const v1::FailbackRequest* request,
                                     v1::FailbackResponse* response)
{
    Caller caller;
    grpc::Status status = platform_.access().authenticate(context, &caller);
    if (status.ok())
        status = checkChange(caller, request->context(), request->category(), request->region());
    if (!status.ok())
        return status;
    platform_.catchUp();
    status = platform_.idempotency().run<v1::FailbackResponse>(
        caller, request->context(), *request, response, [&](v1::FailbackResponse* out) {
            return platform_.vendors().failback(caller, *request, out);
        });
    spdlog::info("Failback {}/{} by {}: {}", VendorCatalog::categorySlug(request->category()),
                 request->region(), caller.actor,
                 status.ok() ? (response->receipt().replayed() ? "replayed" : "applied")
                             : status.error_message());
    return status;
}

}  // namespace wfsim
