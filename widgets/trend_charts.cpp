#include "trend_charts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QTimeZone>
#include <QValueAxis>
#include <algorithm>

namespace wf {

namespace {

const QColor kText(0xd8, 0xdc, 0xe2);
const QColor kGrid(0x3a, 0x3f, 0x47);

void clear(QChart* chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis* a : chart->axes())
        chart->removeAxis(a);
}

void styleAxis(QAbstractAxis* a)
{
    a->setLabelsColor(kText);
    a->setGridLineColor(kGrid);
    a->setLinePenColor(kGrid);
    a->setTitleBrush(kText);
}

QString weekLabel(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("MMM d"));
}

// Category labels for weeks: every one when few, else every n-th.
QStringList weekLabels(const QVector<qint64>& weeks)
{
    QStringList out;
    const int every = std::max(1, int(weeks.size() + 7) / 8);
    for (int i = 0; i < weeks.size(); ++i)
        out << (i % every == 0 ? weekLabel(weeks[i]) : QString(i, QLatin1Char(' ')));
    return out;
}

// Adds `series` with a week per category and counts up to `most`.
void addWeekAxes(QChart* chart, QAbstractBarSeries* series, const QVector<qint64>& weeks, int most)
{
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(weekLabels(weeks));
    auto* y = new QValueAxis;
    y->setRange(0, most);
    y->setTickCount(std::min(most, 5) + 1);
    if (most > 5)
        y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%d"));
    styleAxis(x);
    styleAxis(y);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

}  // namespace

void styleTrendChart(QChart* chart)
{
    chart->setBackgroundBrush(QColor(0x1e, 0x21, 0x26));
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(kText);
    chart->legend()->setLabelColor(kText);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
}

void fillBurnDownChart(QChart* chart, const TrendsReport& report, int row)
{
    clear(chart);
    if (row < 0 || row >= report.slo.size()) {
        chart->setTitle(QObject::tr("Select a journey to see its error budget burn down"));
        return;
    }
    const SloTrend& t = report.slo[row];
    chart->setTitle(
        t.overall
            ? QObject::tr("%1, all regions: error budget left over the range").arg(t.journeyName)
            : QObject::tr("%1 in %2: error budget left over the range")
                  .arg(t.journeyName, t.region));
    auto* budget = new QLineSeries;
    budget->setName(QObject::tr("Budget left (%)"));
    budget->setColor(QColor(0x4a, 0x9e, 0xff));
    QVector<QPointF> points;
    points.reserve(t.burnDown.size() + 1);
    points.append(QPointF(double(report.fromMs), 100.0));
    for (const QPointF& p : t.burnDown)
        points.append(QPointF(p.x(), p.y() * 100.0));
    budget->replace(points);
    auto* zero = new QLineSeries;
    zero->setName(QObject::tr("Budget spent"));
    zero->setPen(QPen(QColor(0xff, 0x6b, 0x6b), 1, Qt::DashLine));
    zero->append(double(report.fromMs), 0);
    zero->append(double(report.toMs), 0);
    auto* marks = new QScatterSeries;
    marks->setName(QObject::tr("Incidents"));
    marks->setColor(QColor(0xe0, 0xb0, 0x4a));
    marks->setMarkerSize(9);
    for (qint64 at : report.incidentStarts(t.journeyId, t.overall ? QString() : t.region)) {
        // On the line, at the budget left when the incident started.
        double y = 100.0;
        for (const QPointF& p : points)
            if (p.x() <= double(at))
                y = p.y();
        marks->append(double(at), y);
    }
    chart->addSeries(budget);
    chart->addSeries(zero);
    chart->addSeries(marks);
    auto* x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("MMM d"));
    x->setRange(QDateTime::fromMSecsSinceEpoch(report.fromMs, QTimeZone::utc()),
                QDateTime::fromMSecsSinceEpoch(report.toMs, QTimeZone::utc()));
    x->setTickCount(7);
    auto* y = new QValueAxis;
    double low = 0;
    for (const QPointF& p : points)
        low = std::min(low, p.y());
    y->setRange(std::floor(low / 25.0) * 25.0, 100.0);
    y->setLabelFormat(QStringLiteral("%.0f%%"));
    for (QAbstractAxis* a : {static_cast<QAbstractAxis*>(x), static_cast<QAbstractAxis*>(y)})
        styleAxis(a);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

void fillIncidentsPerWeekChart(QChart* chart, const TrendsReport& report)
{
    clear(chart);
    chart->setTitle(QObject::tr("Incidents per week by severity"));
    auto* series = new QStackedBarSeries;
    const QColor colours[] = {QColor(0xff, 0x5c, 0x5c), QColor(0xff, 0x9f, 0x43),
                              QColor(0xe0, 0xd0, 0x4a), QColor(0x8a, 0xb4, 0xf8)};
    QVector<qint64> weeks;
    for (const WeekCounts& w : report.perWeek)
        weeks.append(w.weekStartMs);
    int most = 1;
    for (const WeekCounts& w : report.perWeek)
        most = std::max(most, w.total());
    for (int s = 0; s < 4; ++s) {
        auto* set = new QBarSet(severityName(Severity(s + 1)));
        set->setColor(colours[s]);
        set->setBorderColor(colours[s]);
        for (const WeekCounts& w : report.perWeek)
            *set << w.bySeverity[size_t(s)];
        series->append(set);
    }
    addWeekAxes(chart, series, weeks, most);
}

void fillDeploysPerWeekChart(QChart* chart, const TrendsReport& report)
{
    clear(chart);
    chart->setTitle(QObject::tr("Deploys per week, those that failed, and flag changes"));
    auto* series = new QBarSeries;
    auto* deploys = new QBarSet(QObject::tr("Deploys"));
    deploys->setColor(QColor(0x4a, 0x9e, 0xff));
    deploys->setBorderColor(QColor(0x4a, 0x9e, 0xff));
    auto* failed = new QBarSet(QObject::tr("Failed (rolled back or caused an incident)"));
    failed->setColor(QColor(0xff, 0x6b, 0x6b));
    failed->setBorderColor(QColor(0xff, 0x6b, 0x6b));
    auto* flags = new QBarSet(QObject::tr("Flag changes (production)"));
    flags->setColor(QColor(0xb0, 0x8a, 0xf8));
    flags->setBorderColor(QColor(0xb0, 0x8a, 0xf8));
    QVector<qint64> weeks;
    int most = 1;
    for (int i = 0; i < report.change.deploysPerWeek.size(); ++i) {
        weeks.append(report.change.deploysPerWeek[i].first);
        *deploys << report.change.deploysPerWeek[i].second;
        *failed << report.change.failuresPerWeek.value(i).second;
        const int flagChanges = report.change.flagChangesPerWeek.value(i).second;
        *flags << flagChanges;
        most = std::max({most, report.change.deploysPerWeek[i].second, flagChanges});
    }
    series->append(deploys);
    series->append(failed);
    if (report.flagChangesProblem.isEmpty())
        series->append(flags);
    else
        delete flags;
    addWeekAxes(chart, series, weeks, most);
}

}  // namespace wf
