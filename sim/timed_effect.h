#pragma once

// A scenario effect whose end is not known in advance: it ramps in from its
// start, and ends when an action closes it (a rollback, a flag switched
// back), ramping out from the closing time. Its strength at time t is
//   min(ramp-in(t), ramp-out_1(t), ramp-out_2(t), ...)
// clamped to [0, 1]: each close adds a ramp-out, so what was computed before
// the closing time never changes.

#include "scenario.h"

#include <string>
#include <vector>

namespace wfsim {

struct TimedEffect {
    struct RampOut {
        double from;  // strength 1 at `from`...
        double to;    // ... falling linearly to 0 at `to`
    };

    ScenarioEffect effect;  // at, ramp (in), journey, region, sli, latency_factor
    std::vector<RampOut> rampsOut;
    std::string owner;  // what opens and closes it: "deploy:0", "flag:key/env/region"

    // When it is over (infinity while open).
    double endSeconds() const;
    // Strength (0..1) at time t.
    double intensityAt(double t) const;
    // Mean strength over [from, to), exact for the piecewise-linear shape.
    double meanIntensity(double from, double to) const;
};

}  // namespace wfsim
