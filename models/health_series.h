#pragma once

// Samples of one journey in one region, in two tiers:
//  - fine: intervals as recorded (10 s), kept for the last hours;
//  - coarse: fixed buckets (5 min) covering the SLO window, which live
//    samples are folded into as they arrive.
// Prefix sums make any window's counts an O(log n) lookup.

#include "health_types.h"
#include "slo_evaluation.h"

#include <vector>

namespace wf {

class HealthSeries {
public:
    static constexpr qint64 kDefaultFineRetentionMs = 8 * kHourMs;
    static constexpr qint64 kDefaultCoarseRetentionMs = 30 * kDayMs;

    enum class AppendResult { Appended, Duplicate, OutOfOrder };

    explicit HealthSeries(qint64 coarseBucketMs = 5 * kMinuteMs);

    void clear();
    // Replaces everything. Points must be in time order.
    void setHistory(const QVector<HealthPoint>& fine, const QVector<HealthPoint>& coarse);
    // A live sample. Dropped as Duplicate when its sequence was seen already.
    AppendResult append(const HealthPoint& p);
    // Drops what is older than the retention, relative to the newest sample.
    void trim(qint64 fineRetentionMs = kDefaultFineRetentionMs,
              qint64 coarseRetentionMs = kDefaultCoarseRetentionMs);

    // Counts of samples starting in [endMs - lengthMs, endMs), from the fine
    // tier when it reaches back far enough, else from the coarse tier.
    WindowCounts window(qint64 endMs, qint64 lengthMs) const;

    struct Tier {
        std::vector<HealthPoint> points;
        // cumulative[i] = totals of points[0..i); size points.size() + 1.
        struct Totals {
            qint64 good = 0, valid = 0, coveredMs = 0;
        };
        std::vector<Totals> cumulative{Totals{}};
        quint64 lastSequence = 0;

        void clear();
        void push(const HealthPoint& p);
        void dropFront(size_t n);
        // Index of the first point starting at or after t.
        size_t lowerBound(qint64 t) const;
        WindowCounts counts(qint64 fromMs, qint64 toMs) const;
    };

    const Tier& fine() const { return fine_; }
    const Tier& coarse() const { return coarse_; }
    qint64 coarseBucketMs() const { return coarseBucketMs_; }
    qint64 latestEndMs() const;
    quint64 lastSequence() const { return fine_.lastSequence; }

private:
    void foldIntoCoarse(const HealthPoint& p);

    qint64 coarseBucketMs_;
    Tier fine_;
    Tier coarse_;
};

}  // namespace wf
