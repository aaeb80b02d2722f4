#pragma once

// Where samples exist in time, and their sequence numbers.
//
// Live ticks: tick k >= 0 covers [start + 10k s, start + 10(k+1) s) and is
// complete once the simulated clock reaches its end; its sample for series
// idx has sequence k * 15 + idx + 1. Recorded history before the start, like
// a platform's downsampled retention (sequence 0): 10-second intervals over
// the last 6 hours before the start, 5-minute intervals over the last 35 days
// (or all of it when shorter), 1-hour intervals before that, back to
// `historyDays` before the start (default 35: no hourly part).

#include "journey_catalog.h"

#include <algorithm>
#include <cstdint>

namespace wfsim {

class SampleTimeline {
public:
    static constexpr int64_t kTickSeconds = 10;
    static constexpr int64_t kCoarseSeconds = 300;
    static constexpr int64_t kFineHistorySeconds = 6 * 3600;
    static constexpr int64_t kHourlySeconds = 3600;
    static constexpr int kDefaultHistoryDays = 35;
    static constexpr int64_t kRetentionSeconds = kDefaultHistoryDays * 86400;  // 5-minute part
    static constexpr int kSeries = JourneyCatalog::kSeriesCount;

    explicit SampleTimeline(int64_t startSeconds, int historyDays = kDefaultHistoryDays)
        : start_(startSeconds), historySeconds_(int64_t{historyDays} * 86400)
    {
    }

    int64_t startSeconds() const { return start_; }
    // Where recorded history begins.
    int64_t retentionStart() const { return start_ - historySeconds_; }
    // Where the 5-minute intervals begin (the hourly ones end).
    int64_t coarseStart() const { return start_ - std::min(historySeconds_, kRetentionSeconds); }
    int64_t tickStart(int64_t tick) const { return start_ + tick * kTickSeconds; }
    // Ticks complete at `nowMs`; the newest complete tick is this minus one.
    int64_t completedTicks(int64_t nowMs) const;

    static uint64_t sequence(int64_t tick, int series)
    {
        return static_cast<uint64_t>(tick) * kSeries + static_cast<uint64_t>(series) + 1;
    }
    // The last sequence of the first `ticks` ticks.
    static uint64_t lastSequence(int64_t ticks) { return static_cast<uint64_t>(ticks) * kSeries; }
    static int64_t tickOfSequence(uint64_t sequence)
    {
        return static_cast<int64_t>((sequence - 1) / kSeries);
    }
    static int seriesOfSequence(uint64_t sequence)
    {
        return static_cast<int>((sequence - 1) % kSeries);
    }

    struct Interval {
        int64_t start;    // Unix seconds
        int64_t seconds;  // length
        int64_t tick;     // live tick, or -1 for recorded history
    };

    // Calls fn(Interval) for every interval starting in [from, to), in time
    // order; live ticks only if complete (below `completedTicks`).
    template <typename Fn>
    void forEachInterval(int64_t from, int64_t to, int64_t completedTicks, Fn&& fn) const
    {
        const int64_t hourlyFirst = retentionStart();
        const int64_t coarseFirst = coarseStart();
        const int64_t fineFirst = start_ - kFineHistorySeconds;
        for (int64_t t =
                 hourlyFirst + kHourlySeconds * firstStep(from - hourlyFirst, kHourlySeconds);
             t < to && t < coarseFirst; t += kHourlySeconds) {
            fn(Interval{t, kHourlySeconds, -1});
        }
        for (int64_t t =
                 coarseFirst + kCoarseSeconds * firstStep(from - coarseFirst, kCoarseSeconds);
             t < to && t < fineFirst; t += kCoarseSeconds) {
            fn(Interval{t, kCoarseSeconds, -1});
        }
        for (int64_t t = fineFirst + kTickSeconds * firstStep(from - fineFirst, kTickSeconds);
             t < to && t < start_; t += kTickSeconds) {
            fn(Interval{t, kTickSeconds, -1});
        }
        for (int64_t k = firstStep(from - start_, kTickSeconds);
             k < completedTicks && tickStart(k) < to; ++k) {
            fn(Interval{tickStart(k), kTickSeconds, k});
        }
    }

private:
    // The first step index n >= 0 with n * step >= offset.
    static int64_t firstStep(int64_t offset, int64_t step)
    {
        return offset <= 0 ? 0 : (offset + step - 1) / step;
    }

    int64_t start_;
    int64_t historySeconds_;
};

}  // namespace wfsim
