#include "lttb.h"

#include <cmath>

namespace wf {

QList<QPointF> downsampleLttb(const QPointF* points, qsizetype count, qsizetype threshold)
{
    if (threshold < 3 || count <= threshold)
        return QList<QPointF>(points, points + count);

    QList<QPointF> out;
    out.reserve(threshold);
    out.append(points[0]);

    // The first and last points are kept; the rest fall into threshold - 2 buckets.
    const double every = double(count - 2) / double(threshold - 2);
    qsizetype a = 0;  // index of the previously selected point
    for (qsizetype i = 0; i < threshold - 2; ++i) {
        // Average of the next bucket: the third corner of the triangle.
        qsizetype nextStart = qsizetype(std::floor((i + 1) * every)) + 1;
        qsizetype nextEnd = std::min<qsizetype>(qsizetype(std::floor((i + 2) * every)) + 1, count);
        if (nextStart >= nextEnd)
            nextStart = nextEnd - 1;
        double avgX = 0, avgY = 0;
        for (qsizetype j = nextStart; j < nextEnd; ++j) {
            avgX += points[j].x();
            avgY += points[j].y();
        }
        const double n = double(nextEnd - nextStart);
        avgX /= n;
        avgY /= n;

        // Pick the point of this bucket that spans the largest triangle.
        const qsizetype start = qsizetype(std::floor(i * every)) + 1;
        const qsizetype end = qsizetype(std::floor((i + 1) * every)) + 1;
        const double ax = points[a].x(), ay = points[a].y();
        double maxArea = -1;
        qsizetype chosen = start;
        for (qsizetype j = start; j < end; ++j) {
            const double area =
                std::abs((ax - avgX) * (points[j].y() - ay) - (ax - points[j].x()) * (avgY - ay));
            if (area > maxArea) {
                maxArea = area;
                chosen = j;
            }
        }
        out.append(points[chosen]);
        a = chosen;
    }
    out.append(points[count - 1]);
    return out;
}

}  // namespace wf
