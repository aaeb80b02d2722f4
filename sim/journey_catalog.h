#pragma once

// The journeys and regions the simulated platform measures, in their fixed
// order, with the traffic and error model behind each journey. A scenario
// may override objectives; everything else is fixed.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wfsim {

enum class SliKind { Availability, Latency, SuccessRate };

struct JourneyDefinition {
    std::string id;
    std::string displayName;
    std::string description;  // what counts as good / valid
    SliKind kind;
    double objective;
    double latencyThresholdMs;  // SliKind::Latency only, else 0
    // Traffic model.
    double peakRequestsPerSecond;  // in the busiest region (weight 1.0)
    double baseErrorRatio;         // bad / valid outside scenarios (not Latency)
    double medianLatencyMs;
    int trafficJourney;  // journey whose requests this one measures (itself, or checkout)
};

struct RegionDefinition {
    std::string id;
    double trafficWeight;
    double utcOffsetHours;
};

class JourneyCatalog {
public:
    static constexpr int kJourneyCount = 5;
    static constexpr int kRegionCount = 3;
    static constexpr int kSeriesCount = kJourneyCount * kRegionCount;
    static constexpr int64_t kSloWindowSeconds = 28LL * 24 * 3600;
    // The simulated shop's average order value (USD cents), for revenue estimates.
    static constexpr int64_t kAverageOrderValueCents = 6000;

    JourneyCatalog();

    const JourneyDefinition& journey(int j) const { return journeys_[j]; }
    const RegionDefinition& region(int r) const { return regions_[r]; }
    // -1 when unknown.
    int journeyIndex(std::string_view id) const;
    int regionIndex(std::string_view id) const;
    // "checkout-availability, payment-authorization, ..."
    std::string journeyIdList() const;
    std::string regionIdList() const;

    void setObjective(int j, double objective) { journeys_[j].objective = objective; }

    static int seriesIndex(int j, int r) { return j * kRegionCount + r; }
    static int journeyOfSeries(int series) { return series / kRegionCount; }
    static int regionOfSeries(int series) { return series % kRegionCount; }

private:
    std::array<JourneyDefinition, kJourneyCount> journeys_;
    std::array<RegionDefinition, kRegionCount> regions_;
};

}  // namespace wfsim
