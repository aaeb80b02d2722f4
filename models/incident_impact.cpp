#include "incident_impact.h"

#include "health_store.h"

#include <cmath>
#include <limits>

namespace wf {

void forEachAffectedSeries(const HealthStore& store, const Incident& incident,
                           const std::function<void(int journey, int region)>& fn)
{
    const PlatformCatalog& catalog = store.catalog();
    for (int j = 0; j < store.journeyCount(); ++j) {
        if (!incident.journeys.isEmpty() && !incident.journeys.contains(catalog.journeys[j].id))
            continue;
        for (int r = 0; r < store.regionCount(); ++r)
            if (incident.regions.isEmpty() || incident.regions.contains(catalog.regions.value(r)))
                fn(j, r);
    }
}

namespace {

// Adds the points of `tier` that start in [fromMs, toMs) to the row.
void addPoints(const std::vector<HealthPoint>& points, qint64 fromMs, qint64 toMs, double objective,
               JourneyImpact* row, qint64* belowMs)
{
    for (const HealthPoint& p : points) {
        if (p.startMs < fromMs || p.startMs >= toMs || p.valid <= 0)
            continue;
        row->failed += p.valid - p.good;
        row->valid += p.valid;
        if (double(p.good) / double(p.valid) < objective)
            *belowMs += p.intervalMs;
    }
}

}  // namespace

IncidentImpact computeIncidentImpact(const HealthStore& store, const Incident& incident,
                                     qint64 nowMs)
{
    IncidentImpact out;
    const Milestones& m = incident.milestones;
    out.fromMs = m.startedMs.value_or(incident.declaredMs);
    out.toMs = m.mitigatedMs ? *m.mitigatedMs : m.resolvedMs ? *m.resolvedMs : nowMs;
    if (out.toMs <= out.fromMs)
        return out;
    const PlatformCatalog& catalog = store.catalog();
    forEachAffectedSeries(store, incident, [&](int j, int r) {
        const JourneyDefinition& def = catalog.journeys[j];
        const QString region = catalog.regions.value(r);
        const HealthSeries& series = store.series(j, r);
        JourneyImpact row{def.displayName, region};
        row.sloWindowDays = int(def.sloWindowMs / 86'400'000);
        qint64 belowMs = 0;
        // The coarse buckets up to the first bucket edge the fine samples
        // fully cover, the fine samples from there: nothing counted twice,
        // and an incident older than every fine sample from buckets alone.
        const auto& fine = series.fine().points;
        const qint64 bucket = std::max<qint64>(1, series.coarseBucketMs());
        qint64 boundary = out.toMs;
        if (!fine.empty()) {
            const qint64 first = fine.front().startMs;
            boundary = std::min(out.toMs, (first + bucket - 1) / bucket * bucket);
        }
        addPoints(fine, std::max(out.fromMs, boundary), out.toMs, def.objective, &row, &belowMs);
        if (boundary > out.fromMs)
            addPoints(series.coarse().points, out.fromMs, boundary, def.objective, &row, &belowMs);
        if (row.valid == 0)
            return;
        row.minutesBelowSlo = belowMs / 60'000;
        // The SLO window ending with the incident; its traffic scaled up from
        // the part the console holds.
        const WindowCounts window = series.window(out.toMs, def.sloWindowMs);
        const double windowValid =
            window.coveredMs > 0 && window.coveredMs < def.sloWindowMs
                ? double(window.valid) * double(def.sloWindowMs) / double(window.coveredMs)
                : double(window.valid);
        const double budget = windowValid * (1.0 - def.objective);
        row.budgetSpent = budget > 0 ? double(row.failed) / budget : 0;
        if (def.id == QLatin1String("checkout-availability") ||
            def.id == QLatin1String("payment-authorization"))
            out.failedCheckouts += row.failed;
        out.journeys.append(row);
        out.hasData = true;
    });
    const Money& aov = catalog.averageOrderValue;
    if (aov.minor > 0 && aov.valid()) {
        // Saturating: an absurd count must not wrap into a small figure.
        const qint64 limit = std::numeric_limits<qint64>::max() / aov.minor;
        out.revenueAtRisk = {std::min(out.failedCheckouts, limit) * aov.minor, aov.currency};
    }
    return out;
}

QString incidentImpactText(const IncidentImpact& impact)
{
    if (!impact.hasData)
        return {};
    QStringList lines;
    for (const JourneyImpact& j : impact.journeys)
        lines << QStringLiteral(
                     "%1 in %2: %3 min below the SLO, %4 of %5 failed, %6% of the %7-day error "
                     "budget")
                     .arg(j.journey, j.region)
                     .arg(j.minutesBelowSlo)
                     .arg(j.failed)
                     .arg(j.valid)
                     .arg(QString::number(j.budgetSpent * 100.0, 'f', 1))
                     .arg(j.sloWindowDays);
    lines << QStringLiteral("Failed checkouts (checkout and payment failures): %1")
                 .arg(impact.failedCheckouts);
    lines << (impact.revenueAtRisk.valid()
                  ? QStringLiteral("Revenue at risk (estimate: failed checkouts × average order "
                                   "value): %1")
                        .arg(impact.revenueAtRisk.format())
                  : QStringLiteral("Revenue at risk: not estimated (the platform gives no "
                                   "average order value)."));
    return lines.join('\n');
}

}  // namespace wf
