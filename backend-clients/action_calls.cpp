#include "action_calls.h"
#include "timestamp_conversion.h"

#include "change_conversion.h"
#include "watchfloor/v1/deploy.grpc.pb.h"
#include "watchfloor/v1/flag.grpc.pb.h"
#include "watchfloor/v1/vendor.grpc.pb.h"

namespace wf {

namespace v1 = watchfloor::v1;

void fillContext(v1::ActionContext* ctx, const ActionRequest& r)
{
    ctx->set_idempotency_key(r.idempotencyKey.toStdString());
    ctx->set_reason(r.reason.toStdString());
}

void takeReceipt(ActionOutcome& o, const v1::ActionReceipt& r)
{
    o.actionId = QString::fromStdString(r.action_id());
    o.replayed = r.replayed();
    o.actor = QString::fromStdString(r.actor());
    o.role = QString::fromStdString(r.role());
    o.appliedMs = timestampMs(r.applied_at());
}

grpc::Status callPlatformAction(const ActionRequest& request, grpc::ClientContext& ctx,
                                const std::shared_ptr<grpc::Channel>& channel, ActionOutcome& o)
{
    grpc::Status st;
    if (request.kind == ActionRequest::Kind::RollbackDeploy) {
        v1::RollbackDeployRequest req;
        fillContext(req.mutable_context(), request);
        req.set_deploy_id(request.deployId.toStdString());
        req.set_expected_version(request.expectedVersion);
        v1::RollbackDeployResponse resp;
        st = v1::DeployService::NewStub(channel)->RollbackDeploy(&ctx, req, &resp);
        if (st.ok()) {
            o.deploy = toDeploy(resp.deploy());
            takeReceipt(o, resp.receipt());
        }
    } else if (request.kind == ActionRequest::Kind::Failover) {
        v1::FailoverRequest req;
        fillContext(req.mutable_context(), request);
        req.set_category(v1::VendorCategory(toProtoCategory(request.category)));
        req.set_region(request.region.toStdString());
        req.set_target_vendor_id(request.targetVendorId.toStdString());
        req.set_expected_version(request.expectedVersion);
        v1::FailoverResponse resp;
        st = v1::VendorService::NewStub(channel)->Failover(&ctx, req, &resp);
        if (st.ok()) {
            o.routing = toRouting(resp.routing());
            takeReceipt(o, resp.receipt());
        }
    } else if (request.kind == ActionRequest::Kind::Failback) {
        v1::FailbackRequest req;
        fillContext(req.mutable_context(), request);
        req.set_category(v1::VendorCategory(toProtoCategory(request.category)));
        req.set_region(request.region.toStdString());
        req.set_expected_version(request.expectedVersion);
        v1::FailbackResponse resp;
        st = v1::VendorService::NewStub(channel)->Failback(&ctx, req, &resp);
        if (st.ok()) {
            o.routing = toRouting(resp.routing());
            takeReceipt(o, resp.receipt());
        }
    } else {
        v1::SetFlagStateRequest req;
        fillContext(req.mutable_context(), request);
        req.set_flag_key(request.flagKey.toStdString());
        req.set_environment(request.environment.toStdString());
        req.set_region(request.region.toStdString());
        req.set_enabled(request.enabled);
        req.set_expected_version(request.expectedVersion);
        v1::SetFlagStateResponse resp;
        st = v1::FlagService::NewStub(channel)->SetFlagState(&ctx, req, &resp);
        if (st.ok()) {
            o.flag = toFlag(resp.flag());
            takeReceipt(o, resp.receipt());
        }
    }
    return st;
}

}  // namespace wf
