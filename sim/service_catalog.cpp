#include "service_catalog.h"

namespace wfsim {

const std::vector<ServiceDefinition>& ServiceCatalog::services()
{
    static const std::vector<ServiceDefinition> kServices = {
        {"checkout-api", {"checkout-availability", "checkout-latency"}},
        {"payments-api", {"payment-authorization"}},
        {"orders-api", {"order-creation"}},
        {"cart-api", {"add-to-cart"}},
        {"catalog-api", {"add-to-cart", "checkout-latency"}},
    };
    return kServices;
}

int ServiceCatalog::index(std::string_view id)
{
    const auto& all = services();
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

std::string ServiceCatalog::idList()
{
    std::string out;
    for (const ServiceDefinition& s : services())
        out += (out.empty() ? "" : ", ") + s.id;
    return out;
}

}  // namespace wfsim
