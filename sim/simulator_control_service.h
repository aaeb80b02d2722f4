#pragma once

// watchfloor.v1.SimulatorControl: what the simulator really applied, and
// simulated lost responses. For tests and demos; any caller the platform
// accepts may use it.

#include "simulated_platform.h"
#include "watchfloor/v1/simulator_control.grpc.pb.h"

namespace wfsim {

class SimulatorControlService final : public watchfloor::v1::SimulatorControl::Service {
public:
    explicit SimulatorControlService(SimulatedPlatform& platform) : platform_(platform) {}

    grpc::Status ListAppliedActions(grpc::ServerContext* context,
                                    const watchfloor::v1::ListAppliedActionsRequest* request,
                                    watchfloor::v1::ListAppliedActionsResponse* response) override;
    grpc::Status SetFaults(grpc::ServerContext* context,
                           const watchfloor::v1::SetFaultsRequest* request,
                           watchfloor::v1::SetFaultsResponse* response) override;

private:
    SimulatedPlatform& platform_;
};

}  // namespace wfsim
