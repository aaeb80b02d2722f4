#include "journey_chart_view.h"

#include "health_store.h"
#include "journey_chart_data.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace wf {

namespace {

QLineSeries* makeSeries(const QString& name, const QColor& color, qreal width,
                        Qt::PenStyle style = Qt::SolidLine)
{
    auto* s = new QLineSeries;
    s->setName(name);
    QPen pen(color);
    pen.setWidthF(width);
    pen.setStyle(style);
    s->setPen(pen);
    return s;
}

}  // namespace

JourneyChartView::JourneyChartView(HealthStore* store, QWidget* parent)
    : QWidget(parent),
      store_(store),
      range_(new QComboBox(this)),
      title_(new QLabel(this)),
      chart_(new QChart),
      view_(new QChartView(chart_, this)),
      timer_(new QTimer(this))
{
    range_->setObjectName(QStringLiteral("chartRange"));
    const std::pair<const char*, qint64> ranges[] = {
        {"15 min", 15 * kMinuteMs}, {"1 hour", kHourMs},    {"6 hours", 6 * kHourMs},
        {"24 hours", kDayMs},       {"3 days", 3 * kDayMs}, {"7 days", 7 * kDayMs}};
    for (const auto& [label, ms] : ranges)
        range_->addItem(tr(label), QVariant::fromValue<qint64>(ms));
    range_->setCurrentIndex(1);
    range_->setToolTip(tr("Time range of the chart"));

    title_->setObjectName(QStringLiteral("chartTitle"));
    QFont f = title_->font();
    f.setBold(true);
    title_->setFont(f);

    chart_->setTheme(QChart::ChartThemeDark);
    chart_->setBackgroundBrush(palette().color(QPalette::Base));
    chart_->setMargins(QMargins(4, 4, 4, 4));
    chart_->legend()->setAlignment(Qt::AlignBottom);
    chart_->setAnimationOptions(QChart::NoAnimation);

    sli_ = makeSeries(tr("SLI %"), QColor(0x5d, 0xa9, 0xf6), 2.0);
    objective_ = makeSeries(tr("Objective"), QColor(0xd6, 0x3a, 0x3a), 1.2, Qt::DashLine);
    p50_ = makeSeries(tr("p50 ms"), QColor(0x8f, 0xbc, 0x8f), 1.0);
    p95_ = makeSeries(tr("p95 ms"), QColor(0xe0, 0xb0, 0x4a), 1.0);
    p99_ = makeSeries(tr("p99 ms"), QColor(0xe0, 0x7a, 0x4a), 1.0);
    for (QLineSeries* s : {sli_, objective_, p50_, p95_, p99_})
        chart_->addSeries(s);
    deployMarks_ = new QScatterSeries;
    deployMarks_->setName(tr("Deploy"));
    deployMarks_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    deployMarks_->setMarkerSize(11);
    deployMarks_->setColor(QColor(0x5d, 0xa9, 0xf6));
    deployMarks_->setBorderColor(Qt::white);
    flagMarks_ = new QScatterSeries;
    flagMarks_->setName(tr("Flag change"));
    flagMarks_->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    flagMarks_->setMarkerSize(12);
    flagMarks_->setColor(QColor(0xe0, 0x7a, 0x4a));
    flagMarks_->setBorderColor(Qt::white);
    vendorMarks_ = new QScatterSeries;
    vendorMarks_->setName(tr("Vendor event"));
    vendorMarks_->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    vendorMarks_->setMarkerSize(11);
    vendorMarks_->setColor(QColor(0xc0, 0x7a, 0xe0));
    vendorMarks_->setBorderColor(Qt::white);
    chart_->addSeries(deployMarks_);
    chart_->addSeries(flagMarks_);
    chart_->addSeries(vendorMarks_);

    timeAxis_ = new QDateTimeAxis;
    timeAxis_->setFormat(QStringLiteral("HH:mm"));
    timeAxis_->setTickCount(7);
    sliAxis_ = new QValueAxis;
    sliAxis_->setTitleText(tr("good / valid %"));
    sliAxis_->setLabelFormat(QStringLiteral("%.2f"));
    latencyAxis_ = new QValueAxis;
    latencyAxis_->setTitleText(tr("latency ms"));
    latencyAxis_->setLabelFormat(QStringLiteral("%.0f"));
    chart_->addAxis(timeAxis_, Qt::AlignBottom);
    chart_->addAxis(sliAxis_, Qt::AlignLeft);
    chart_->addAxis(latencyAxis_, Qt::AlignRight);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{sli_, objective_, deployMarks_,
                                                          flagMarks_, vendorMarks_}) {
        s->attachAxis(timeAxis_);
        s->attachAxis(sliAxis_);
    }
    for (QScatterSeries* marks : {deployMarks_, flagMarks_, vendorMarks_}) {
        connect(marks, &QScatterSeries::hovered, this, [this](const QPointF& p, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            for (const ChangeMarker& m : markers_)
                if (std::abs(double(m.atMs) - p.x()) < 1.0)
                    QToolTip::showText(QCursor::pos(), m.label, view_);
        });
    }
    for (QLineSeries* s : {p50_, p95_, p99_}) {
        s->attachAxis(timeAxis_);
        s->attachAxis(latencyAxis_);
    }

    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumHeight(200);

    auto* top = new QHBoxLayout;
    top->addWidget(title_, 1);
    top->addWidget(new QLabel(tr("Range:"), this));
    top->addWidget(range_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(view_, 1);

    connect(range_, &QComboBox::currentIndexChanged, this, &JourneyChartView::refresh);
    connect(store_, &HealthStore::historyReset, this, &JourneyChartView::refresh);
    timer_->setInterval(1000);
    connect(timer_, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    timer_->start();
}

void JourneyChartView::setJourney(int journey, int region)
{
    journey_ = journey;
    region_ = region;
    refresh();
}

qint64 JourneyChartView::rangeMs() const
{
    return range_->currentData().toLongLong();
}

void JourneyChartView::setRangeMs(qint64 rangeMs)
{
    for (int i = 0; i < range_->count(); ++i)
        if (range_->itemData(i).toLongLong() == rangeMs)
            range_->setCurrentIndex(i);
}

qsizetype JourneyChartView::drawnPoints() const
{
    return sli_->count() + p50_->count() + p95_->count() + p99_->count();
}

void JourneyChartView::refresh()
{
    if (journey_ < 0 || journey_ >= store_->journeyCount() || store_->latestMs() == 0) {
        title_->setText(tr("Waiting for data…"));
        return;
    }
    const JourneyDefinition& def = store_->catalog().journeys[journey_];
    const QString where =
        region_ < 0 ? tr("all regions") : store_->catalog().regions.value(region_);
    title_->setText(QStringLiteral("%1 — %2").arg(def.displayName, where));

    const int width = std::max(100, int(chart_->plotArea().width()));
    const JourneyChartData d = buildJourneyChartData(*store_, journey_, region_, rangeMs(), width);
    sli_->replace(d.sliPercent);
    p50_->replace(d.p50Ms);
    p95_->replace(d.p95Ms);
    p99_->replace(d.p99Ms);
    const double objectivePct = def.objective * 100.0;
    objective_->replace(
        QList<QPointF>{{double(d.fromMs), objectivePct}, {double(d.toMs), objectivePct}});

    timeAxis_->setRange(QDateTime::fromMSecsSinceEpoch(d.fromMs),
                        QDateTime::fromMSecsSinceEpoch(d.toMs));
    timeAxis_->setFormat(rangeMs() > kDayMs ? QStringLiteral("dd MMM HH:mm")
                                            : QStringLiteral("HH:mm"));
    double lo = objectivePct, hi = 100.0;
    for (const QPointF& p : d.sliPercent)
        lo = std::min(lo, p.y());
    lo = std::max(0.0, lo - (hi - lo) * 0.1);
    sliAxis_->setRange(lo, hi);
    sliAxis_->applyNiceNumbers();
    sliAxis_->setMax(std::min(sliAxis_->max(), 100.0));
    double maxLatency = 10;
    for (const QPointF& p : d.p99Ms)
        maxLatency = std::max(maxLatency, p.y());
    latencyAxis_->setRange(0, std::ceil(maxLatency * 1.1 / 50.0) * 50.0);
    latencyAxis_->applyNiceNumbers();

    // Change markers sit on the top edge of the SLI axis, on the same time axis.
    markers_ = markerSource_ ? markerSource_(journey_, region_, d.fromMs, d.toMs)
                             : QVector<ChangeMarker>{};
    QList<QPointF> deploys, flags, vendors;
    const double top = sliAxis_->max() - (sliAxis_->max() - sliAxis_->min()) * 0.03;
    for (const ChangeMarker& m : markers_)
        (m.kind == ChangeMarker::Kind::Deploy ? deploys
         : m.kind == ChangeMarker::Kind::Flag ? flags
                                              : vendors)
            .append({double(m.atMs), top});
    deployMarks_->replace(deploys);
    flagMarks_->replace(flags);
    vendorMarks_->replace(vendors);
}

}  // namespace wf
