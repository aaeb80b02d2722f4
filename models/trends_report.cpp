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
            (region.isEmpty() || i.regions.isEmpty() || i.regions.contains(region)))
            out.append(i.milestones.startedMs.value_or(i.declaredMs));
    }
    return out;
}

QString allRegionsText()
{
    return QStringLiteral("All regions");
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
        QVector<QVector<TrendPoint>> regions;
        for (const QString& region : catalog.regions)
            regions.append(history.series.value(TrendHistory::key(j.id, region)));
        // Overall: the regions' events summed, then judged like one series.
        SloTrend all = computeSloTrend(sumSeries(regions), j.objective, r.fromMs, r.toMs);
        all.journeyId = j.id;
        all.journeyName = j.displayName;
        all.region = allRegionsText();
        all.overall = true;
        r.slo.append(all);
        for (int k = 0; k < catalog.regions.size(); ++k) {
            SloTrend t = computeSloTrend(regions[k], j.objective, r.fromMs, r.toMs);
            t.journeyId = j.id;
            t.journeyName = j.displayName;
            t.region = catalog.regions[k];
            r.slo.append(t);
        }
    }
    QVector<Incident> inRange;
    QVector<ActionItem> items;
    for (const TrendIncident& t : incidents) {
        const qint64 at = t.incident.milestones.startedMs.value_or(t.incident.declaredMs);
        if (at < r.toMs)
            items += t.actionItems;
        if (at < r.fromMs || at >= r.toMs)
            continue;
        r.incidents.append(t);
        inRange.append(t.incident);
    }
    r.perWeek = incidentsPerWeek(inRange, r.fromMs, r.toMs);
    r.byService = incidentsByService(r.incidents);
    r.byServicePerWeek = incidentsPerWeekByService(r.incidents, r.fromMs, r.toMs);
    r.mttx = {mttxStats(inRange, Mttx::Detect), mttxStats(inRange, Mttx::Acknowledge),
              mttxStats(inRange, Mttx::Recover)};
    r.longest = longestIncidents(inRange, nowMs, 5);
    r.openItems = openItemsByOwner(items, nowMs,
                                   QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).date());
    QVector<TrendDeploy> deploys;
    deploys.reserve(history.deploys.size());
    for (const Deploy& d : history.deploys) {
        TrendDeploy t{d.id, d.service, d.region, d.startedMs, false, std::nullopt};
        t.rolledBack =
            d.status == DeployStatus::RolledBack || d.status == DeployStatus::RollingBack;
        // When the rollback started; a platform that does not say: when a
        // rolled-back deploy finished, else unknown (counted as failed).
        if (t.rolledBack && d.rollbackStartedMs > 0)
            t.rolledBackMs = d.rollbackStartedMs;
        else if (d.status == DeployStatus::RolledBack && d.finishedMs > 0)
            t.rolledBackMs = d.finishedMs;
        deploys.append(t);
    }
    // Every incident loaded: one just after the range can name a deploy in it.
    r.change = changeStats(deploys, incidents, changeWindowMs, r.fromMs, r.toMs);
    r.flagChangesProblem = history.flagChangesProblem;
    r.change.flagChangesPerWeek = flagChangesPerWeek(history.flagChanges, r.fromMs, r.toMs);
    for (const auto& [week, count] : std::as_const(r.change.flagChangesPerWeek))
        r.change.flagChanges += count;
    r.recurring = recurringCauses(r.incidents, 2);
    return r;
}

}  // namespace wf
