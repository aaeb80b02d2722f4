#pragma once

// Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the
// visual shape of a series with at most `threshold` points, so a chart never
// draws more points than it has pixels.

#include <QList>
#include <QPointF>

namespace wf {

// Points must be sorted by x. Returns the input unchanged when it is already
// small enough (or threshold < 3).
QList<QPointF> downsampleLttb(const QPointF* points, qsizetype count, qsizetype threshold);
inline QList<QPointF> downsampleLttb(const QList<QPointF>& points, qsizetype threshold)
{
    return downsampleLttb(points.constData(), points.size(), threshold);
}

}  // namespace wf
