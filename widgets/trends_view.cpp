#include "trends_view.h"

#include "slo_trend_model.h"
#include "trend_charts.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace wf {

namespace {

QTableView* table(QAbstractItemModel* model, QWidget* parent, const char* name)
{
    auto* t = new QTableView(parent);
    t->setObjectName(QLatin1String(name));
    t->setModel(model);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return t;
}

QChartView* chartView(QChart* chart, QWidget* parent, const char* name)
{
    styleTrendChart(chart);
    auto* v = new QChartView(chart, parent);
    v->setObjectName(QLatin1String(name));
    v->setRenderHint(QPainter::Antialiasing);
    v->setMinimumHeight(220);
    return v;
}

QLabel* note(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color:#9a9fa8"));
    return l;
}

void setRows(QStandardItemModel* m, const QStringList& headers, const QVector<QStringList>& rows)
{
    m->clear();
    m->setHorizontalHeaderLabels(headers);
    for (const QStringList& r : rows) {
        QList<QStandardItem*> items;
        for (const QString& cell : r)
            items.append(new QStandardItem(cell));
        m->appendRow(items);
    }
}

QString dateText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd"));
}

// "Nov 3" (a week's Monday).
QString weekText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("MMM d"));
}

}  // namespace

QString TrendsView::durationText(std::optional<qint64> ms)
{
    return optionalDurationText(ms);
}

TrendsView::TrendsView(QWidget* parent)
    : QWidget(parent),
      range_(new QComboBox(this)),
      from_(new QDateEdit(this)),
      to_(new QDateEdit(this)),
      apply_(new QPushButton(tr("&Apply"), this)),
      export_(new QPushButton(tr("E&xport report…"), this)),
      status_(new QLabel(this)),
      tabs_(new QTabWidget(this)),
      sloModel_(new SloTrendModel(this)),
      sloTable_(table(sloModel_, this, "sloTrends")),
      burnDown_(new QChart),
      burnDownView_(chartView(burnDown_, this, "burnDown")),
      perWeek_(new QChart),
      perWeekView_(chartView(perWeek_, this, "incidentsPerWeek")),
      deploys_(new QChart),
      deploysView_(chartView(deploys_, this, "deploysPerWeek")),
      incidentSummary_(new QLabel(this)),
      change_(new QLabel(this)),
      changeWindow_(new QSpinBox(this)),
      changeWeeks_(new QStandardItemModel(this)),
      mttx_(new QStandardItemModel(this)),
      services_(new QStandardItemModel(this)),
      longest_(new QStandardItemModel(this)),
      owners_(new QStandardItemModel(this)),
      recurrence_(new QStandardItemModel(this))
{
    setObjectName(QStringLiteral("trendsView"));
    range_->setObjectName(QStringLiteral("trendsRange"));
    sloTable_->horizontalHeader()->setStretchLastSection(false);
    sloTable_->horizontalHeader()->setSectionResizeMode(SloTrendModel::JourneyColumn,
                                                        QHeaderView::Stretch);
    status_->setObjectName(QStringLiteral("trendsStatus"));
    change_->setObjectName(QStringLiteral("changeSummary"));
    incidentSummary_->setObjectName(QStringLiteral("incidentSummary"));
    export_->setObjectName(QStringLiteral("trendsExport"));
    apply_->setObjectName(QStringLiteral("trendsApply"));
    range_->addItem(tr("Last 28 days"), 28);
    range_->addItem(tr("Last 90 days"), 90);
    range_->addItem(tr("Custom range"), 0);
    for (QDateEdit* d : {from_, to_}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setTimeSpec(Qt::UTC);
        d->hide();
    }
    apply_->hide();
    auto* formats = new QMenu(export_);
    connect(formats->addAction(tr("HTML")), &QAction::triggered, this,
            [this] { emit exportRequested(0); });
    connect(formats->addAction(tr("PDF")), &QAction::triggered, this,
            [this] { emit exportRequested(1); });
    export_->setMenu(formats);
    export_->setEnabled(false);
    change_->setWordWrap(true);
    change_->setTextFormat(Qt::RichText);
    incidentSummary_->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Range:"), this));
    top->addWidget(range_);
    top->addWidget(from_);
    top->addWidget(to_);
    top->addWidget(apply_);
    top->addWidget(status_, 1);
    top->addWidget(export_);

    // SLOs: the table, the selected one's burn-down.
    auto* slo = new QWidget(this);
    auto* sloSplit = new QSplitter(Qt::Vertical, slo);
    sloSplit->addWidget(sloTable_);
    sloSplit->addWidget(burnDownView_);
    sloSplit->setChildrenCollapsible(false);
    auto* sloLayout = new QVBoxLayout(slo);
    sloLayout->addWidget(sloSplit, 1);
    sloLayout->addWidget(note(
        tr("Attainment: good / valid events over the range. Budget left: 1 − failed / allowed, "
           "allowed = (1 − objective) × valid events. All regions: the regions' events added "
           "up. In page alert: hours whose own burn rate was over 14.4, or whose last 6 hours "
           "burned at over 6. In ticket alert: other hours whose last 3 days and last 6 hours "
           "both burned at over 1. Judged on hourly data, so the live alerts' 5- and 30-minute "
           "windows are not."),
        slo));

    // Incidents.
    auto* incidents = new QWidget(this);
    auto* grid = new QGridLayout(incidents);
    grid->addWidget(incidentSummary_, 0, 0, 1, 2);
    grid->addWidget(perWeekView_, 1, 0);
    grid->addWidget(table(mttx_, incidents, "mttx"), 1, 1);
    grid->addWidget(new QLabel(tr("By service, in the range and per week"), incidents), 2, 0);
    grid->addWidget(new QLabel(tr("Longest"), incidents), 2, 1);
    grid->addWidget(table(services_, incidents, "incidentsByService"), 3, 0);
    QTableView* longest = table(longest_, incidents, "longestIncidents");
    longest->horizontalHeader()->setStretchLastSection(false);
    connect(longest_, &QAbstractItemModel::columnsInserted, longest, [longest] {
        if (longest->model()->columnCount() > 1)
            longest->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    });
    grid->addWidget(longest, 3, 1);
    grid->addWidget(new QLabel(tr("Open action items by owner"), incidents), 4, 0, 1, 2);
    grid->addWidget(table(owners_, incidents, "actionItemsByOwner"), 5, 0, 1, 2);
    grid->addWidget(
        note(tr("MTTD: started to detected. MTTA: detected to acknowledged. MTTR: started to "
                "resolved. Median, and the 90th percentile by nearest rank. An incident without "
                "the milestones a measure needs is left out of it and counted as excluded."),
             incidents),
        6, 0, 1, 2);
    grid->setRowStretch(1, 2);
    grid->setRowStretch(3, 1);
    grid->setRowStretch(5, 1);

    // Change.
    auto* change = new QWidget(this);
    auto* changeLayout = new QVBoxLayout(change);
    changeWindow_->setObjectName(QStringLiteral("changeWindow"));
    changeWindow_->setRange(1, 72);
    changeWindow_->setValue(int(kDefaultChangeWindowMs / 3600'000));
    changeWindow_->setSuffix(tr(" h"));
    changeWindow_->setToolTip(
        tr("A deploy counts as failed when it is rolled back, or an incident that names it "
           "starts, within this many hours after it started."));
    auto* windowRow = new QHBoxLayout;
    auto* windowLabel =
        new QLabel(tr("Failed when rolled back or named by an incident &within:"), change);
    windowLabel->setBuddy(changeWindow_);
    windowRow->addWidget(windowLabel);
    windowRow->addWidget(changeWindow_);
    windowRow->addStretch(1);
    changeLayout->addLayout(windowRow);
    changeLayout->addWidget(change_);
    auto* changeSplit = new QSplitter(Qt::Horizontal, change);
    changeSplit->addWidget(deploysView_);
    changeSplit->addWidget(table(changeWeeks_, change, "changePerWeek"));
    changeSplit->setStretchFactor(0, 3);
    changeSplit->setStretchFactor(1, 2);
    changeSplit->setChildrenCollapsible(false);
    // The chart first: without sizes the table's wide header squeezed it
    // to a sliver (seen on a screenshot).
    changeSplit->setSizes({3000, 2000});
    changeLayout->addWidget(changeSplit, 1);
    connect(changeWindow_, &QSpinBox::valueChanged, this,
            [this](int hours) { emit changeWindowChanged(hours); });

    // Recurrence.
    auto* recurrence = new QWidget(this);
    auto* recurrenceLayout = new QVBoxLayout(recurrence);
    recurrenceLayout->addWidget(table(recurrence_, recurrence, "recurringCauses"), 1);
    recurrenceLayout->addWidget(
        note(tr("Causes (the first line of a postmortem's root cause) and contributing factors "
                "from the taxonomy: change, dependency/vendor, capacity, configuration, data, "
                "process, monitoring gap. Listed when they come back: in two incidents or more "
                "in the range."),
             recurrence));

    tabs_->setObjectName(QStringLiteral("trendsTabs"));
    tabs_->setDocumentMode(true);
    tabs_->addTab(slo, tr("&SLOs"));
    tabs_->addTab(incidents, tr("I&ncidents"));
    tabs_->addTab(change, tr("C&hange"));
    tabs_->addTab(recurrence, tr("&Recurrence"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(tabs_, 1);

    connect(range_, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = presetDays() == 0;
        for (QWidget* w : std::initializer_list<QWidget*>{from_, to_, apply_})
            w->setVisible(custom);
        if (!custom)
            emit rangeChanged();
    });
    connect(apply_, &QPushButton::clicked, this, [this] {
        if (from_->date() >= to_->date()) {
            setStatus(tr("The range must end after it starts."), true);
            return;
        }
        emit rangeChanged();
    });
    connect(sloTable_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { selectSlo(current.row()); });
}

int TrendsView::presetDays() const
{
    return range_->currentData().toInt();
}

QDate TrendsView::customFrom() const
{
    return from_->date();
}

QDate TrendsView::customTo() const
{
    return to_->date();
}

void TrendsView::setCustomRange(const QDate& from, const QDate& to)
{
    from_->setDate(from);
    to_->setDate(to);
}

void TrendsView::setChangeWindowHours(int hours)
{
    const QSignalBlocker quiet(changeWindow_);
    changeWindow_->setValue(hours);
}

void TrendsView::setStatus(const QString& text, bool problem)
{
    status_->setText(text);
    status_->setStyleSheet(problem ? QStringLiteral("color:#ff6b6b")
                                   : QStringLiteral("color:#9a9fa8"));
}

void TrendsView::selectSlo(int row)
{
    fillBurnDownChart(burnDown_, report_, row);
}

void TrendsView::showReport(const TrendsReport& r)
{
    report_ = r;
    export_->setEnabled(true);
    const int selected = std::max(0, sloTable_->currentIndex().row());
    sloModel_->setTrends(r.slo);
    if (!r.slo.isEmpty())
        sloTable_->selectRow(std::min(selected, int(r.slo.size()) - 1));
    selectSlo(sloTable_->currentIndex().row());

    int total = 0;
    std::array<int, 4> bySeverity{};
    for (const WeekCounts& w : r.perWeek) {
        total += w.total();
        for (size_t s = 0; s < 4; ++s)
            bySeverity[s] += w.bySeverity[s];
    }
    incidentSummary_->setText(tr("%1 incidents from %2 to %3 (SEV-1 %4, SEV-2 %5, SEV-3 %6, "
                                 "SEV-4 %7).")
                                  .arg(total)
                                  .arg(dateText(r.fromMs), dateText(r.toMs - 1))
                                  .arg(bySeverity[0])
                                  .arg(bySeverity[1])
                                  .arg(bySeverity[2])
                                  .arg(bySeverity[3]));
    fillIncidentsPerWeekChart(perWeek_, r);

    QVector<QStringList> mttx;
    for (Mttx m : {Mttx::Detect, Mttx::Acknowledge, Mttx::Recover}) {
        const DurationStats& s = r.mttx[size_t(m)];
        mttx.append({mttxName(m), durationText(s.medianMs), durationText(s.p90Ms),
                     QString::number(s.count), QString::number(s.excluded), mttxDefinition(m)});
    }
    setRows(mttx_,
            {tr("Measure"), tr("Median"), tr("90th percentile"), tr("Measured"), tr("Excluded"),
             tr("Definition")},
            mttx);
    const ServiceWeeks& sw = r.byServicePerWeek;
    QStringList serviceHeaders{tr("Service"), tr("Incidents")};
    for (qint64 w : sw.weeks)
        serviceHeaders.append(tr("Week of %1").arg(weekText(w)));
    const QVector<QStringList> services = serviceWeekRows(sw);
    setRows(services_, serviceHeaders, services);
    QVector<QStringList> longest;
    for (const LongIncident& l : r.longest)
        longest.append({severityName(l.severity), l.title, incidentDurationText(l.durationMs)});
    setRows(longest_, {tr("Severity"), tr("Incident"), tr("Duration")}, longest);
    QVector<QStringList> owners;
    for (const OwnerItems& o : r.openItems)
        owners.append({o.owner, QString::number(o.open), QString::number(o.overdue),
                       tr("%1 days").arg(o.oldestAgeMs / (24 * 3600'000))});
    setRows(owners_, {tr("Owner"), tr("Open"), tr("Overdue"), tr("Oldest open")}, owners);

    const ChangeStats& c = r.change;
    const QString flags =
        r.flagChangesProblem.isEmpty()
            ? tr("%n flag change(s) in production.", nullptr, c.flagChanges)
            : tr("Flag changes unknown: %1").arg(r.flagChangesProblem.toHtmlEscaped());
    change_->setText(
        tr("<b>Change failure rate: %1</b> — %2 of %3 deploys failed; %4 rolled back, %5 of "
           "them within %6. %7<br>"
           "<span style='color:#9a9fa8'>A deploy failed when it was rolled back within %6 after "
           "it started, or when an incident that started within %6 after it names it (its "
           "timeline or postmortem mentions the deploy's id).</span>")
            .arg(c.failureRate ? QStringLiteral("%1%").arg(*c.failureRate * 100.0, 0, 'f', 1)
                               : tr("— (no deploys)"))
            .arg(c.failed)
            .arg(c.deploys)
            .arg(c.rolledBack)
            .arg(c.rolledBackInWindow)
            .arg(SloTrendModel::hoursText(r.changeWindowMs), flags));
    fillDeploysPerWeekChart(deploys_, r);
    QVector<QStringList> weeks;
    for (int i = 0; i < c.deploysPerWeek.size(); ++i)
        weeks.append(
            {weekText(c.deploysPerWeek[i].first), QString::number(c.deploysPerWeek[i].second),
             QString::number(c.failuresPerWeek.value(i).second),
             r.flagChangesProblem.isEmpty() ? QString::number(c.flagChangesPerWeek.value(i).second)
                                            : tr("unknown")});
    setRows(changeWeeks_,
            {tr("Week of"), tr("Deploys"), tr("Failed"), tr("Flag changes (production)")}, weeks);

    QVector<QStringList> recurring;
    for (const NamedCount& n : r.recurring)
        recurring.append({n.name, QString::number(n.count), n.titles.join(QStringLiteral("; "))});
    setRows(recurrence_, {tr("Cause or factor"), tr("Incidents"), tr("Which")}, recurring);
}

QVector<QPair<QString, QImage>> TrendsView::chartImages() const
{
    QVector<QPair<QString, QImage>> out;
    for (QChartView* v : {burnDownView_, perWeekView_, deploysView_}) {
        // Drawn at a fixed size, whether the tab is showing or not.
        const QSize size(900, 320);
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(QColor(0x1e, 0x21, 0x26));
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        const QSize old = v->size();
        v->resize(size);
        v->render(&p);
        v->resize(old);
        out.append({v->chart()->title(), image});
    }
    return out;
}

}  // namespace wf
