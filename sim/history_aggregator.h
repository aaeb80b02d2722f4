#pragma once

// Answers GetHistory from the (recomputed) sample log: the samples whose
// interval starts in [from, to), summed into buckets aligned to multiples of
// the resolution since the Unix epoch. Samples longer than the resolution
// are returned as they are.

#include "simulated_platform.h"
#include "watchfloor/v1/journey_health.pb.h"

#include <cstdint>

namespace wfsim {

class HistoryAggregator {
public:
    static constexpr int64_t kMaxBucketsPerSeries = 20000;

    explicit HistoryAggregator(const SimulatedPlatform& platform) : platform_(platform) {}

    // Buckets of `resolutionNanos` that the seconds [from, to) touch.
    static int64_t bucketCount(int64_t from, int64_t to, int64_t resolutionNanos);

    // Appends one HealthSeries per series in `seriesMask` (journey-major) and
    // returns the sequence to resume the stream after: the last sequence of
    // the newest live tick included, 0 if none.
    uint64_t fill(uint32_t seriesMask, int64_t from, int64_t to, int64_t resolutionNanos,
                  int64_t completedTicks, watchfloor::v1::GetHistoryResponse* out) const;

private:
    const SimulatedPlatform& platform_;
};

}  // namespace wfsim
