#include "vendor_meter.h"

#include "journey_catalog.h"
#include "sample_random.h"
#include "vendor_catalog.h"

#include <algorithm>
#include <cmath>

namespace wfsim {

namespace {

constexpr uint64_t kVendorStream = 0x7E4D0;

const JourneyCatalog& journeys()
{
    static const JourneyCatalog kCatalog;
    return kCatalog;
}

size_t slot(size_t vendor, int region)
{
    return vendor * JourneyCatalog::kRegionCount + static_cast<size_t>(region);
}

}  // namespace

VendorMeter::VendorMeter(uint64_t seed, const Scenario& scenario, int64_t startSeconds)
    : seed_(seed),
      startSeconds_(startSeconds),
      failures_(scenario.vendorFailures),
      byVendorRegion_(VendorCatalog::vendors().size() * JourneyCatalog::kRegionCount)
{
    for (size_t i = 0; i < failures_.size(); ++i) {
        const int v = VendorCatalog::index(failures_[i].vendor);
        const int r = journeys().regionIndex(failures_[i].region);
        if (v >= 0 && r >= 0)
            byVendorRegion_[slot(static_cast<size_t>(v), r)].push_back(i);
    }
}

const std::vector<size_t>& VendorMeter::failuresOf(size_t vendor, int region) const
{
    return byVendorRegion_[slot(vendor, region)];
}

VendorWindow VendorMeter::measure(size_t vendor, int region, int64_t windowStart,
                                  bool serving) const
{
    const VendorDefinition& def = VendorCatalog::vendors()[vendor];
    const SampleRandom random(seed_, kVendorStream + slot(vendor, region), windowStart,
                              kWindowSeconds);
    const double perWindow = static_cast<double>(kWindowSeconds) / 60;
    const double rate = serving ? def.callsPerMinute * journeys().region(region).trafficWeight
                                : VendorCatalog::kProbeCallsPerMinute;
    VendorWindow out;
    out.calls = std::llround(rate * perWindow * random.uniform(0, 0.92, 1.08));

    const double middle =
        static_cast<double>(windowStart - startSeconds_) + static_cast<double>(kWindowSeconds) / 2;
    double errorRate = def.baseErrorRate * random.uniform(1, 0.7, 1.3);
    double factor = 1;
    for (size_t i : failuresOf(vendor, region)) {
        const ScenarioVendorFailure& f = failures_[i];
        if (!f.activeAt(middle))
            continue;
        if (f.errorRate > 0)
            errorRate = std::max(errorRate, f.errorRate * random.uniform(2, 0.95, 1.05));
        factor *= f.latencyFactor;
    }
    errorRate = std::clamp(errorRate, 0.0, 1.0);
    const double mean = static_cast<double>(out.calls) * errorRate;
    const double drawn = mean + std::sqrt(mean * (1 - errorRate)) * random.normal(3);
    out.errors = std::clamp<int64_t>(std::llround(drawn), 0, out.calls);
    out.p50Ms = def.p50Ms * factor * random.uniform(5, 0.93, 1.07);
    out.p95Ms = out.p50Ms * 2.3 * random.uniform(6, 0.95, 1.05);
    out.p99Ms = out.p50Ms * 4.1 * random.uniform(7, 0.95, 1.05);
    return out;
}

int VendorMeter::published(size_t vendor, int region, double unixSeconds) const
{
    const double t = unixSeconds - static_cast<double>(startSeconds_);
    int status = watchfloor::v1::PUBLISHED_STATUS_OPERATIONAL;
    for (size_t i : failuresOf(vendor, region)) {
        if (failures_[i].activeAt(t))
            status = std::max(status, failures_[i].publishedAt(t));
    }
    return status;
}

}  // namespace wfsim
