#pragma once

// The Trends tab: chooses the range (the last 28 or 90 days of platform
// time, or custom dates), loads the platform's history and deploys
// (TrendsClient, off the UI thread) and the incidents from the console's
// store (IncidentLog, off the UI thread), builds one TrendsReport when both
// are in and shows it; exports it as an HTML or PDF report. The change
// failure window (hours) is kept in QSettings ("trends/changeWindowHours");
// changing it builds the report again from what was loaded.

#include "endpoint_config.h"
#include "trends_report.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QWidget;

namespace wf {

class HealthStore;
class IncidentLog;
class TrendsClient;
class TrendsView;

class TrendsController : public QObject {
    Q_OBJECT
public:
    TrendsController(QWidget* dialogParent, HealthStore* health, IncidentLog* incidents,
                     QObject* parent = nullptr);

    TrendsView* view() const { return view_; }
    void start(const EndpointConfig& config);
    // Loads the chosen range again.
    void refresh();
    // The tab is showing (or not): loads when it shows and nothing, or
    // something over five minutes old, is there.
    void setActive(bool active);
    // Writes the current report (0: HTML, 1: PDF) off the UI thread; the
    // answer comes as `message`.
    void exportReport(int format, const QString& path);
    // Wall time from the last refresh's request to its report on screen.
    qint64 lastShownMs() const { return lastShownMs_; }
    // How long the last load's platform calls took (TrendHistory::loadMs).
    qint64 lastLoadMs() const { return history_ ? history_->loadMs : 0; }
    qint64 changeWindowMs() const { return changeWindowMs_; }

signals:
    void message(const QString& text);
    // A report is on screen; `ms` since it was requested.
    void reportShown(qint64 ms);

private:
    void refreshIfStale();
    // `fresh`: a load just completed (timed and said in the status line).
    void tryBuild(bool fresh = true);

    QWidget* dialogParent_;
    HealthStore* health_;
    IncidentLog* incidents_;
    TrendsClient* client_;
    TrendsView* view_;
    bool started_ = false;
    bool active_ = false;
    qint64 fromMs_ = 0;
    qint64 toMs_ = 0;
    qint64 incidentsToMs_ = 0;  // incidents are loaded up to here
    qint64 changeWindowMs_ = kDefaultChangeWindowMs;
    std::optional<TrendHistory> history_;
    std::optional<QVector<TrendIncident>> trendIncidents_;
    QElapsedTimer sinceRequest_;
    qint64 lastShownMs_ = 0;
    qint64 shownAtWallMs_ = 0;
    int incidentCount_ = -1;  // in the store when last loaded
    QTimer* incidentsSettle_;
};

}  // namespace wf
