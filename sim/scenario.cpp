#include "scenario.h"

#include <algorithm>

namespace wfsim {

namespace {

// Integral over [x0, x1] of the line through (a, wa) and (b, wb), clipped to [a, b].
double segmentIntegral(double a, double wa, double b, double wb, double x0, double x1)
{
    const double lo = std::max(a, x0);
    const double hi = std::min(b, x1);
    if (hi <= lo)
        return 0;
    const auto at = [&](double x) { return b > a ? wa + (wb - wa) * (x - a) / (b - a) : wa; };
    return (hi - lo) * (at(lo) + at(hi)) / 2;
}

constexpr std::array<const char*, 6> kFaultNames = {
    "nan_latency",     "negative_count",    "good_exceeds_valid",
    "unknown_journey", "oversized_message", "close_stream",
};

}  // namespace

bool ScenarioEffect::covers(int series) const
{
    return (journey < 0 || journey == JourneyCatalog::journeyOfSeries(series)) &&
           (region < 0 || region == JourneyCatalog::regionOfSeries(series));
}

double ScenarioEffect::meanIntensity(double from, double to) const
{
    const double end = endSeconds();
    if (to <= atSeconds || from >= end || to <= from)
        return 0;
    const double ramp = std::min(rampSeconds, durationSeconds / 2);
    const double sum = segmentIntegral(atSeconds, 0, atSeconds + ramp, 1, from, to) +
                       segmentIntegral(atSeconds + ramp, 1, end - ramp, 1, from, to) +
                       segmentIntegral(end - ramp, 1, end, 0, from, to);
    return std::clamp(sum / (to - from), 0.0, 1.0);
}

const char* ScenarioFault::kindName(FaultKind kind)
{
    return kFaultNames[static_cast<size_t>(kind)];
}

std::optional<FaultKind> ScenarioFault::kindFromName(const std::string& name)
{
    for (size_t i = 0; i < kFaultNames.size(); ++i) {
        if (name == kFaultNames[i])
            return static_cast<FaultKind>(i);
    }
    return std::nullopt;
}

int ScenarioVendorFailure::publishedAt(double t) const
{
    constexpr int kOperational = 1;
    if (!activeAt(t))
        return kOperational;
    if (publishedAfterSeconds && t >= atSeconds + *publishedAfterSeconds)
        return publishedThen;
    return publishedStatus;
}

}  // namespace wfsim
