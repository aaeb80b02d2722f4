#pragma once

// Everything the Trends view shows for one range, computed at once from
// what was loaded: the platform's history and deploys (TrendsClient) and
// the incidents in the console's store (shared with the platform). Pure:
// the same inputs give the same report, so the view, the exported report
// and the tests all read the same figures.

#include "trend_metrics.h"
#include "trends_client.h"

#include <array>

namespace wf {

struct TrendsReport {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 nowMs = 0;
    qint64 changeWindowMs = 0;
    // Journey by journey: its overall row (all regions), then region by region.
    QVector<SloTrend> slo;
    QVector<TrendIncident> incidents;  // started in the range
    QVector<WeekCounts> perWeek;
    QVector<NamedCount> byService;
    ServiceWeeks byServicePerWeek;
    std::array<DurationStats, 3> mttx;  // Detect, Acknowledge, Recover
    QVector<LongIncident> longest;
    QVector<OwnerItems> openItems;  // of every incident started before the range's end
    ChangeStats change;
    QString flagChangesProblem;  // not empty: the flag changes are unknown, and why
    QVector<NamedCount> recurring;

    // Incident start times on a journey and region, or any region when
    // `region` is empty (for the burn-down marks).
    QVector<qint64> incidentStarts(const QString& journeyId, const QString& region) const;
};

// The region column of an overall row.
QString allRegionsText();

constexpr qint64 kDefaultChangeWindowMs = 2 * 3600'000;

TrendsReport buildTrendsReport(const PlatformCatalog& catalog, const TrendHistory& history,
                               const QVector<TrendIncident>& incidents, qint64 nowMs,
                               qint64 changeWindowMs = kDefaultChangeWindowMs);

}  // namespace wf
