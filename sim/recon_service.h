#pragma once

// watchfloor.v1.ReconciliationService over the simulated platform's
// reconciliation (ReconStore). Reads: any accepted caller. Assign and
// resolve: "recon.resolve"; decide on an approval: "recon.approve". Every
// change needs an ActionContext and goes through the idempotency store.

#include "simulated_platform.h"
#include "watchfloor/v1/reconciliation.grpc.pb.h"

#include <atomic>
#include <string>
#include <string_view>

namespace wfsim {

class ReconService final : public watchfloor::v1::ReconciliationService::Service {
public:
    explicit ReconService(SimulatedPlatform& platform) : platform_(platform) {}

    // Ends open streams promptly (call before grpc::Server::Shutdown).
    void beginShutdown() { shuttingDown_ = true; }

    grpc::Status ListMismatches(grpc::ServerContext* context,
                                const watchfloor::v1::ListMismatchesRequest* request,
                                watchfloor::v1::ListMismatchesResponse* response) override;
    grpc::Status SummarizeMismatches(
        grpc::ServerContext* context, const watchfloor::v1::SummarizeMismatchesRequest* request,
        watchfloor::v1::SummarizeMismatchesResponse* response) override;
    grpc::Status GetMismatch(grpc::ServerContext* context,
                             const watchfloor::v1::GetMismatchRequest* request,
                             watchfloor::v1::GetMismatchResponse* response) override;
    grpc::Status StreamMismatchEvents(
        grpc::ServerContext* context, const watchfloor::v1::StreamMismatchEventsRequest* request,
        grpc::ServerWriter<watchfloor::v1::MismatchEvent>* writer) override;
    grpc::Status AssignMismatch(grpc::ServerContext* context,
                                const watchfloor::v1::AssignMismatchRequest* request,
                                watchfloor::v1::AssignMismatchResponse* response) override;
    grpc::Status ResolveMismatch(grpc::ServerContext* context,
                                 const watchfloor::v1::ResolveMismatchRequest* request,
                                 watchfloor::v1::ResolveMismatchResponse* response) override;
    grpc::Status ListApprovals(grpc::ServerContext* context,
                               const watchfloor::v1::ListApprovalsRequest* request,
                               watchfloor::v1::ListApprovalsResponse* response) override;
    grpc::Status DecideApproval(grpc::ServerContext* context,
                                const watchfloor::v1::DecideApprovalRequest* request,
                                watchfloor::v1::DecideApprovalResponse* response) override;

private:
    // Authenticated, with a context, the id and the permission; or why not.
    grpc::Status checkChange(grpc::ServerContext* context,
                             const watchfloor::v1::ActionContext& action, const std::string& id,
                             const char* idField, std::string_view permission,
                             const std::string& what, Caller* caller);

    SimulatedPlatform& platform_;
    std::atomic<bool> shuttingDown_{false};
};

}  // namespace wfsim
