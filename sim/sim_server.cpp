#include "sim_server.h"

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

namespace wfsim {

SimServer::SimServer(SimulatedPlatform& platform)
    : service_(platform),
      session_(platform),
      deploys_(platform),
      flags_(platform),
      vendors_(platform),
      recon_(platform),
      incidents_(platform),
      control_(platform)
{
}

SimServer::~SimServer()
{
    shutdown();
}

void SimServer::setTls(std::string certChainPem, std::string keyPem, std::string clientCaPem)
{
    certChainPem_ = std::move(certChainPem);
    keyPem_ = std::move(keyPem);
    clientCaPem_ = std::move(clientCaPem);
}

bool SimServer::start(const std::string& address, std::string* error)
{
    grpc::ServerBuilder builder;
    std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
    if (!certChainPem_.empty()) {
        grpc::SslServerCredentialsOptions tls(
            clientCaPem_.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                 : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
        tls.pem_root_certs = clientCaPem_;
        tls.pem_key_cert_pairs.push_back({keyPem_, certChainPem_});
        credentials = grpc::SslServerCredentials(tls);
    }
    builder.AddListeningPort(address, credentials, &port_);
    builder.RegisterService(&service_);
    builder.RegisterService(&session_);
    builder.RegisterService(&deploys_);
    builder.RegisterService(&flags_);
    builder.RegisterService(&vendors_);
    builder.RegisterService(&recon_);
    builder.RegisterService(&incidents_);
    builder.RegisterService(&control_);
    builder.SetMaxReceiveMessageSize(kMaxReceiveBytes);
    builder.SetMaxSendMessageSize(-1);
    server_ = builder.BuildAndStart();
    if (!server_ || port_ == 0) {
        *error = "cannot listen on " + address + " (address in use or not local?)";
        server_.reset();
        return false;
    }
    return true;
}

void SimServer::shutdown(std::chrono::milliseconds grace)
{
    if (!server_)
        return;
    service_.beginShutdown();
    deploys_.beginShutdown();
    flags_.beginShutdown();
    vendors_.beginShutdown();
    recon_.beginShutdown();
    incidents_.beginShutdown();
    server_->Shutdown(std::chrono::system_clock::now() + grace);
    server_->Wait();
    server_.reset();
}

}  // namespace wfsim
