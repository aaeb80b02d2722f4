#pragma once

// watchfloor.v1.DeployService over the simulated platform's deploys.

#include "simulated_platform.h"
#include "watchfloor/v1/deploy.grpc.pb.h"

#include <atomic>

namespace wfsim {

class DeployService final : public watchfloor::v1::DeployService::Service {
public:
    explicit DeployService(SimulatedPlatform& platform) : platform_(platform) {}

    // Ends open streams promptly (call before grpc::Server::Shutdown).
    void beginShutdown() { shuttingDown_ = true; }

    grpc::Status ListDeploys(grpc::ServerContext* context,
                             const watchfloor::v1::ListDeploysRequest* request,
                             watchfloor::v1::ListDeploysResponse* response) override;
    grpc::Status StreamDeployEvents(
        grpc::ServerContext* context, const watchfloor::v1::StreamDeployEventsRequest* request,
        grpc::ServerWriter<watchfloor::v1::DeployEvent>* writer) override;
    grpc::Status RollbackDeploy(grpc::ServerContext* context,
                                const watchfloor::v1::RollbackDeployRequest* request,
                                watchfloor::v1::RollbackDeployResponse* response) override;

private:
    SimulatedPlatform& platform_;
    std::atomic<bool> shuttingDown_{false};
};

}  // namespace wfsim
