#pragma once

// The gRPC server of the simulated platform: JourneyHealthService,
// SessionService, DeployService, FlagService, VendorService,
// ReconciliationService, IncidentService and SimulatorControl on one
// address, receive limit 4 MB, no send limit.

#include "deploy_service.h"
#include "flag_service.h"
#include "incident_service.h"
#include "journey_health_service.h"
#include "recon_service.h"
#include "session_service.h"
#include "simulated_platform.h"
#include "simulator_control_service.h"
#include "vendor_service.h"

#include <grpcpp/server.h>

#include <chrono>
#include <memory>
#include <string>

namespace wfsim {

class SimServer {
public:
    static constexpr int kMaxReceiveBytes = 4 * 1024 * 1024;

    explicit SimServer(SimulatedPlatform& platform);
    ~SimServer();

    // Binds `address` ("127.0.0.1:0" picks a free port) and starts serving.
    // Serves TLS (certificate chain and key, PEM); with a client CA, only
    // clients whose certificate it signed (mutual TLS). Before start().
    void setTls(std::string certChainPem, std::string keyPem, std::string clientCaPem = {});
    bool start(const std::string& address, std::string* error);
    // The bound port (after start).
    int port() const { return port_; }
    // Ends open streams, then waits up to `grace` for calls to finish.
    void shutdown(std::chrono::milliseconds grace = std::chrono::milliseconds(500));

private:
    JourneyHealthService service_;
    SessionService session_;
    DeployService deploys_;
    FlagService flags_;
    VendorService vendors_;
    ReconService recon_;
    IncidentService incidents_;
    SimulatorControlService control_;
    std::unique_ptr<grpc::Server> server_;
    int port_ = 0;
    std::string certChainPem_;
    std::string keyPem_;
    std::string clientCaPem_;
};

}  // namespace wfsim
