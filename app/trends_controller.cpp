#include "trends_controller.h"

#include "health_store.h"
#include "incident_log.h"
#include "trends_client.h"
#include "trends_report_export.h"
#include "trends_view.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QPointer>
#include <QSettings>
#include <QSpinBox>
#include <QThreadPool>
#include <QTimeZone>

namespace wf {

namespace {

// At most this many buckets per series (the platform refuses 20,000).
constexpr qint64 kMaxBuckets = 2400;
const char* const kChangeWindowKey = "trends/changeWindowHours";

}  // namespace

TrendsController::TrendsController(QWidget* dialogParent, HealthStore* health,
                                   IncidentLog* incidents, QObject* parent)
    : QObject(parent),
      dialogParent_(dialogParent),
      health_(health),
      incidents_(incidents),
      client_(new TrendsClient(this)),
      view_(new TrendsView),
      incidentsSettle_(new QTimer(this))
{
    // Incidents arriving (shared from the platform, declared here) change
    // the figures: load again once they stop arriving for a moment.
    incidentsSettle_->setSingleShot(true);
    incidentsSettle_->setInterval(1500);
    connect(incidentsSettle_, &QTimer::timeout, this, [this] {
        if (started_ && active_)
            refresh();
        else
            shownAtWallMs_ = 0;  // stale: load when shown
    });
    connect(incidents_, &IncidentLog::incidentsLoaded, this, [this](const QVector<Incident>& list) {
        if (incidentCount_ >= 0 && list.size() != incidentCount_)
            incidentsSettle_->start();
        incidentCount_ = int(list.size());
    });
    connect(view_, &TrendsView::rangeChanged, this, &TrendsController::refresh);
    const int hours = std::clamp(
        QSettings()
            .value(QLatin1String(kChangeWindowKey), int(kDefaultChangeWindowMs / kHourMs))
            .toInt(),
        view_->changeWindowBox()->minimum(), view_->changeWindowBox()->maximum());
    changeWindowMs_ = hours * kHourMs;
    view_->setChangeWindowHours(hours);
    connect(view_, &TrendsView::changeWindowChanged, this, [this](int h) {
        QSettings().setValue(QLatin1String(kChangeWindowKey), h);
        changeWindowMs_ = h * kHourMs;
        tryBuild(false);  // the incidents loaded reach past the longest window
    });
    connect(client_, &TrendsClient::loaded, this, [this](const TrendHistory& h) {
        if (h.fromMs != fromMs_ || h.toMs != toMs_)
            return;  // an older range
        history_ = h;
        tryBuild();
    });
    connect(client_, &TrendsClient::failed, this, [this](const QString& why) {
        view_->setStatus(tr("Could not load the trends: %1").arg(why), true);
    });
    connect(incidents_, &IncidentLog::trendIncidentsLoaded, this,
            [this](qint64, qint64 toMs, const QVector<TrendIncident>& list) {
                if (toMs != incidentsToMs_)
                    return;
                trendIncidents_ = list;
                tryBuild();
            });
    connect(view_, &TrendsView::exportRequested, this, [this](int format) {
        const QString suffix = format == 0 ? QStringLiteral("html") : QStringLiteral("pdf");
        const QString path = QFileDialog::getSaveFileName(
            dialogParent_, tr("Export the trends report"),
            QDir::home().filePath(QStringLiteral("reliability-trends.%1").arg(suffix)));
        if (!path.isEmpty())
            exportReport(format, path);
    });
}

void TrendsController::start(const EndpointConfig& config)
{
    client_->setEndpoint(config);
    started_ = true;
    history_.reset();
    shownAtWallMs_ = 0;
    refreshIfStale();
}

void TrendsController::setActive(bool active)
{
    active_ = active;
    refreshIfStale();
}

void TrendsController::refreshIfStale()
{
    if (!started_ || !active_)
        return;
    const qint64 age = QDateTime::currentMSecsSinceEpoch() - shownAtWallMs_;
    if (shownAtWallMs_ == 0 || age > 5 * 60'000)
        refresh();
}

void TrendsController::refresh()
{
    if (!started_)
        return;
    // Platform time (a simulator may run ahead of the wall clock).
    const qint64 now =
        health_->latestMs() > 0 ? health_->latestMs() : QDateTime::currentMSecsSinceEpoch();
    const int days = view_->presetDays();
    if (days > 0) {
        toMs_ = (now / kHourMs + 1) * kHourMs;  // the current hour included
        fromMs_ = toMs_ - days * kDayMs;
        const QDate today = QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()).date();
        view_->setCustomRange(today.addDays(-days), today);
    } else {
        fromMs_ = QDateTime(view_->customFrom(), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        toMs_ = QDateTime(view_->customTo().addDays(1), QTime(0, 0), QTimeZone::utc())
                    .toMSecsSinceEpoch();
    }
    const qint64 span = toMs_ - fromMs_;
    const qint64 resolution =
        std::max(kHourMs, (span / kMaxBuckets + kHourMs - 1) / kHourMs * kHourMs);
    history_.reset();
    trendIncidents_.reset();
    sinceRequest_.start();
    view_->setStatus(tr("Loading %1 days…").arg(span / kDayMs));
    client_->load(fromMs_, toMs_, resolution);
    // Every incident up to the end (open action items outlive the range),
    // and those a deploy near the end can cause within the longest window.
    incidentsToMs_ = toMs_ + view_->changeWindowBox()->maximum() * kHourMs;
    incidents_->loadTrendIncidents(0, incidentsToMs_);
}

void TrendsController::tryBuild(bool fresh)
{
    if (!history_ || !trendIncidents_)
        return;
    const qint64 now = history_->platformTimeMs > 0 ? history_->platformTimeMs : toMs_;
    const TrendsReport report =
        buildTrendsReport(health_->catalog(), *history_, *trendIncidents_, now, changeWindowMs_);
    view_->showReport(report);
    if (!fresh)
        return;
    lastShownMs_ = sinceRequest_.elapsed();
    shownAtWallMs_ = QDateTime::currentMSecsSinceEpoch();
    view_->setStatus(tr("%1 days, %2 incidents, %3 deploys; loaded in %4 ms")
                         .arg((toMs_ - fromMs_) / kDayMs)
                         .arg(report.incidents.size())
                         .arg(report.change.deploys)
                         .arg(lastShownMs_));
    emit reportShown(lastShownMs_);
}

void TrendsController::exportReport(int format, const QString& path)
{
    // The charts are drawn here (widgets); the file is written elsewhere.
    const QVector<TrendChartImage> charts = view_->chartImages();
    const TrendsReport report = view_->report();
    QPointer<TrendsController> self(this);
    QThreadPool::globalInstance()->start([self, report, charts, format, path] {
        QString error;
        const bool ok = format == 0 ? writeTrendsReportHtml(report, charts, path, &error)
                                    : writeTrendsReportPdf(report, charts, path, &error);
        const QString text = ok ? tr("Trends report written to %1.").arg(path) : error;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, text] {
                if (self)
                    emit self->message(text);
            },
            Qt::QueuedConnection);
    });
}

}  // namespace wf
