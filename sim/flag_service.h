#pragma once

// watchfloor.v1.FlagService over the simulated platform's flags.

#include "simulated_platform.h"
#include "watchfloor/v1/flag.grpc.pb.h"

#include <atomic>

namespace wfsim {

class FlagService final : public watchfloor::v1::FlagService::Service {
public:
    explicit FlagService(SimulatedPlatform& platform) : platform_(platform) {}

    // Ends open streams promptly (call before grpc::Server::Shutdown).
    void beginShutdown() { shuttingDown_ = true; }

    grpc::Status ListFlags(grpc::ServerContext* context,
                           const watchfloor::v1::ListFlagsRequest* request,
                           watchfloor::v1::ListFlagsResponse* response) override;
    grpc::Status StreamFlagChanges(grpc::ServerContext* context,
                                   const watchfloor::v1::StreamFlagChangesRequest* request,
                                   grpc::ServerWriter<watchfloor::v1::FlagChange>* writer) override;
    grpc::Status SetFlagState(grpc::ServerContext* context,
                              const watchfloor::v1::SetFlagStateRequest* request,
                              watchfloor::v1::SetFlagStateResponse* response) override;
    grpc::Status GetFlagAuditTrail(grpc::ServerContext* context,
                                   const watchfloor::v1::GetFlagAuditTrailRequest* request,
                                   watchfloor::v1::GetFlagAuditTrailResponse* response) override;
    grpc::Status ListFlagChanges(grpc::ServerContext* context,
                                 const watchfloor::v1::ListFlagChangesRequest* request,
                                 watchfloor::v1::ListFlagChangesResponse* response) override;

private:
    // Everything SetFlagState checks before the idempotency store.
    grpc::Status checkSet(const Caller& caller, const watchfloor::v1::SetFlagStateRequest& request);

    SimulatedPlatform& platform_;
    std::atomic<bool> shuttingDown_{false};
};

}  // namespace wfsim
