#pragma once

// One attempt of a state-changing call: the request built from an
// ActionRequest, sent with a prepared context, and the answer taken into
// the outcome. ActionExecutor owns retries, keys and reporting.

#include "action_executor.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

namespace watchfloor::v1 {
class ActionContext;
class ActionReceipt;
}  // namespace watchfloor::v1

namespace wf {

void fillContext(watchfloor::v1::ActionContext* ctx, const ActionRequest& r);
void takeReceipt(ActionOutcome& o, const watchfloor::v1::ActionReceipt& r);

// Rollback, flag state, failover and failback.
grpc::Status callPlatformAction(const ActionRequest& request, grpc::ClientContext& ctx,
                                const std::shared_ptr<grpc::Channel>& channel, ActionOutcome& o);
// Assign, resolve, decide an approval.
grpc::Status callReconAction(const ActionRequest& request, grpc::ClientContext& ctx,
                             const std::shared_ptr<grpc::Channel>& channel, ActionOutcome& o);

}  // namespace wf
