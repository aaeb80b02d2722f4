#include "journey_catalog.h"

namespace wfsim {

JourneyCatalog::JourneyCatalog()
    : journeys_{{
          {"checkout-availability", "Checkout availability",
           "Good: checkout requests answered without a server-side error. Valid: all checkout "
           "requests.",
           SliKind::Availability, 0.999, 0, 40, 0.0003, 180, 0},
          {"payment-authorization", "Payment authorization",
           "Good: authorizations approved. Valid: authorization attempts, excluding "
           "customer-caused declines (insufficient funds, wrong CVC, expired card).",
           SliKind::SuccessRate, 0.97, 0, 30, 0.0005, 350, 1},
          {"order-creation", "Order creation",
           "Good: checkouts that produced a persisted order. Valid: checkouts with a successful "
           "payment.",
           SliKind::SuccessRate, 0.995, 0, 28, 0.0012, 120, 2},
          {"checkout-latency", "Checkout latency",
           "Good: checkout requests served under 800 ms. Valid: all checkout requests.",
           SliKind::Latency, 0.95, 800, 40, 0, 180, 0},
          {"add-to-cart", "Add to cart",
           "Good: add-to-cart requests without a server-side error. Valid: all add-to-cart "
           "requests.",
           SliKind::Availability, 0.999, 0, 120, 0.0002, 60, 4},
      }},
      regions_{{
          {"us-east", 1.0, -5.0},
          {"eu-west", 0.8, 0.0},
          {"ap-south", 0.5, 5.5},
      }}
{
}

int JourneyCatalog::journeyIndex(std::string_view id) const
{
    for (int j = 0; j < kJourneyCount; ++j) {
        if (journeys_[j].id == id)
            return j;
    }
    return -1;
}

int JourneyCatalog::regionIndex(std::string_view id) const
{
    for (int r = 0; r < kRegionCount; ++r) {
        if (regions_[r].id == id)
            return r;
    }
    return -1;
}

std::string JourneyCatalog::journeyIdList() const
{
    std::string out;
    for (const auto& j : journeys_)
        out += (out.empty() ? "" : ", ") + j.id;
    return out;
}

std::string JourneyCatalog::regionIdList() const
{
    std::string out;
    for (const auto& r : regions_)
        out += (out.empty() ? "" : ", ") + r.id;
    return out;
}

}  // namespace wfsim
