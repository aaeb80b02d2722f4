#pragma once

// watchfloor.v1.SessionService: who the caller is, from the bearer token.

#include "simulated_platform.h"
#include "watchfloor/v1/session.grpc.pb.h"

namespace wfsim {

class SessionService final : public watchfloor::v1::SessionService::Service {
public:
    explicit SessionService(SimulatedPlatform& platform) : platform_(platform) {}

    grpc::Status WhoAmI(grpc::ServerContext* context, const watchfloor::v1::WhoAmIRequest* request,
                        watchfloor::v1::WhoAmIResponse* response) override;

private:
    SimulatedPlatform& platform_;
};

}  // namespace wfsim
