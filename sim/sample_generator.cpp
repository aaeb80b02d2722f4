#include "sample_generator.h"

#include "sample_random.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace wfsim {

namespace {

constexpr double kDaySeconds = 86400;
constexpr uint64_t kErrorStream = 0x100;  // keeps error draws apart from traffic draws

// Bad events around `mean`: Poisson (by inversion) for small means, where the
// normal approximation would be biased by rounding and clamping; normal with
// sd sqrt(mean) above.
int64_t drawCount(double mean, const SampleRandom& random, uint64_t k0)
{
    if (mean <= 0)
        return 0;
    if (mean >= 30)
        return std::llround(mean + std::sqrt(mean) * random.normal(k0));
    const double u = random.uniform(k0);
    double p = std::exp(-mean);
    double cdf = p;
    int64_t k = 0;
    while (u > cdf && k < 200) {
        ++k;
        p *= mean / static_cast<double>(k);
        cdf += p;
    }
    return k;
}

}  // namespace

SampleGenerator::SampleGenerator(uint64_t seed, const JourneyCatalog& catalog,
                                 const Scenario& scenario, int64_t startSeconds,
                                 const EffectTimeline* timeline,
                                 const std::vector<ScenarioEffect>& history)
    : seed_(seed),
      startSeconds_(startSeconds),
      timeline_(timeline && !timeline->empty() ? timeline : nullptr)
{
    for (int s = 0; s < JourneyCatalog::kSeriesCount; ++s) {
        const JourneyDefinition& journey = catalog.journey(JourneyCatalog::journeyOfSeries(s));
        const RegionDefinition& region = catalog.region(JourneyCatalog::regionOfSeries(s));
        SeriesModel& m = series_[s];
        m.trafficSeries =
            JourneyCatalog::seriesIndex(journey.trafficJourney, JourneyCatalog::regionOfSeries(s));
        m.peakRate = journey.peakRequestsPerSecond * region.trafficWeight;
        m.utcOffsetSeconds = region.utcOffsetHours * 3600;
        m.baseErrorRatio = journey.baseErrorRatio;
        m.medianMs = journey.medianLatencyMs;
        m.latencyThresholdMs = journey.kind == SliKind::Latency ? journey.latencyThresholdMs : 0;
        for (const ScenarioEffect& effect : scenario.effects) {
            if (effect.covers(s))
                m.effects.push_back(effect);
        }
        for (const ScenarioEffect& effect : history) {
            if (effect.covers(s))
                m.effects.push_back(effect);
        }
    }
}

double SampleGenerator::latencyTail(double p50Ms, double thresholdMs)
{
    const double z = std::log(thresholdMs / p50Ms) / kLatencySigma;
    return 0.5 * std::erfc(z / std::numbers::sqrt2);
}

GeneratedSample SampleGenerator::generate(int series, int64_t intervalStart,
                                          int64_t intervalSeconds) const
{
    static const double k95 = std::exp(1.645 * kLatencySigma);
    static const double k99 = std::exp(2.326 * kLatencySigma);
    const SeriesModel& m = series_[series];
    const SampleRandom traffic(seed_, static_cast<uint64_t>(m.trafficSeries), intervalStart,
                               intervalSeconds);
    const SampleRandom own(seed_, kErrorStream + static_cast<uint64_t>(series), intervalStart,
                           intervalSeconds);

    // Traffic on the region's local clock, at the middle of the interval.
    const double length = static_cast<double>(intervalSeconds);
    const double local = static_cast<double>(intervalStart) + length / 2 + m.utcOffsetSeconds;
    const double hour = std::fmod(std::fmod(local, kDaySeconds) + kDaySeconds, kDaySeconds) / 3600;
    const double diurnal =
        0.55 + 0.45 * (0.5 - 0.5 * std::cos(2 * std::numbers::pi * (hour - 4) / 24));
    GeneratedSample out;
    out.valid = std::max<int64_t>(
        0, std::llround(m.peakRate * length * diurnal * traffic.uniform(0, 0.92, 1.08)));

    // Scenario effects over the interval, relative to the simulated start.
    const double from = static_cast<double>(intervalStart - startSeconds_);
    const double to = from + length;
    double latencyFactor = 1;
    for (const ScenarioEffect& e : m.effects) {
        if (e.latencyFactor && to > e.atSeconds && from < e.endSeconds())
            latencyFactor *= 1 + e.meanIntensity(from, to) * (*e.latencyFactor - 1);
    }
    // Deploy and flag effects: (strength, effect) over this interval.
    std::vector<std::pair<double, const ScenarioEffect*>> timed;
    const EffectTimeline::Snapshot snapshot = timeline_ ? timeline_->snapshot() : nullptr;
    if (snapshot) {
        for (const TimedEffect& e : *snapshot) {
            if (!e.effect.covers(series))
                continue;
            const double w = e.meanIntensity(from, to);
            if (w <= 0)
                continue;
            timed.emplace_back(w, &e.effect);
            if (e.effect.latencyFactor)
                latencyFactor *= 1 + w * (*e.effect.latencyFactor - 1);
        }
    }

    out.p50Ms = m.medianMs * latencyFactor * traffic.uniform(1, 0.95, 1.05);
    out.p95Ms = out.p50Ms * k95 * traffic.uniform(2, 0.95, 1.05);
    out.p99Ms = out.p50Ms * k99 * traffic.uniform(3, 0.95, 1.05);

    const double base = m.latencyThresholdMs > 0 ? latencyTail(out.p50Ms, m.latencyThresholdMs)
                                                 : m.baseErrorRatio * own.uniform(0, 0.7, 1.3);
    double errorRatio = base;
    bool overridden = false;
    for (const ScenarioEffect& e : m.effects) {
        if (!e.sli || to <= e.atSeconds || from >= e.endSeconds())
            continue;
        const double w = e.meanIntensity(from, to);
        const double ratio = (1 - w) * base + w * (1 - *e.sli);
        errorRatio = overridden ? std::max(errorRatio, ratio) : ratio;
        overridden = true;
    }
    for (const auto& [w, e] : timed) {
        if (!e->sli)
            continue;
        const double ratio = (1 - w) * base + w * (1 - *e->sli);
        errorRatio = overridden ? std::max(errorRatio, ratio) : ratio;
        overridden = true;
    }

    const double mean = static_cast<double>(out.valid) * errorRatio;
    const int64_t bad = std::clamp<int64_t>(drawCount(mean, own, 1), 0, out.valid);
    out.good = out.valid - bad;
    return out;
}

}  // namespace wfsim
