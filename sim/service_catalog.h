#pragma once

// The services the simulated platform deploys, and the journeys each takes
// part in (a deploy's blast radius).

#include <string>
#include <string_view>
#include <vector>

namespace wfsim {

struct ServiceDefinition {
    std::string id;                     // "payments-api"
    std::vector<std::string> journeys;  // "payment-authorization"
};

class ServiceCatalog {
public:
    static const std::vector<ServiceDefinition>& services();
    // -1 when unknown.
    static int index(std::string_view id);
    // "checkout-api, payments-api, ..."
    static std::string idList();
};

}  // namespace wfsim
