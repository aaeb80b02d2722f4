#pragma once

// The platform's third-party vendors, the same in every region: two payment
// providers (payments-acme primary, payments-globex secondary), a fraud
// service, a tax service and a shipping-rates service; which one a category
// uses by default, and what a failing vendor does to the journeys while it
// serves its category (impactsOf).

#include "scenario.h"
#include "watchfloor/v1/vendor.pb.h"

#include <string>
#include <string_view>
#include <vector>

namespace wfsim {

struct VendorDefinition {
    std::string id;
    std::string displayName;
    watchfloor::v1::VendorCategory category;
    std::vector<std::string> journeys;  // blast radius
    double callsPerMinute;              // while serving, in a region of weight 1
    double baseErrorRate;
    double p50Ms;
};

struct CategoryDefinition {
    watchfloor::v1::VendorCategory category;
    std::string primary;
    std::string secondary;  // empty: no failover
};

class VendorCatalog {
public:
    // Calls a vendor that does not serve its category still gets (health probes).
    static constexpr double kProbeCallsPerMinute = 60;

    static const std::vector<VendorDefinition>& vendors();
    static const std::vector<CategoryDefinition>& categories();
    // -1 if unknown.
    static int index(std::string_view id);
    static const CategoryDefinition* category(watchfloor::v1::VendorCategory category);
    static std::string idList();
    // "payment providers", ...; categorySlug: "payment-provider", ...
    static std::string categoryName(watchfloor::v1::VendorCategory category);
    static std::string categorySlug(watchfloor::v1::VendorCategory category);

    // The journey effects of a failure while the vendor serves: payment
    // providers and fraud lower payment authorization (SLI 1 - 0.9 x error
    // rate); tax lowers checkout availability (1 - 0.5 x error rate); tax and
    // shipping slow checkout latency (median x 1 + 0.5 x (factor - 1)). Each
    // effect lasts the failure, in its region.
    static std::vector<ScenarioEffect> impactsOf(const ScenarioVendorFailure& failure);
};

}  // namespace wfsim
