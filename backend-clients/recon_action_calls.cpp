#include "action_calls.h"
#include "recon_conversion.h"
#include "watchfloor/v1/reconciliation.grpc.pb.h"

namespace wf {

namespace v1 = watchfloor::v1;

grpc::Status callReconAction(const ActionRequest& request, grpc::ClientContext& ctx,
                             const std::shared_ptr<grpc::Channel>& channel, ActionOutcome& o)
{
    auto stub = v1::ReconciliationService::NewStub(channel);
    grpc::Status st;
    switch (request.kind) {
        case ActionRequest::Kind::AssignMismatch: {
            v1::AssignMismatchRequest req;
            fillContext(req.mutable_context(), request);
            req.set_mismatch_id(request.mismatchId.toStdString());
            req.set_assignee(request.assignee.toStdString());
            req.set_expected_version(request.expectedVersion);
            v1::AssignMismatchResponse resp;
            st = stub->AssignMismatch(&ctx, req, &resp);
            if (st.ok()) {
                o.mismatch = toMismatch(resp.mismatch());
                takeReceipt(o, resp.receipt());
            }
            break;
        }
        case ActionRequest::Kind::ResolveMismatch: {
            v1::ResolveMismatchRequest req;
            fillContext(req.mutable_context(), request);
            req.set_mismatch_id(request.mismatchId.toStdString());
            req.set_action(v1::ResolutionAction(toProtoAction(request.resolution)));
            req.set_expected_version(request.expectedVersion);
            req.set_note(request.note.toStdString());
            if (request.amount.minor != 0) {
                req.mutable_amount()->set_amount_minor(request.amount.minor);
                req.mutable_amount()->set_currency_code(request.amount.currency.toStdString());
            }
            v1::ResolveMismatchResponse resp;
            st = stub->ResolveMismatch(&ctx, req, &resp);
            if (st.ok()) {
                o.mismatch = toMismatch(resp.mismatch());
                if (resp.has_approval())
                    o.approval = toApproval(resp.approval());
                takeReceipt(o, resp.receipt());
            }
            break;
        }
        case ActionRequest::Kind::DecideApproval: {
            v1::DecideApprovalRequest req;
            fillContext(req.mutable_context(), request);
            req.set_approval_id(request.approvalId.toStdString());
            req.set_approve(request.approve);
            v1::DecideApprovalResponse resp;
            st = stub->DecideApproval(&ctx, req, &resp);
            if (st.ok()) {
                o.approval = toApproval(resp.approval());
                o.mismatch = o.approval->mismatch;
                takeReceipt(o, resp.receipt());
            }
            break;
        }
        default: st = grpc::Status(grpc::StatusCode::INTERNAL, "not a reconciliation action");
    }
    return st;
}

}  // namespace wf
