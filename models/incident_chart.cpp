#include "incident_chart.h"

#include "health_store.h"
#include "incident_impact.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>
#include <QTimeZone>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace wf {

namespace {

constexpr qint64 kMarginMs = 15 * 60 * 1000;

QString clock(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("HH:mm"));
}

}  // namespace

QVector<IncidentChart> incidentChartData(const HealthStore& store, const Incident& incident,
                                         qint64 nowMs, int limit)
{
    const Milestones& m = incident.milestones;
    const qint64 from = m.startedMs.value_or(incident.declaredMs);
    const qint64 to = m.resolvedMs ? *m.resolvedMs : m.mitigatedMs ? *m.mitigatedMs : nowMs;
    QVector<IncidentChart> out;
    QVector<double> worst;
    const PlatformCatalog& catalog = store.catalog();
    forEachAffectedSeries(store, incident, [&](int j, int r) {
        const JourneyDefinition& def = catalog.journeys[j];
        IncidentChart c;
        c.title = QStringLiteral("%1 in %2").arg(def.displayName, catalog.regions.value(r));
        c.objective = def.objective;
        c.windowFromMs = from;
        c.windowToMs = std::max(to, from + 60'000);
        c.detectedMs = m.detectedMs;
        c.mitigatedMs = m.mitigatedMs;
        const HealthSeries& series = store.series(j, r);
        // The fine tier when it reaches back far enough, else the coarse one.
        const auto& fine = series.fine().points;
        const bool fineCovers = !fine.empty() && fine.front().startMs <= from - kMarginMs;
        const auto& points =
            fineCovers || series.coarse().points.empty() ? fine : series.coarse().points;
        double low = 1.0;
        for (const HealthPoint& p : points) {
            if (p.startMs < from - kMarginMs || p.startMs > c.windowToMs + kMarginMs ||
                p.valid <= 0)
                continue;
            const double ratio = double(p.good) / double(p.valid);
            c.points.append(QPointF(double(p.startMs), ratio));
            if (p.startMs >= from && p.startMs <= c.windowToMs)
                low = std::min(low, ratio);
        }
        if (c.points.size() < 2)
            return;
        out.append(c);
        worst.append(low);
    });
    // The worst first, then at most `limit`.
    QVector<int> order(out.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return worst[a] < worst[b]; });
    QVector<IncidentChart> sorted;
    for (int i : order)
        if (sorted.size() < limit)
            sorted.append(out[i]);
    return sorted;
}

QImage renderIncidentChart(const IncidentChart& c, const QSize& size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    if (c.points.size() < 2)
        return image;
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot(64, 34, size.width() - 80, size.height() - 64);
    const double t0 = c.points.front().x();
    const double t1 = std::max(c.points.back().x(), t0 + 1);
    // The y range: from a little under the lowest point (or the SLO) to 100%.
    double low = c.objective;
    for (const QPointF& pt : c.points)
        low = std::min(low, pt.y());
    low = std::max(0.0, std::floor((low - (1.0 - low) * 0.15) * 1000.0) / 1000.0);
    const double high = 1.0;
    auto x = [&](double t) { return plot.left() + (t - t0) / (t1 - t0) * plot.width(); };
    auto y = [&](double v) {
        return plot.bottom() - (v - low) / std::max(1e-9, high - low) * plot.height();
    };

    QFont font = p.font();
    font.setPixelSize(13);
    font.setBold(true);
    p.setFont(font);
    p.setPen(QColor(0x22, 0x22, 0x22));
    p.drawText(QRectF(8, 6, size.width() - 16, 22), Qt::AlignLeft | Qt::AlignVCenter, c.title);
    font.setBold(false);
    font.setPixelSize(11);
    p.setFont(font);

    // The incident window, shaded: darker while customers were hurt.
    const auto px = [&](qint64 t) { return std::clamp(x(double(t)), plot.left(), plot.right()); };
    const double wx0 = px(c.windowFromMs);
    const double wx1 = px(c.windowToMs);
    const double hurtEnd = c.mitigatedMs && *c.mitigatedMs < c.windowToMs
                               ? px(std::max(*c.mitigatedMs, c.windowFromMs))
                               : wx1;
    p.fillRect(QRectF(wx0, plot.top(), std::max(1.0, hurtEnd - wx0), plot.height()),
               QColor(0xe5, 0x48, 0x4d, 40));
    if (wx1 > hurtEnd)
        p.fillRect(QRectF(hurtEnd, plot.top(), wx1 - hurtEnd, plot.height()),
                   QColor(0xe5, 0x48, 0x4d, 16));
    p.setPen(QColor(0x99, 0x99, 0x99));
    p.drawRect(plot);
    // Axis labels: the y range and the times at both ends and of the window.
    p.setPen(QColor(0x55, 0x55, 0x55));
    for (double v : {low, (low + high) / 2, high})
        p.drawText(QRectF(0, y(v) - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("%1%").arg(v * 100.0, 0, 'f', 2));
    const QRectF below(plot.left(), plot.bottom() + 4, plot.width(), 16);
    p.drawText(below, Qt::AlignLeft, clock(qint64(t0)) + QStringLiteral(" UTC"));
    p.drawText(below, Qt::AlignRight, clock(qint64(t1)));
    p.drawText(QRectF(wx0 - 60, plot.bottom() + 4, 120, 16), Qt::AlignHCenter,
               QStringLiteral("incident %1").arg(clock(c.windowFromMs)));
    // Detected: a dashed line inside the window.
    if (c.detectedMs && *c.detectedMs > c.windowFromMs && *c.detectedMs < c.windowToMs) {
        const double dx = px(*c.detectedMs);
        p.setPen(QPen(QColor(0x8a, 0x3f, 0xb8), 1.2, Qt::DashLine));
        p.drawLine(QPointF(dx, plot.top()), QPointF(dx, plot.bottom()));
        p.drawText(QRectF(dx + 3, plot.top() + 2, 120, 14), Qt::AlignLeft,
                   QStringLiteral("detected %1").arg(clock(*c.detectedMs)));
    }
    // The SLO, dashed.
    if (c.objective > low) {
        QPen slo(QColor(0xd9, 0x8c, 0x1f), 1.5, Qt::DashLine);
        p.setPen(slo);
        p.drawLine(QPointF(plot.left(), y(c.objective)), QPointF(plot.right(), y(c.objective)));
        p.drawText(QRectF(plot.right() - 150, y(c.objective) + 2, 146, 14), Qt::AlignRight,
                   QStringLiteral("SLO %1%").arg(c.objective * 100.0, 0, 'f', 2));
    }
    // The success rate.
    QPainterPath path;
    path.moveTo(x(c.points.front().x()), y(c.points.front().y()));
    for (const QPointF& pt : c.points)
        path.lineTo(x(pt.x()), y(pt.y()));
    p.setPen(QPen(QColor(0x1f, 0x6f, 0xd1), 1.6));
    p.setClipRect(plot);
    p.drawPath(path);
    return image;
}

}  // namespace wf
