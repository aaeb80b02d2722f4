#include "incident_impact.h"

#include "health_store.h"

#include <cmath>

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

IncidentImpact computeIncidentImpact(const HealthStore& store, const Incident& incident,
                                     qint64 nowMs, double averageOrderValue)
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
        JourneyImpact row{def.displayName, region};
        qint64 belowMs = 0;
        for (const HealthPoint& p : store.series(j, r).fine().points) {
            if (p.startMs < out.fromMs || p.startMs >= out.toMs || p.valid <= 0)
                continue;
            row.failed += p.valid - p.good;
            row.valid += p.valid;
            if (double(p.good) / double(p.valid) < def.objective)
                belowMs += p.intervalMs;
        }
        if (row.valid == 0)
            return;
        row.minutesBelowSlo = belowMs / 60'000;
        const WindowCounts window = store.series(j, r).window(out.toMs, def.sloWindowMs);
        const double budget = double(window.valid) * (1.0 - def.objective);
        row.budgetSpent = budget > 0 ? double(row.failed) / budget : 0;
        if (def.id == QLatin1String("checkout-availability") ||
            def.id == QLatin1String("payment-authorization"))
            out.failedCheckouts += row.failed;
        out.journeys.append(row);
        out.hasData = true;
    });
    out.revenueAtRisk = double(out.failedCheckouts) * averageOrderValue;
    return out;
}

QString incidentImpactText(const IncidentImpact& impact, const QString& currency)
{
    if (!impact.hasData)
        return {};
    QStringList lines;
    for (const JourneyImpact& j : impact.journeys)
        lines << QStringLiteral(
                     "%1 in %2: %3 min below the SLO, %4 of %5 failed, %6% of the error "
                     "budget")
                     .arg(j.journey, j.region)
                     .arg(j.minutesBelowSlo)
                     .arg(j.failed)
                     .arg(j.valid)
                     .arg(QString::number(j.budgetSpent * 100.0, 'f', 1));
    lines << QStringLiteral("Failed checkouts (checkout and payment failures): %1")
                 .arg(impact.failedCheckouts);
    lines << QStringLiteral(
                 "Revenue at risk (estimate: failed checkouts × average order value): "
                 "%1 %2")
                 .arg(QString::number(std::round(impact.revenueAtRisk), 'f', 0), currency);
    return lines.join('\n');
}

}  // namespace wf
