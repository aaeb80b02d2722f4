#include "listen_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace wfsim {

std::optional<ListenAddress> ListenAddress::parse(const std::string& text, std::string* error)
{
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
        *error = "listen address \"" + text + "\" must be HOST:PORT, e.g. 127.0.0.1:0";
        return std::nullopt;
    }
    ListenAddress address;
    address.host_ = text.substr(0, colon);
    if (address.host_.size() > 2 && address.host_.front() == '[' && address.host_.back() == ']')
        address.host_ = address.host_.substr(1, address.host_.size() - 2);
    const std::string port = text.substr(colon + 1);
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), address.port_);
    if (ec != std::errc() || end != port.data() + port.size() || address.port_ < 0 ||
        address.port_ > 65535) {
        *error = "listen address \"" + text + "\": port must be a number from 0 to 65535";
        return std::nullopt;
    }
    return address;
}

bool ListenAddress::isLoopback() const
{
    if (host_ == "localhost")
        return true;
    unsigned char bytes[16] = {};
    if (inet_pton(AF_INET, host_.c_str(), bytes) == 1)
        return bytes[0] == 127;
    static const unsigned char kIpv6Loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return inet_pton(AF_INET6, host_.c_str(), bytes) == 1 &&
           std::equal(bytes, bytes + 16, kIpv6Loopback);
}

std::string ListenAddress::withPort(int port) const
{
    const bool ipv6 = host_.find(':') != std::string::npos;
    return (ipv6 ? "[" + host_ + "]" : host_) + ":" + std::to_string(port);
}

}  // namespace wfsim
