#pragma once

// The Trends view as a report for a review meeting: the figures of one
// TrendsReport with their definitions, and the charts as images. HTML is
// self-contained (the charts as data: URLs); the PDF is A4.

#include "trends_report.h"

#include <QImage>

namespace wf {

using TrendChartImage = QPair<QString, QImage>;  // title, image

// With `imageNames`, charts are <img src="chart-N.png"> for a QTextDocument
// holding them as resources.
QString trendsReportHtml(const TrendsReport& report, const QVector<TrendChartImage>& charts,
                         bool imageNames = false);
bool writeTrendsReportHtml(const TrendsReport& report, const QVector<TrendChartImage>& charts,
                           const QString& path, QString* error);
bool writeTrendsReportPdf(const TrendsReport& report, const QVector<TrendChartImage>& charts,
                          const QString& path, QString* error);

}  // namespace wf
