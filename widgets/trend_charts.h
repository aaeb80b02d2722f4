#pragma once

// The Trends view's charts, filled from a TrendsReport: an SLO's error
// budget burning down over the range with its incidents marked, incidents
// per week stacked by severity, and deploys per week with the failed ones.

#include "trends_report.h"

class QChart;

namespace wf {

// `row`: the SLO (journey and region) to draw.
void fillBurnDownChart(QChart* chart, const TrendsReport& report, int row);
void fillIncidentsPerWeekChart(QChart* chart, const TrendsReport& report);
void fillDeploysPerWeekChart(QChart* chart, const TrendsReport& report);
// Dark theme colours, legend at the bottom, no animation.
void styleTrendChart(QChart* chart);

}  // namespace wf
