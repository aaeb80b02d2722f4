#pragma once

// A host:port to listen on ("127.0.0.1:0", "[::1]:7000", "localhost:7000").

#include <optional>
#include <string>

namespace wfsim {

class ListenAddress {
public:
    static std::optional<ListenAddress> parse(const std::string& text, std::string* error);

    const std::string& host() const { return host_; }
    int port() const { return port_; }
    // localhost, 127.0.0.0/8 or ::1.
    bool isLoopback() const;
    // host:port as gRPC expects it (IPv6 hosts in brackets).
    std::string withPort(int port) const;

private:
    std::string host_;
    int port_ = 0;
};

}  // namespace wfsim
