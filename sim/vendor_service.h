#pragma once

// watchfloor.v1.VendorService over the simulated platform's vendors.

#include "simulated_platform.h"
#include "watchfloor/v1/vendor.grpc.pb.h"

#include <atomic>

namespace wfsim {

class VendorService final : public watchfloor::v1::VendorService::Service {
public:
    explicit VendorService(SimulatedPlatform& platform) : platform_(platform) {}

    // Ends open streams promptly (call before grpc::Server::Shutdown).
    void beginShutdown() { shuttingDown_ = true; }

    grpc::Status ListVendors(grpc::ServerContext* context,
                             const watchfloor::v1::ListVendorsRequest* request,
                             watchfloor::v1::ListVendorsResponse* response) override;
    grpc::Status StreamVendorEvents(
        grpc::ServerContext* context, const watchfloor::v1::StreamVendorEventsRequest* request,
        grpc::ServerWriter<watchfloor::v1::VendorEvent>* writer) override;
    grpc::Status Failover(grpc::ServerContext* context,
                          const watchfloor::v1::FailoverRequest* request,
                          watchfloor::v1::FailoverResponse* response) override;
    grpc::Status Failback(grpc::ServerContext* context,
                          const watchfloor::v1::FailbackRequest* request,
                          watchfloor::v1::FailbackResponse* response) override;

private:
    // Everything Failover and Failback check before the idempotency store.
    grpc::Status checkChange(const Caller& caller, const watchfloor::v1::ActionContext& context,
                             watchfloor::v1::VendorCategory category, const std::string& region);

    SimulatedPlatform& platform_;
    std::atomic<bool> shuttingDown_{false};
};

}  // namespace wfsim
