#include "timed_effect.h"

#include <algorithm>
#include <limits>

namespace wfsim {

namespace {

// y = slope * t + offset over the span where a ramp is between 0 and 1.
struct Line {
    double slope;
    double offset;
};

}  // namespace

double TimedEffect::endSeconds() const
{
    double end = std::numeric_limits<double>::infinity();
    for (const RampOut& r : rampsOut)
        end = std::min(end, r.to);
    return end;
}

double TimedEffect::intensityAt(double t) const
{
    const double at = effect.atSeconds;
    const double ramp = effect.rampSeconds;
    if (t < at)
        return 0;
    double w = ramp > 0 ? std::min(1.0, (t - at) / ramp) : 1.0;
    for (const RampOut& r : rampsOut) {
        if (t >= r.to)
            return 0;
        if (t > r.from)
            w = std::min(w, (r.to - t) / (r.to - r.from));
    }
    return std::clamp(w, 0.0, 1.0);
}

double TimedEffect::meanIntensity(double from, double to) const
{
    if (to <= from || to <= effect.atSeconds || from >= endSeconds())
        return 0;
    // Between consecutive break points (ramp corners and crossings of the
    // ramp lines) the strength is linear, so its mean there is its value at
    // the middle.
    std::vector<double> points = {from, to};
    std::vector<Line> lines;
    const auto corner = [&](double x) {
        if (x > from && x < to)
            points.push_back(x);
    };
    corner(effect.atSeconds);
    if (effect.rampSeconds > 0) {
        corner(effect.atSeconds + effect.rampSeconds);
        lines.push_back({1 / effect.rampSeconds, -effect.atSeconds / effect.rampSeconds});
    }
    for (const RampOut& r : rampsOut) {
        corner(r.from);
        corner(r.to);
        if (r.to > r.from)
            lines.push_back({-1 / (r.to - r.from), r.to / (r.to - r.from)});
    }
    for (size_t i = 0; i < lines.size(); ++i) {
        for (size_t k = i + 1; k < lines.size(); ++k) {
            if (lines[i].slope != lines[k].slope)
                corner((lines[k].offset - lines[i].offset) / (lines[i].slope - lines[k].slope));
        }
    }
    std::sort(points.begin(), points.end());
    double sum = 0;
    for (size_t i = 0; i + 1 < points.size(); ++i) {
        const double a = points[i];
        const double b = points[i + 1];
        if (b > a)
            sum += (b - a) * intensityAt((a + b) / 2);
    }
    return std::clamp(sum / (to - from), 0.0, 1.0);
}

}  // namespace wfsim
