#include "history_aggregator.h"

#include "proto_time.h"

#include <algorithm>

namespace wfsim {

namespace {

constexpr int64_t kNanosPerSecond = 1000000000;

int64_t floorDiv(int64_t a, int64_t b)
{
    const int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

class Bucket {
public:
    bool empty() const { return count_ == 0; }

    void add(const GeneratedSample& s, int64_t seconds, uint64_t sequence)
    {
        seconds_ += seconds;
        good_ += s.good;
        valid_ += s.valid;
        const double w = static_cast<double>(s.valid);
        weighted_[0] += w * s.p50Ms;
        weighted_[1] += w * s.p95Ms;
        weighted_[2] += w * s.p99Ms;
        plain_[0] += s.p50Ms;
        plain_[1] += s.p95Ms;
        plain_[2] += s.p99Ms;
        sequence_ = std::max(sequence_, sequence);
        ++count_;
    }

    // Writes the bucket as a sample starting at `startNanos` and resets it.
    void emit(int64_t startNanos, watchfloor::v1::HealthSeries* series)
    {
        watchfloor::v1::HealthSample* out = series->add_samples();
        proto_time::setNanos(out->mutable_interval_start(), startNanos);
        proto_time::setSeconds(out->mutable_interval(), seconds_);
        out->set_good(good_);
        out->set_valid(valid_);
        // Valid-weighted means of the percentiles (an approximation); plain
        // means when nothing was valid.
        const double* sums = valid_ > 0 ? weighted_ : plain_;
        const double divisor = valid_ > 0 ? static_cast<double>(valid_) : count_;
        out->set_latency_p50_ms(sums[0] / divisor);
        out->set_latency_p95_ms(sums[1] / divisor);
        out->set_latency_p99_ms(sums[2] / divisor);
        out->set_sequence(sequence_);
        *this = Bucket();
    }

private:
    int64_t seconds_ = 0;
    int64_t good_ = 0;
    int64_t valid_ = 0;
    double weighted_[3] = {0, 0, 0};
    double plain_[3] = {0, 0, 0};
    uint64_t sequence_ = 0;
    int count_ = 0;
};

}  // namespace

int64_t HistoryAggregator::bucketCount(int64_t from, int64_t to, int64_t resolutionNanos)
{
    if (to <= from)
        return 0;
    // In seconds first, so that a tiny resolution over a long range cannot overflow.
    const int64_t approx = (to - from) / std::max<int64_t>(1, resolutionNanos / kNanosPerSecond);
    if (approx > kMaxBucketsPerSeries * 10)
        return approx;
    return floorDiv((to - 1) * kNanosPerSecond, resolutionNanos) -
           floorDiv(from * kNanosPerSecond, resolutionNanos) + 1;
}

uint64_t HistoryAggregator::fill(uint32_t seriesMask, int64_t from, int64_t to,
                                 int64_t resolutionNanos, int64_t completedTicks,
                                 watchfloor::v1::GetHistoryResponse* out) const
{
    const JourneyCatalog& catalog = platform_.catalog();
    const SampleGenerator& generator = platform_.generator();
    const int64_t buckets = bucketCount(from, to, resolutionNanos);
    int64_t newestTick = -1;
    for (int s = 0; s < JourneyCatalog::kSeriesCount; ++s) {
        if (!(seriesMask & (1u << s)))
            continue;
        watchfloor::v1::HealthSeries* series = out->add_series();
        series->set_journey_id(catalog.journey(JourneyCatalog::journeyOfSeries(s)).id);
        series->set_region(catalog.region(JourneyCatalog::regionOfSeries(s)).id);
        series->mutable_samples()->Reserve(static_cast<int>(std::min<int64_t>(buckets, 1 << 16)));
        Bucket bucket;
        int64_t bucketKey = 0;
        platform_.timeline().forEachInterval(
            from, to, completedTicks, [&](const SampleTimeline::Interval& interval) {
                const GeneratedSample sample =
                    generator.generate(s, interval.start, interval.seconds);
                const uint64_t sequence =
                    interval.tick >= 0 ? SampleTimeline::sequence(interval.tick, s) : 0;
                newestTick = std::max(newestTick, interval.tick);
                const int64_t startNanos = interval.start * kNanosPerSecond;
                if (resolutionNanos < interval.seconds * kNanosPerSecond) {
                    // Finer than the recorded interval: return it unchanged.
                    if (!bucket.empty())
                        bucket.emit(bucketKey * resolutionNanos, series);
                    bucket.add(sample, interval.seconds, sequence);
                    bucket.emit(startNanos, series);
                    return;
                }
                const int64_t key = floorDiv(startNanos, resolutionNanos);
                if (!bucket.empty() && key != bucketKey)
                    bucket.emit(bucketKey * resolutionNanos, series);
                bucketKey = key;
                bucket.add(sample, interval.seconds, sequence);
            });
        if (!bucket.empty())
            bucket.emit(bucketKey * resolutionNanos, series);
    }
    return newestTick >= 0 ? SampleTimeline::lastSequence(newestTick + 1) : 0;
}

}  // namespace wfsim
