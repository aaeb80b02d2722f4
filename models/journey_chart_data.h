#pragma once

// What the journey chart draws: the SLI and latency percentiles of one
// journey (one region or all) over a time range, downsampled with LTTB to at
// most the chart's width in pixels.

#include "health_store.h"

#include <QList>
#include <QPointF>

namespace wf {

struct JourneyChartData {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QList<QPointF> sliPercent;  // x = ms since epoch, y = good/valid in %
    QList<QPointF> p50Ms, p95Ms, p99Ms;
    qsizetype sourcePoints = 0;  // before downsampling
    bool fromCoarseTier = false;
};

// region -1 = all regions. maxPoints is the chart's plot width in pixels.
JourneyChartData buildJourneyChartData(const HealthStore& store, int journey, int region,
                                       qint64 rangeMs, int maxPoints);

}  // namespace wf
