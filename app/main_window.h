#pragma once

// The console's main window: the journey health board, the selected
// journey's chart, and the connection state in the status bar.

#include "endpoint_config.h"
#include "incident_types.h"
#include "simulator_process.h"

#include <QMainWindow>

class QLabel;
class QSplitter;
class QTabWidget;

namespace wf {

class HealthStore;
class JourneyBoardModel;
class JourneyBoardView;
class JourneyChartView;
class JourneyHealthClient;
class ConnectionStatusLabel;
class ActionController;
struct ChangeMarker;
class ActionExecutor;
class AuditLog;
class AuditLogModel;
class AuditLogView;
class DeployFeedClient;
class DeployListModel;
class DeploysView;
class FlagFeedClient;
class FlagListModel;
class FlagsView;
class VendorFeedClient;
class VendorGridModel;
class VendorsView;
class ReconController;
class IncidentController;
class TrendsController;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void connectTo(const EndpointConfig& config);
    void startSimulator(const SimulatorOptions& options);
    // What "Start local simulator" runs (the --demo options).
    void setDemoOptions(const SimulatorOptions& options) { demoOptions_ = options; }
    // Whose token (of those the local simulator prints) the session uses.
    void setSimulatorRole(const QString& role) { simRole_ = role; }
    void showConnectionDialog();
    // True when settings hold an endpoint from an earlier run.
    bool hasSavedEndpoint() const;
    EndpointConfig savedEndpoint() const;
    void selectJourney(const QString& journeyId, const QString& region);
    // Declares `draft` once the platform is live and says who we are
    // (--declare), and shows it.
    void declareWhenLive(const Incident& draft);
    // "journeys", "incidents", "deploys", "flags", "vendors", "recon" or "audit".
    void showTab(const QString& name);

    HealthStore* store() const { return store_; }
    JourneyBoardModel* boardModel() const { return boardModel_; }
    JourneyBoardView* board() const { return board_; }
    JourneyChartView* chart() const { return chart_; }
    ConnectionStatusLabel* connectionLabel() const { return statusLabel_; }
    JourneyHealthClient* client() const { return client_; }
    DeployListModel* deployModel() const { return deploys_; }
    FlagListModel* flagModel() const { return flags_; }
    DeploysView* deploysView() const { return deploysView_; }
    FlagsView* flagsView() const { return flagsView_; }
    VendorsView* vendorsView() const { return vendorsView_; }
    VendorGridModel* vendorModel() const { return vendors_; }
    AuditLogView* auditView() const { return auditView_; }
    AuditLogModel* auditModel() const { return auditModel_; }
    AuditLog* auditLog() const { return audit_; }
    ActionExecutor* actions() const { return actions_; }
    ActionController* actionController() const { return actionController_; }
    ReconController* recon() const { return recon_; }
    IncidentController* incidents() const { return incidents_; }
    TrendsController* trends() const { return trends_; }
    QTabWidget* tabs() const { return tabs_; }
    // The audit log and the incident store at their default paths (unless
    // opened already): local state works before and without a platform.
    void openLocalStores();
    // Opens the audit log at path (default: in the user's data directory).
    void openAuditLog(const QString& path);
    // Opens the incident store (default: next to the audit log).
    void openIncidents(const QString& path);
    QString lastProblem() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void restoreSettings();
    void saveSettings() const;
    void showProblem(const QString& message);
    void updatePlatformTime();
    void updateSuspect();
    void onSessionChanged();
    QVector<ChangeMarker> markersFor(int journey, int region, qint64 fromMs, qint64 toMs) const;

    HealthStore* store_;
    JourneyBoardModel* boardModel_;
    JourneyHealthClient* client_;
    SimulatorProcess* simulator_;
    DeployListModel* deploys_;
    FlagListModel* flags_;
    AuditLog* audit_;
    AuditLogModel* auditModel_;
    DeployFeedClient* deployFeed_;
    FlagFeedClient* flagFeed_;
    VendorGridModel* vendors_;
    VendorFeedClient* vendorFeed_;
    ActionExecutor* actions_;
    ActionController* actionController_;
    ReconController* recon_;
    IncidentController* incidents_;
    TrendsController* trends_;
    QTabWidget* tabs_;
    DeploysView* deploysView_;
    FlagsView* flagsView_;
    VendorsView* vendorsView_;
    AuditLogView* auditView_;
    QLabel* roleLabel_;
    JourneyBoardView* board_;
    JourneyChartView* chart_;
    QSplitter* splitter_;
    ConnectionStatusLabel* statusLabel_;
    QLabel* problemLabel_;
    QLabel* platformTimeLabel_;
    EndpointConfig endpoint_;
    SimulatorOptions demoOptions_;
    QString simRole_ = QStringLiteral("incident-commander");
    int problemCount_ = 0;
    bool auditOpened_ = false;
    bool incidentsOpened_ = false;
    QString auditPath_;
    QString pendingJourney_;
    std::optional<Incident> pendingDeclare_;
    QString pendingRegion_;
};

}  // namespace wf
