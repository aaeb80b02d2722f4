#pragma once

// Charts of the journeys an incident hurt, as images for the postmortem
// exports: each journey and region's success rate over the incident
// window (shaded) with a margin either side, and its SLO as a dashed line.
// Drawn with QPainter on a QImage (no widgets), light, for print. The
// window is shaded darker while customers were hurt (to Mitigated) and
// lighter from there to Resolved; a dashed line marks when it was detected.

#include "incident_types.h"

#include <QImage>
#include <QString>
#include <QVector>

#include <optional>

namespace wf {

class HealthStore;

struct IncidentChart {
    QString title;            // "Payment authorization in eu-west"
    double objective = 0;     // 0.998
    qint64 windowFromMs = 0;  // the incident (shaded)
    qint64 windowToMs = 0;
    // Inside the window: customers hurt until mitigated (shaded darker),
    // and when it was detected (a dashed line), when known.
    std::optional<qint64> detectedMs;
    std::optional<qint64> mitigatedMs;
    QVector<QPointF> points;  // (ms, success ratio 0..1), oldest first
    QImage image;             // rendered by renderIncidentCharts
};

// The data for every affected journey and region (at most `limit`, the
// worst first), from the journey metrics the console holds; empty when it
// holds nothing for the window. On the UI thread (it reads the store).
QVector<IncidentChart> incidentChartData(const HealthStore& store, const Incident& incident,
                                         qint64 nowMs, int limit = 6);
// Draws one chart (any thread).
QImage renderIncidentChart(const IncidentChart& chart, const QSize& size = {760, 260});

}  // namespace wf
