#include "vendor_catalog.h"

#include "journey_catalog.h"

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

const JourneyCatalog& journeys()
{
    static const JourneyCatalog kCatalog;
    return kCatalog;
}

}  // namespace

const std::vector<VendorDefinition>& VendorCatalog::vendors()
{
    static const std::vector<VendorDefinition> kVendors = {
        {"payments-acme",
         "Acme Payments",
         v1::VENDOR_CATEGORY_PAYMENT_PROVIDER,
         {"payment-authorization", "checkout-availability"},
         1800,
         0.004,
         220},
        {"payments-globex",
         "Globex Pay",
         v1::VENDOR_CATEGORY_PAYMENT_PROVIDER,
         {"payment-authorization", "checkout-availability"},
         1800,
         0.005,
         260},
        {"fraud-sentinel",
         "Sentinel Fraud Screening",
         v1::VENDOR_CATEGORY_FRAUD,
         {"payment-authorization"},
         1800,
         0.002,
         90},
        {"tax-ledger",
         "TaxLedger",
         v1::VENDOR_CATEGORY_TAX,
         {"checkout-latency", "checkout-availability"},
         2400,
         0.002,
         70},
        {"shipping-parcelly",
         "Parcelly Rates",
         v1::VENDOR_CATEGORY_SHIPPING,
         {"checkout-latency"},
         2400,
         0.003,
         110},
    };
    return kVendors;
}

const std::vector<CategoryDefinition>& VendorCatalog::categories()
{
    static const std::vector<CategoryDefinition> kCategories = {
        {v1::VENDOR_CATEGORY_PAYMENT_PROVIDER, "payments-acme", "payments-globex"},
        {v1::VENDOR_CATEGORY_FRAUD, "fraud-sentinel", ""},
        {v1::VENDOR_CATEGORY_TAX, "tax-ledger", ""},
        {v1::VENDOR_CATEGORY_SHIPPING, "shipping-parcelly", ""},
    };
    return kCategories;
}

int VendorCatalog::index(std::string_view id)
{
    const auto& all = vendors();
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

const CategoryDefinition* VendorCatalog::category(v1::VendorCategory category)
{
    for (const CategoryDefinition& c : categories()) {
        if (c.category == category)
            return &c;
    }
    return nullptr;
}

std::string VendorCatalog::idList()
{
    std::string out;
    for (const VendorDefinition& v : vendors())
        out += (out.empty() ? "" : ", ") + v.id;
    return out;
}

std::string VendorCatalog::categoryName(v1::VendorCategory category)
{
    switch (category) {
        case v1::VENDOR_CATEGORY_PAYMENT_PROVIDER: return "payment providers";
        case v1::VENDOR_CATEGORY_FRAUD: return "fraud";
        case v1::VENDOR_CATEGORY_TAX: return "tax";
        case v1::VENDOR_CATEGORY_SHIPPING: return "shipping";
        default: return "unspecified";
    }
}

std::string VendorCatalog::categorySlug(v1::VendorCategory category)
{
    return category == v1::VENDOR_CATEGORY_PAYMENT_PROVIDER ? "payment-provider"
                                                            : categoryName(category);
}

std::vector<ScenarioEffect> VendorCatalog::impactsOf(const ScenarioVendorFailure& failure)
{
    const int v = index(failure.vendor);
    std::vector<ScenarioEffect> out;
    if (v < 0)
        return out;
    ScenarioEffect base;
    base.atSeconds = failure.atSeconds;
    base.durationSeconds = failure.durationSeconds;
    base.region = journeys().regionIndex(failure.region);
    base.note = failure.note;
    const auto add = [&](const char* journey, std::optional<double> sli,
                         std::optional<double> factor) {
        ScenarioEffect e = base;
        e.journey = journeys().journeyIndex(journey);
        e.sli = sli;
        e.latencyFactor = factor;
        out.push_back(e);
    };
    const v1::VendorCategory category = vendors()[static_cast<size_t>(v)].category;
    const double errors = failure.errorRate;
    if (errors > 0 && (category == v1::VENDOR_CATEGORY_PAYMENT_PROVIDER ||
                       category == v1::VENDOR_CATEGORY_FRAUD)) {
        add("payment-authorization", 1 - 0.9 * errors, std::nullopt);
    }
    if (errors > 0 && category == v1::VENDOR_CATEGORY_TAX)
        add("checkout-availability", 1 - 0.5 * errors, std::nullopt);
    if (failure.latencyFactor != 1 &&
        (category == v1::VENDOR_CATEGORY_TAX || category == v1::VENDOR_CATEGORY_SHIPPING)) {
        add("checkout-latency", std::nullopt, 1 + 0.5 * (failure.latencyFactor - 1));
    }
    return out;
}

}  // namespace wfsim
