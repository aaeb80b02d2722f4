#include "journey_chart_data.h"

#include "lttb.h"

#include <algorithm>

namespace wf {

namespace {

struct Bucket {
    qint64 startMs;
    qint64 good, valid;
    double p50w, p95w, p99w;  // valid-weighted sums
};

void collect(const HealthSeries::Tier& tier, qint64 from, qint64 to, std::vector<Bucket>& out)
{
    for (size_t i = tier.lowerBound(from); i < tier.points.size(); ++i) {
        const HealthPoint& p = tier.points[i];
        if (p.startMs >= to)
            break;
        const double w = double(p.valid);
        out.push_back({p.startMs, p.good, p.valid, p.p50Ms * w, p.p95Ms * w, p.p99Ms * w});
    }
}

}  // namespace

JourneyChartData buildJourneyChartData(const HealthStore& store, int journey, int region,
                                       qint64 rangeMs, int maxPoints)
{
    JourneyChartData d;
    d.toMs = store.latestMs();
    d.fromMs = d.toMs - rangeMs;
    if (journey < 0 || journey >= store.journeyCount())
        return d;

    const int r0 = region < 0 ? 0 : region;
    const int r1 = region < 0 ? store.regionCount() : region + 1;
    bool useFine = true;
    for (int r = r0; r < r1; ++r) {
        const auto& fine = store.series(journey, r).fine().points;
        if (fine.empty() || fine.front().startMs > d.fromMs + rangeMs / 50)
            useFine = false;
    }
    d.fromCoarseTier = !useFine;

    std::vector<Bucket> buckets;
    for (int r = r0; r < r1; ++r) {
        const HealthSeries& s = store.series(journey, r);
        collect(useFine ? s.fine() : s.coarse(), d.fromMs, d.toMs, buckets);
    }
    if (r1 - r0 > 1) {
        // Merge the regions' intervals that start at the same time.
        std::stable_sort(buckets.begin(), buckets.end(),
                         [](const Bucket& a, const Bucket& b) { return a.startMs < b.startMs; });
        size_t w = 0;
        for (size_t i = 0; i < buckets.size(); ++i) {
            if (w > 0 && buckets[w - 1].startMs == buckets[i].startMs) {
                Bucket& m = buckets[w - 1];
                m.good += buckets[i].good;
                m.valid += buckets[i].valid;
                m.p50w += buckets[i].p50w;
                m.p95w += buckets[i].p95w;
                m.p99w += buckets[i].p99w;
            } else {
                buckets[w++] = buckets[i];
            }
        }
        buckets.resize(w);
    }

    QList<QPointF> sli, p50, p95, p99;
    sli.reserve(qsizetype(buckets.size()));
    p50.reserve(qsizetype(buckets.size()));
    p95.reserve(qsizetype(buckets.size()));
    p99.reserve(qsizetype(buckets.size()));
    for (const Bucket& b : buckets) {
        if (b.valid <= 0)
            continue;  // no events: a gap, never a point at 0% or 100%
        const double x = double(b.startMs);
        const double v = double(b.valid);
        sli.append({x, 100.0 * double(b.good) / v});
        p50.append({x, b.p50w / v});
        p95.append({x, b.p95w / v});
        p99.append({x, b.p99w / v});
    }
    d.sourcePoints = sli.size();
    const qsizetype limit = std::max(3, maxPoints);
    d.sliPercent = downsampleLttb(sli, limit);
    d.p50Ms = downsampleLttb(p50, limit);
    d.p95Ms = downsampleLttb(p95, limit);
    d.p99Ms = downsampleLttb(p99, limit);
    return d;
}

}  // namespace wf
