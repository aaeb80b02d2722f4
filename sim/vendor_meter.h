#pragma once

// What the platform measures of its calls to one vendor in one region over
// one 10 s window, as a pure function of (seed, vendor, region, window,
// scenario, serving): a serving vendor gets its category's traffic (the
// region's weight, +-8% noise), one that does not only health probes (one
// call a second). Error rate around the vendor's usual one (+-30%), or the
// scenario failure's (+-5%) while it fails; latency lognormal-like around
// its median, times the failure's latency factor.

#include "scenario.h"

#include <cstdint>
#include <vector>

namespace wfsim {

struct VendorWindow {
    int64_t calls = 0;
    int64_t errors = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
};

class VendorMeter {
public:
    static constexpr int64_t kWindowSeconds = 10;

    VendorMeter(uint64_t seed, const Scenario& scenario, int64_t startSeconds);

    // The window [windowStart, windowStart + 10 s), Unix seconds.
    VendorWindow measure(size_t vendor, int region, int64_t windowStart, bool serving) const;
    // What the vendor's status page says at `unixSeconds` (PublishedStatus).
    int published(size_t vendor, int region, double unixSeconds) const;
    // Indexes of the scenario failures of this vendor in this region.
    const std::vector<size_t>& failuresOf(size_t vendor, int region) const;

private:
    uint64_t seed_;
    int64_t startSeconds_;
    std::vector<ScenarioVendorFailure> failures_;
    std::vector<std::vector<size_t>> byVendorRegion_;
};

}  // namespace wfsim
