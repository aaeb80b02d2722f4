#pragma once

// watchfloor.v1.JourneyHealthService over the simulated platform (sync API).

#include "simulated_platform.h"
#include "watchfloor/v1/journey_health.grpc.pb.h"

#include <atomic>

namespace wfsim {

class JourneyHealthService final : public watchfloor::v1::JourneyHealthService::Service {
public:
    explicit JourneyHealthService(SimulatedPlatform& platform) : platform_(platform) {}

    // Ends open streams promptly (call before grpc::Server::Shutdown).
    void beginShutdown() { shuttingDown_ = true; }

    grpc::Status ListJourneys(grpc::ServerContext* context,
                              const watchfloor::v1::ListJourneysRequest* request,
                              watchfloor::v1::ListJourneysResponse* response) override;
    grpc::Status StreamHealth(grpc::ServerContext* context,
                              const watchfloor::v1::StreamHealthRequest* request,
                              grpc::ServerWriter<watchfloor::v1::HealthEvent>* writer) override;
    grpc::Status GetHistory(grpc::ServerContext* context,
                            const watchfloor::v1::GetHistoryRequest* request,
                            watchfloor::v1::GetHistoryResponse* response) override;

private:
    SimulatedPlatform& platform_;
    std::atomic<bool> shuttingDown_{false};
};

}  // namespace wfsim
