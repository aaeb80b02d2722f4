#include "health_series.h"

#include <algorithm>

namespace wf {

void HealthSeries::Tier::clear()
{
    points.clear();
    cumulative.assign(1, Totals{});
    lastSequence = 0;
}

void HealthSeries::Tier::push(const HealthPoint& p)
{
    points.push_back(p);
    Totals t = cumulative.back();
    t.good += p.good;
    t.valid += p.valid;
    t.coveredMs += p.intervalMs;
    cumulative.push_back(t);
    lastSequence = std::max(lastSequence, p.sequence);
}

void HealthSeries::Tier::dropFront(size_t n)
{
    n = std::min(n, points.size());
    if (n == 0)
        return;
    points.erase(points.begin(), points.begin() + qsizetype(n));
    // Totals stay cumulative from an older origin; differences are unchanged.
    cumulative.erase(cumulative.begin(), cumulative.begin() + qsizetype(n));
}

size_t HealthSeries::Tier::lowerBound(qint64 t) const
{
    auto it = std::lower_bound(points.begin(), points.end(), t,
                               [](const HealthPoint& p, qint64 v) { return p.startMs < v; });
    return size_t(it - points.begin());
}

WindowCounts HealthSeries::Tier::counts(qint64 fromMs, qint64 toMs) const
{
    WindowCounts c;
    c.lengthMs = toMs - fromMs;
    const size_t a = lowerBound(fromMs);
    const size_t b = lowerBound(toMs);
    if (b > a) {
        c.good = cumulative[b].good - cumulative[a].good;
        c.valid = cumulative[b].valid - cumulative[a].valid;
        c.coveredMs = cumulative[b].coveredMs - cumulative[a].coveredMs;
    }
    return c;
}

HealthSeries::HealthSeries(qint64 coarseBucketMs) : coarseBucketMs_(coarseBucketMs) {}

void HealthSeries::clear()
{
    fine_.clear();
    coarse_.clear();
}

void HealthSeries::setHistory(const QVector<HealthPoint>& fine, const QVector<HealthPoint>& coarse)
{
    clear();
    fine_.points.reserve(size_t(fine.size()) + 1024);
    fine_.cumulative.reserve(size_t(fine.size()) + 1025);
    for (const HealthPoint& p : fine)
        fine_.push(p);
    for (const HealthPoint& p : coarse)
        coarse_.push(p);
}

HealthSeries::AppendResult HealthSeries::append(const HealthPoint& p)
{
    if (p.sequence != 0 && p.sequence <= fine_.lastSequence)
        return AppendResult::Duplicate;
    if (!fine_.points.empty() && p.startMs < fine_.points.back().endMs())
        return AppendResult::OutOfOrder;
    fine_.push(p);
    if (p.sequence == 0 || p.sequence > coarse_.lastSequence)
        foldIntoCoarse(p);
    return AppendResult::Appended;
}

void HealthSeries::foldIntoCoarse(const HealthPoint& p)
{
    const qint64 bucketStart = p.startMs - (p.startMs % coarseBucketMs_);
    if (coarse_.points.empty() || coarse_.points.back().startMs < bucketStart) {
        HealthPoint b = p;
        b.startMs = bucketStart;
        coarse_.push(b);
        return;
    }
    HealthPoint& b = coarse_.points.back();
    if (b.startMs != bucketStart)
        return;  // older than the newest bucket: already counted there
    const double w0 = double(b.valid), w1 = double(p.valid);
    const double w = w0 + w1;
    if (w > 0) {
        b.p50Ms = float((b.p50Ms * w0 + p.p50Ms * w1) / w);
        b.p95Ms = float((b.p95Ms * w0 + p.p95Ms * w1) / w);
        b.p99Ms = float((b.p99Ms * w0 + p.p99Ms * w1) / w);
    }
    b.good += p.good;
    b.valid += p.valid;
    b.intervalMs += p.intervalMs;
    b.sequence = std::max(b.sequence, p.sequence);
    auto& t = coarse_.cumulative.back();
    t.good += p.good;
    t.valid += p.valid;
    t.coveredMs += p.intervalMs;
    coarse_.lastSequence = std::max(coarse_.lastSequence, p.sequence);
}

void HealthSeries::trim(qint64 fineRetentionMs, qint64 coarseRetentionMs)
{
    const qint64 end = latestEndMs();
    // Erase in chunks so appends stay amortised O(1).
    const size_t fineDrop = fine_.lowerBound(end - fineRetentionMs);
    if (fineDrop > 4096 || fineDrop > fine_.points.size() / 4)
        fine_.dropFront(fineDrop);
    const size_t coarseDrop = coarse_.lowerBound(end - coarseRetentionMs);
    if (coarseDrop > 256)
        coarse_.dropFront(coarseDrop);
}

WindowCounts HealthSeries::window(qint64 endMs, qint64 lengthMs) const
{
    const qint64 from = endMs - lengthMs;
    if (!fine_.points.empty() && fine_.points.front().startMs <= from)
        return fine_.counts(from, endMs);
    // The coarse tier counts whole buckets: align the start to a bucket so a
    // partly covered first bucket is not counted as a full one.
    const qint64 alignedFrom =
        from - (from % coarseBucketMs_) + (from % coarseBucketMs_ ? coarseBucketMs_ : 0);
    WindowCounts c = coarse_.counts(alignedFrom, endMs);
    c.lengthMs = lengthMs;
    return c;
}

qint64 HealthSeries::latestEndMs() const
{
    qint64 e = 0;
    if (!fine_.points.empty())
        e = fine_.points.back().endMs();
    if (!coarse_.points.empty())
        e = std::max(e, coarse_.points.back().startMs + coarse_.points.back().intervalMs);
    return e;
}

}  // namespace wf
