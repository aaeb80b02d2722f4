#pragma once

// Computes the sample of one journey in one region over one interval as a
// pure function of (seed, series, interval start, interval length, scenario):
// no state, so any range of history can be recomputed and repeats exactly.
//
// Traffic follows the region's local day (trough at 04:00, peak at 16:00)
// with +-8% noise; bad events are drawn around valid * error ratio; latency
// is lognormal (sigma 0.5). Scenario effects change the error ratio and the
// latency median while they are active, with linear ramps. Effects of
// scenario deploys and flag changes come from an EffectTimeline, whose
// snapshot only changes after the present: samples of complete ticks repeat.

#include "effect_timeline.h"
#include "journey_catalog.h"
#include "scenario.h"

#include <array>
#include <cstdint>
#include <vector>

namespace wfsim {

struct GeneratedSample {
    int64_t good = 0;
    int64_t valid = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
};

class SampleGenerator {
public:
    static constexpr double kLatencySigma = 0.5;

    // `timeline` (may be null) must outlive the generator. `history`: more
    // effects like the scenario's (the backfilled incidents' dips).
    SampleGenerator(uint64_t seed, const JourneyCatalog& catalog, const Scenario& scenario,
                    int64_t startSeconds, const EffectTimeline* timeline = nullptr,
                    const std::vector<ScenarioEffect>& history = {});

    // `intervalStart` in Unix seconds.
    GeneratedSample generate(int series, int64_t intervalStart, int64_t intervalSeconds) const;

    uint64_t seed() const { return seed_; }
    int64_t startSeconds() const { return startSeconds_; }
    // Share of requests slower than `thresholdMs` for a lognormal with median `p50Ms`.
    static double latencyTail(double p50Ms, double thresholdMs);

private:
    struct SeriesModel {
        int trafficSeries = 0;  // series whose traffic and latency noise this one shares
        double peakRate = 0;    // requests per second at the daily peak
        double utcOffsetSeconds = 0;
        double baseErrorRatio = 0;
        double medianMs = 0;
        double latencyThresholdMs = 0;  // > 0 for latency journeys
        std::vector<ScenarioEffect> effects;
    };

    uint64_t seed_;
    int64_t startSeconds_;
    const EffectTimeline* timeline_;
    std::array<SeriesModel, JourneyCatalog::kSeriesCount> series_;
};

}  // namespace wfsim
