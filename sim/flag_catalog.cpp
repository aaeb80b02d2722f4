#include "flag_catalog.h"

#include <algorithm>
#include <cstdio>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr auto kKill = v1::FLAG_KIND_KILL_SWITCH;
constexpr auto kRelease = v1::FLAG_KIND_RELEASE;
constexpr auto kExperiment = v1::FLAG_KIND_EXPERIMENT;
constexpr auto kOperational = v1::FLAG_KIND_OPERATIONAL;

const char* const kAreas[] = {"cart",     "catalog",  "checkout", "growth", "orders",
                              "payments", "platform", "pricing",  "search"};

}  // namespace

const std::vector<FlagDefinition>& FlagCatalog::named()
{
    static const std::vector<FlagDefinition> kNamed = {
        {"payments.3ds-v2-flow",
         "3-D Secure v2 challenge flow for card payments",
         kKill,
         "payments-team",
         {"payment-authorization"}},
        {"payments.apple-pay",
         "Apple Pay at checkout",
         kRelease,
         "payments-team",
         {"payment-authorization"}},
        {"payments.retry-soft-declines",
         "Retry soft declines once with the backup acquirer",
         kOperational,
         "payments-team",
         {"payment-authorization"}},
        {"payments.fraud-precheck",
         "Synchronous fraud pre-check before authorization",
         kKill,
         "payments-team",
         {"payment-authorization"}},
        {"payments.network-tokens",
         "Network tokens instead of PANs for stored cards",
         kRelease,
         "payments-team",
         {"payment-authorization"}},
        {"checkout.recommendations-widget",
         "Product recommendations on the checkout page",
         kKill,
         "checkout-team",
         {"checkout-latency"}},
        {"checkout.address-autocomplete",
         "Address autocomplete from the geocoding vendor",
         kKill,
         "checkout-team",
         {"checkout-latency"}},
        {"checkout.express-checkout",
         "Express checkout for signed-in customers",
         kRelease,
         "checkout-team",
         {"checkout-availability"}},
        {"checkout.one-page-flow",
         "Single-page checkout instead of three steps",
         kExperiment,
         "checkout-team",
         {"checkout-availability", "checkout-latency"}},
        {"checkout.gift-wrapping", "Gift wrapping option", kRelease, "checkout-team", {}},
        {"checkout.tax-estimate-cache",
         "Cache tax estimates for 10 minutes",
         kOperational,
         "checkout-team",
         {"checkout-latency"}},
        {"orders.async-confirmation",
         "Confirm orders asynchronously through the queue",
         kKill,
         "orders-team",
         {"order-creation"}},
        {"orders.split-shipments",
         "Split an order into several shipments",
         kRelease,
         "orders-team",
         {"order-creation"}},
        {"orders.inventory-reservation",
         "Reserve inventory before payment",
         kOperational,
         "orders-team",
         {"order-creation"}},
        {"orders.legacy-erp-sync",
         "Synchronous copy of each order to the legacy ERP",
         kKill,
         "orders-team",
         {"order-creation"}},
        {"cart.saved-for-later",
         "Move cart items to a saved-for-later list",
         kRelease,
         "cart-team",
         {"add-to-cart"}},
        {"cart.price-refresh",
         "Refresh prices in the cart on every view",
         kOperational,
         "cart-team",
         {"add-to-cart"}},
        {"cart.bundle-suggestions",
         "Suggest bundles when an item is added",
         kExperiment,
         "cart-team",
         {"add-to-cart"}},
        {"cart.persistent-guest-cart",
         "Keep guest carts for 30 days",
         kRelease,
         "cart-team",
         {"add-to-cart"}},
        {"catalog.image-cdn-v2",
         "Product images from the new CDN",
         kRelease,
         "catalog-team",
         {"add-to-cart"}},
        {"catalog.stock-badges",
         "Live stock badges on product pages",
         kKill,
         "catalog-team",
         {"add-to-cart"}},
        {"catalog.reviews-summary",
         "Generated summary of product reviews",
         kExperiment,
         "catalog-team",
         {}},
        {"search.semantic-ranking",
         "Semantic ranking of search results",
         kExperiment,
         "search-team",
         {}},
        {"search.typo-tolerance", "Typo-tolerant search", kRelease, "search-team", {}},
        {"search.personalised-results",
         "Personalised search results",
         kExperiment,
         "search-team",
         {}},
        {"search.autocomplete", "Search suggestions while typing", kKill, "search-team", {}},
        {"pricing.dynamic-discounts",
         "Discounts computed per basket",
         kExperiment,
         "pricing-team",
         {"checkout-availability"}},
        {"pricing.currency-rounding-v2",
         "Currency rounding rules v2",
         kRelease,
         "pricing-team",
         {"checkout-availability"}},
        {"pricing.promo-stacking",
         "Allow two promotions on one order",
         kExperiment,
         "pricing-team",
         {"checkout-availability"}},
        {"pricing.price-cache-ttl",
         "Short price cache TTL (30 s instead of 5 min)",
         kOperational,
         "pricing-team",
         {"checkout-latency"}},
        {"growth.referral-banner",
         "Referral banner on the order confirmation",
         kExperiment,
         "growth-team",
         {}},
        {"growth.newsletter-popup",
         "Newsletter pop-up for first-time visitors",
         kExperiment,
         "growth-team",
         {}},
        {"growth.loyalty-points",
         "Earn loyalty points at checkout",
         kRelease,
         "growth-team",
         {"checkout-availability"}},
        {"platform.read-replica-routing",
         "Route reads to the database replicas",
         kOperational,
         "platform-team",
         {"order-creation", "checkout-latency"}},
        {"platform.rate-limit-strict",
         "Strict per-client rate limits",
         kOperational,
         "platform-team",
         {"checkout-availability"}},
        {"platform.new-session-store",
         "Sessions in the new key-value store",
         kRelease,
         "platform-team",
         {"checkout-availability", "add-to-cart"}},
        {"platform.debug-tracing",
         "Trace every request (expensive)",
         kOperational,
         "platform-team",
         {}},
        {"shipping.carrier-rate-quotes",
         "Live carrier rate quotes at checkout",
         kKill,
         "shipping-team",
         {"checkout-latency"}},
        {"shipping.delivery-estimates",
         "Delivery date estimates on product pages",
         kRelease,
         "shipping-team",
         {}},
        {"tax.realtime-calculation",
         "Real-time tax calculation from the tax vendor",
         kKill,
         "tax-team",
         {"checkout-latency"}},
    };
    return kNamed;
}

FlagCatalog::FlagCatalog(int count) : flags_(named())
{
    const v1::FlagKind kinds[] = {kRelease, kExperiment, kOperational, kKill};
    for (int i = kNamedCount; i < std::min(count, kMaxCount); ++i) {
        const char* area = kAreas[i % std::size(kAreas)];
        char key[64];
        std::snprintf(key, sizeof key, "%s.feature-%04d", area, i + 1);
        flags_.push_back({key,
                          std::string("Generated flag ") + key,
                          kinds[i % 4],
                          std::string(area) + "-team",
                          {}});
    }
    std::sort(flags_.begin(), flags_.end(),
              [](const FlagDefinition& a, const FlagDefinition& b) { return a.key < b.key; });
}

bool FlagCatalog::isNamed(std::string_view key)
{
    for (const FlagDefinition& f : named()) {
        if (f.key == key)
            return true;
    }
    return false;
}

bool FlagCatalog::isEnvironment(std::string_view environment)
{
    return std::find(kEnvironments.begin(), kEnvironments.end(), environment) !=
           kEnvironments.end();
}

}  // namespace wfsim
