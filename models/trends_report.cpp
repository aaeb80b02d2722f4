#include "trends_report.h"

#include <QDateTime>
#include <QTimeZone>

namespace wf {

QVector<qint64> TrendsReport::incidentStarts(const QString& journeyId, const QString& region) const
{
    QVector<qint64> out;
    for (const TrendIncident& t : incidents) {
        const Incident& i = t.incident;
        if ((i.journeys.isEmpty() || i.journeys.contains(journeyId)) &&
            (i.regions.isEmpty() || i.regions.contains(region)))
            out.append(i.milestones.startedMs.value_or(i.declaredMs));
    }
    return out;
}

TrendsReport buildTrendsReport(const PlatformCatalog& catalog, const TrendHistory& history,
                               const QVector<TrendIncident>& incidents, qint64 nowMs,
                               qint64 changeWindowMs)
{
    TrendsReport r;
    r.fromMs = history.fromMs;
    r.toMs = history.toMs;
    r.nowMs = nowMs;
    r.changeWindowMs = changeWindowMs;
    for (const JourneyDefinition& j : catalog.journeys) {
        for (const QString& region : catalog.regions) {
            SloTrend t = computeSloTrend(history.series.value(TrendHistory::key(j.id, region)),
                                         j.objective, r.fromMs, r.toMs);
            t.journeyId = j.id;
            t.journeyName = j.displayName;
            t.region = region;
            r.slo.append(t);
        }
    }
    QVector<Incident> inRange;
    QVector<ActionItem> items;
    for (const TrendIncident& t : incidents) {
        items += t.actionItems;
        const qint64 at = t.incident.milestones.startedMs.value_or(t.incident.declaredMs);
        if (at < r.fromMs || at >= r.toMs)
            continue;
        r.incidents.append(t);
        inRange.append(t.incident);
    }
    r.perWeek = incidentsPerWeek(inRange, r.fromMs, r.toMs);
    r.byService = incidentsByService(r.incidents);
    r.mttx = {mttxStats(inRange, Mttx::Detect), mttxStats(inRange, Mttx::Acknowledge),
              mttxStats(inRange, Mttx::Recover)};
    r.longest = longestIncidents(inRange, nowMs, 5);
    r.openItems = openItemsByOwner(items, nowMs,
                                   QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).date());
    QVector<TrendDeploy> deploys;
    deploys.reserve(history.deploys.size());
    for (const Deploy& d : history.deploys)
        deploys.append(
            {d.id, d.service, d.region, d.startedMs,
             d.status == DeployStatus::RolledBack || d.status == DeployStatus::RollingBack});
    r.change = changeStats(deploys, r.incidents, changeWindowMs, r.fromMs, r.toMs);
    r.recurring = recurringCauses(r.incidents, 2);
    return r;
}

}  // namespace wf
