#include "main_window.h"

#include "redaction.h"

#include "action_controller.h"
#include "action_executor.h"
#include "audit_log.h"
#include "audit_log_model.h"
#include "audit_log_view.h"
#include "change_feed_client.h"
#include "connection_dialog.h"
#include "connection_status_label.h"
#include "deploy_list_model.h"
#include "deploys_view.h"
#include "flag_list_model.h"
#include "flags_view.h"
#include "health_store.h"
#include "incident_controller.h"
#include "incident_log.h"
#include "incidents_view.h"
#include "journey_board_model.h"
#include "journey_board_view.h"
#include "journey_chart_view.h"
#include "journey_health_client.h"
#include "postmortem_editor.h"
#include "recon_controller.h"
#include "suspect_finder.h"
#include "trends_controller.h"
#include "trends_view.h"
#include "vendor_grid_model.h"
#include "vendors_view.h"

#include <spdlog/spdlog.h>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimeZone>

namespace wf {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      store_(new HealthStore(this)),
      boardModel_(new JourneyBoardModel(store_, this)),
      client_(new JourneyHealthClient(this)),
      simulator_(new SimulatorProcess(this)),
      deploys_(new DeployListModel(this)),
      flags_(new FlagListModel(this)),
      audit_(new AuditLog(this)),
      auditModel_(new AuditLogModel(this)),
      deployFeed_(new DeployFeedClient(this)),
      flagFeed_(new FlagFeedClient(this)),
      vendors_(new VendorGridModel(this)),
      vendorFeed_(new VendorFeedClient(this)),
      actions_(new ActionExecutor(this))
{
    setWindowTitle(tr("Watchfloor"));
    setObjectName(QStringLiteral("mainWindow"));
    board_ = new JourneyBoardView(boardModel_, this);
    chart_ = new JourneyChartView(store_, this);
    splitter_ = new QSplitter(Qt::Vertical, this);
    splitter_->addWidget(board_);
    splitter_->addWidget(chart_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    splitter_->setChildrenCollapsible(false);
    deploysView_ = new DeploysView(deploys_, this);
    flagsView_ = new FlagsView(flags_, this);
    vendorsView_ = new VendorsView(vendors_, this);
    auditView_ = new AuditLogView(auditModel_, this);
    actionController_ =
        new ActionController(this, actions_, deploys_, flags_, vendors_, audit_, this);
    recon_ = new ReconController(this, actions_, actionController_, this);
    incidents_ = new IncidentController(this, store_, this);
    trends_ = new TrendsController(this, store_, incidents_->log(), this);
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("mainTabs"));
    tabs_->setDocumentMode(true);
    tabs_->addTab(splitter_, tr("&Journeys"));
    tabs_->addTab(incidents_->view(), tr("&Incidents"));
    tabs_->addTab(deploysView_, tr("&Deploys"));
    tabs_->addTab(flagsView_, tr("&Flags"));
    tabs_->addTab(vendorsView_, tr("&Vendors"));
    tabs_->addTab(recon_->widget(), tr("&Reconciliation"));
    tabs_->addTab(auditView_, tr("&Audit log"));
    tabs_->insertTab(2, trends_->view(), tr("&Trends"));
    connect(tabs_, &QTabWidget::currentChanged, trends_,
            [this] { trends_->setActive(tabs_->currentWidget() == trends_->view()); });
    setCentralWidget(tabs_);
    chart_->setMarkerSource(
        [this](int j, int r, qint64 from, qint64 to) { return markersFor(j, r, from, to); });

    statusLabel_ =
        new ConnectionStatusLabel([c = client_] { return c->lastMessageWallMs(); }, this);
    problemLabel_ = new QLabel(this);
    problemLabel_->setObjectName(QStringLiteral("dataProblem"));
    problemLabel_->setStyleSheet(QStringLiteral("color:#e0b04a"));
    platformTimeLabel_ = new QLabel(this);
    platformTimeLabel_->setToolTip(tr("The platform's clock as of the newest sample (UTC)"));
    statusBar()->addWidget(statusLabel_, 1);
    statusBar()->addWidget(problemLabel_);
    roleLabel_ = new QLabel(this);
    roleLabel_->setObjectName(QStringLiteral("roleLabel"));
    statusBar()->addPermanentWidget(roleLabel_);
    statusBar()->addPermanentWidget(platformTimeLabel_);

    // Deploys and flags: snapshots, then their change streams.
    connect(
        deployFeed_, &DeployFeedClient::deploysLoaded, deploys_,
        [this](const QVector<Deploy>& d, qint64) { deploys_->setDeploys(d); },
        Qt::QueuedConnection);
    connect(deployFeed_, &DeployFeedClient::deployChanged, deploys_, &DeployListModel::applyChange,
            Qt::QueuedConnection);
    connect(flagFeed_, &FlagFeedClient::flagsLoaded, flags_, &FlagListModel::setFlags,
            Qt::QueuedConnection);
    connect(flagFeed_, &FlagFeedClient::flagChanged, flags_, &FlagListModel::recordChange,
            Qt::QueuedConnection);
    connect(deployFeed_, &DeployFeedClient::statusChanged, deploysView_,
            &DeploysView::setFeedStatus, Qt::QueuedConnection);
    connect(flagFeed_, &FlagFeedClient::statusChanged, flagsView_, &FlagsView::setFeedStatus,
            Qt::QueuedConnection);
    connect(vendorFeed_, &VendorFeedClient::vendorsLoaded, vendors_, &VendorGridModel::setVendors,
            Qt::QueuedConnection);
    connect(vendorFeed_, &VendorFeedClient::vendorChanged, vendors_, &VendorGridModel::applyVendor,
            Qt::QueuedConnection);
    connect(vendorFeed_, &VendorFeedClient::routingChanged, vendors_,
            &VendorGridModel::applyRouting, Qt::QueuedConnection);
    connect(vendorFeed_, &VendorFeedClient::statusChanged, vendorsView_,
            &VendorsView::setFeedStatus, Qt::QueuedConnection);
    connect(vendorsView_, &VendorsView::failoverRequested, actionController_,
            &ActionController::requestFailover);
    connect(vendorsView_, &VendorsView::failbackRequested, actionController_,
            &ActionController::requestFailback);
    connect(deploysView_, &DeploysView::rollbackRequested, actionController_,
            &ActionController::requestRollback);
    connect(flagsView_, &FlagsView::changeRequested, actionController_,
            &ActionController::requestFlagChange);
    connect(actionController_, &ActionController::message, this,
            [this](const QString& m) { statusBar()->showMessage(m, 20000); });
    connect(recon_, &ReconController::message, this,
            [this](const QString& m) { statusBar()->showMessage(m, 20000); });
    connect(incidents_, &IncidentController::message, this,
            [this](const QString& m) { statusBar()->showMessage(m, 20000); });
    connect(trends_, &TrendsController::message, this,
            [this](const QString& m) { statusBar()->showMessage(m, 20000); });
    // The automatic timeline (after the models above took each change).
    incidents_->watchActions(actions_);
    incidents_->watchChanges(deployFeed_, flagFeed_, vendorFeed_, vendors_);
    connect(actions_, &ActionExecutor::sessionChanged, this, &MainWindow::onSessionChanged);
    connect(actions_, &ActionExecutor::sessionFailed, this, [this](const QString& m) {
        roleLabel_->setText(tr("Role unknown"));
        roleLabel_->setToolTip(m);
    });
    connect(audit_, &AuditLog::loaded, auditModel_, &AuditLogModel::setEntries);
    connect(audit_, &AuditLog::appended, auditModel_, &AuditLogModel::addEntry);
    connect(audit_, &AuditLog::failed, this, &MainWindow::showProblem);
    connect(audit_, &AuditLog::opened, this, [this](bool ok, const QString& m) {
        if (!ok)
            showProblem(m);
    });
    connect(audit_, &AuditLog::verified, this,
            [this](const AuditVerification& v) { auditView_->showVerification(v.ok, v.message); });
    connect(audit_, &AuditLog::exported, this,
            [this](bool ok, const QString& m) { auditView_->showVerification(ok, m); });
    connect(auditView_, &AuditLogView::verifyRequested, audit_, &AuditLog::verify);
    connect(auditView_, &AuditLogView::exportRequested, audit_, &AuditLog::exportCsv);
    onSessionChanged();

    // The client emits from its own threads; everything lands here queued.
    connect(client_, &JourneyHealthClient::statusChanged, statusLabel_,
            &ConnectionStatusLabel::setStatus, Qt::QueuedConnection);
    connect(client_, &JourneyHealthClient::catalogReady, store_, &HealthStore::setCatalog,
            Qt::QueuedConnection);
    connect(client_, &JourneyHealthClient::historyReady, store_, &HealthStore::setHistory,
            Qt::QueuedConnection);
    connect(client_, &JourneyHealthClient::samplesReceived, store_, &HealthStore::ingest,
            Qt::QueuedConnection);
    connect(client_, &JourneyHealthClient::dataProblem, this, &MainWindow::showProblem,
            Qt::QueuedConnection);
    connect(statusLabel_, &ConnectionStatusLabel::staleChanged, boardModel_,
            &JourneyBoardModel::setStale);
    connect(store_, &HealthStore::statusesChanged, this, &MainWindow::updatePlatformTime);
    connect(store_, &HealthStore::statusesChanged, this, &MainWindow::updateSuspect);
    connect(store_, &HealthStore::catalogChanged, this, [this] {
        if (!pendingJourney_.isEmpty() || !pendingRegion_.isEmpty())
            selectJourney(pendingJourney_, pendingRegion_);
        else
            board_->selectRow(board_->selectedJourney(), board_->selectedRegion());
    });
    connect(board_, &JourneyBoardView::selectionChanged, chart_, &JourneyChartView::setJourney);
    connect(board_, &JourneyBoardView::selectionChanged, this, &MainWindow::updateSuspect);

    connect(simulator_, &SimulatorProcess::listening, this, [this](const QString& endpoint) {
        EndpointConfig c;
        c.target = endpoint;
        for (const char* role : {"viewer", "operator", "incident-commander", "payments-approver"})
            addKnownSecret(simulator_->token(QLatin1String(role)));
        // The local simulator's incident-commander token, so every action can be tried.
        c.token = simulator_->token(simRole_);
        connectTo(c);
    });
    connect(simulator_, &SimulatorProcess::failed, this, [this](const QString& message) {
        statusLabel_->setStatus({ConnectionState::Stopped, message, 0, 0});
        showProblem(message);
    });

    demoOptions_.speed = 10.0;
    buildMenus();
    restoreSettings();
}

MainWindow::~MainWindow()
{
    client_->stop();
    deployFeed_->stop();
    flagFeed_->stop();
    vendorFeed_->stop();
    recon_->stop();
    incidents_->stopSharing();
    actions_->waitForIdle();
    simulator_->stop();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* connectAction =
        file->addAction(tr("&Connect…"), this, &MainWindow::showConnectionDialog);
    connectAction->setShortcut(QKeySequence::Open);
    file->addAction(tr("Start local &simulator"), this, [this] { startSimulator(demoOptions_); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* refresh = view->addAction(tr("&Refresh chart"), chart_, &JourneyChartView::refresh);
    refresh->setShortcut(QKeySequence::Refresh);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Watchfloor"), this, [this] {
        QMessageBox::about(this, tr("About Watchfloor"),
                           tr("<b>Watchfloor %1</b><br>The operations console for a commerce "
                              "platform: journey health against SLOs and error budgets.<br><br>"
                              "Page: burn rate over 14.4 on 1 h and 5 m, or over 6 on 6 h and 30 m."
                              "<br>Ticket: burn rate over 1 on 3 d and 6 h.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::connectTo(const EndpointConfig& config)
{
    // The token is removed by value from every log line, export and copy.
    addKnownSecret(config.token);
    endpoint_ = config;
    statusLabel_->setEndpointName(config.displayName());
    setWindowTitle(tr("Watchfloor — %1").arg(config.displayName()));
    problemCount_ = 0;
    problemLabel_->clear();
    openLocalStores();
    client_->start(config);
    deployFeed_->start(config);
    flagFeed_->start(config);
    vendorFeed_->start(config);
    recon_->start(config);
    incidents_->startSharing(config);
    trends_->start(config);
    actions_->setEndpoint(config);
    actions_->refreshSession();
    onSessionChanged();
}

void MainWindow::openLocalStores()
{
    if (!auditOpened_)
        openAuditLog(AuditLog::defaultPath());
    if (!incidentsOpened_)
        openIncidents(QFileInfo(auditPath_).dir().filePath(QStringLiteral("incidents.sqlite")));
}

void MainWindow::openAuditLog(const QString& path)
{
    auditOpened_ = true;
    auditPath_ = path;
    audit_->open(path);
}

void MainWindow::openIncidents(const QString& path)
{
    incidentsOpened_ = true;
    incidents_->open(path);
}

void MainWindow::onSessionChanged()
{
    const SessionInfo& s = actions_->session();
    const QString role = roleName(s.role);
    if (s.role == Role::Unknown) {
        roleLabel_->setText(tr("Role unknown"));
        deploysView_->setMayRollback(false,
                                     tr("Waiting for the platform to say what your role may do"));
        flagsView_->setPermissions(false, false, role);
        vendorsView_->setMayFailover(false, role);
        recon_->setSession(s);
        incidents_->setActor(QString());
        // Not known (the platform not reached yet): incidents stay writable,
        // kept locally until they can be shared.
        incidents_->setMayWrite(true, QString());
        return;
    }
    // Over TLS, who the platform proved to be (its certificate's names).
    roleLabel_->setText(s.serverIdentity.isEmpty()
                            ? tr("%1 (%2)").arg(s.actor, role)
                            : tr("%1 (%2) · TLS: %3").arg(s.actor, role, s.serverIdentity));
    roleLabel_->setToolTip(tr("Permissions: %1").arg(s.permissions.join(QStringLiteral(", "))));
    deploysView_->setMayRollback(s.may(QStringLiteral("deploys.rollback")),
                                 tr("Your role (%1) may not roll back deploys.").arg(role));
    flagsView_->setPermissions(s.may(QStringLiteral("flags.set")),
                               s.may(QStringLiteral("flags.set.kill_switch")), role);
    vendorsView_->setMayFailover(s.may(QStringLiteral("vendors.failover")), role);
    recon_->setSession(s);
    incidents_->setActor(s.actor);
    incidents_->setMayWrite(s.may(QStringLiteral("incidents.write")),
                            tr("Your role (%1) may not change incidents.").arg(role));
}

QVector<ChangeMarker> MainWindow::markersFor(int journey, int region, qint64 fromMs,
                                             qint64 toMs) const
{
    QVector<ChangeMarker> out;
    if (journey < 0 || journey >= store_->journeyCount())
        return out;
    const QString journeyId = store_->catalog().journeys[journey].id;
    const QString regionId = region >= 0 ? store_->catalog().regions.value(region) : QString();
    for (const Deploy& d : deploys_->deploysBetween(fromMs, toMs)) {
        if (!d.journeys.contains(journeyId) || (!regionId.isEmpty() && d.region != regionId))
            continue;
        out.append(
            {d.startedMs, ChangeMarker::Kind::Deploy,
             tr("Deploy %1 %2 in %3 by %4 (%5)")
                 .arg(d.service, d.version, d.region, d.author, deployStatusName(d.status))});
    }
    for (const FlagChangeEvent& c : flags_->changesBetween(fromMs, toMs)) {
        if (!c.flag.journeys.contains(journeyId) || (!regionId.isEmpty() && c.region != regionId))
            continue;
        out.append({c.changedMs, ChangeMarker::Kind::Flag,
                    tr("Flag %1 %2 in %3/%4 by %5")
                        .arg(c.flag.key, c.enabled ? tr("on") : tr("off"), c.environment, c.region,
                             c.actor)});
    }
    for (const VendorEvent& e : vendors_->history().eventsBetween(fromMs, toMs)) {
        if (e.probe || !e.journeys.contains(journeyId) ||
            (!regionId.isEmpty() && e.region != regionId))
            continue;
        out.append({e.atMs, ChangeMarker::Kind::Vendor, e.text});
    }
    return out;
}

void MainWindow::updateSuspect()
{
    const int j = board_->selectedJourney();
    int r = board_->selectedRegion();
    if (j < 0 || j >= store_->journeyCount()) {
        board_->setNote(QString());
        return;
    }
    if (r < 0) {
        // Over all regions: look where it burns hardest.
        double worst = 0;
        for (int i = 0; i < store_->regionCount(); ++i) {
            const double b = store_->status(j, i).burn[Window5m];
            if (b > worst) {
                worst = b;
                r = i;
            }
        }
        if (r < 0) {
            board_->setNote(QString());
            return;
        }
    }
    const qint64 now = store_->latestMs();
    const auto suspect =
        findSuspect(*store_, j, r, deploys_->deploysBetween(now - 7 * kHourMs, now + kHourMs),
                    flags_->changesBetween(now - 7 * kHourMs, now + kHourMs));
    board_->setNote(suspect ? tr("In %1: %2").arg(store_->catalog().regions[r], suspect->describe())
                            : QString());
}

void MainWindow::startSimulator(const SimulatorOptions& options)
{
    client_->stop();
    deployFeed_->stop();
    flagFeed_->stop();
    vendorFeed_->stop();
    recon_->stop();
    incidents_->stopSharing();
    statusLabel_->setEndpointName(tr("the local simulator"));
    statusLabel_->setStatus({ConnectionState::Connecting, QString(), 0, 0});
    simulator_->start(options);
}

void MainWindow::showConnectionDialog()
{
    ConnectionDialog dialog(endpoint_.target.isEmpty() ? savedEndpoint() : endpoint_, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.startSimulatorChosen()) {
        startSimulator(demoOptions_);
        return;
    }
    connectTo(dialog.config());
    saveSettings();
}

bool MainWindow::hasSavedEndpoint() const
{
    return !QSettings().value(QStringLiteral("endpoint/target")).toString().isEmpty();
}

EndpointConfig MainWindow::savedEndpoint() const
{
    QSettings s;
    EndpointConfig c;
    c.target = s.value(QStringLiteral("endpoint/target")).toString();
    c.tls = s.value(QStringLiteral("endpoint/tls"), false).toBool();
    c.caCertificatePath = s.value(QStringLiteral("endpoint/caCertificate")).toString();
    c.clientCertificatePath = s.value(QStringLiteral("endpoint/clientCertificate")).toString();
    c.clientKeyPath = s.value(QStringLiteral("endpoint/clientKey")).toString();
    return c;  // the token is never stored
}

void MainWindow::selectJourney(const QString& journeyId, const QString& region)
{
    pendingJourney_ = journeyId;
    pendingRegion_ = region;
    const int j = journeyId.isEmpty() ? 0 : store_->catalog().journeyIndex(journeyId);
    const int r = region.isEmpty() ? -1 : store_->catalog().regionIndex(region);
    if (j < 0 || (!region.isEmpty() && r < 0))
        return;  // not known yet: applied when the catalog arrives
    board_->selectRow(j, r);
    chart_->setJourney(j, r);
}

void MainWindow::showTab(const QString& path)
{
    // "trends/change": a tab, then a pane inside it (by its title);
    // "incidents/postmortem/impact": and a postmortem section (by its key).
    const QString name = path.section(QLatin1Char('/'), 0, 0);
    const QString pane = path.section(QLatin1Char('/'), 1, 1);
    if (const auto section = postmortemSectionFromKey(path.section(QLatin1Char('/'), 2, 2)))
        incidents_->postmortem()->setInitialSection(*section);
    if (!pane.isEmpty()) {
        QTabWidget* inner = name == QLatin1String("trends")      ? trends_->view()->tabs()
                            : name == QLatin1String("incidents") ? incidents_->view()->panes()
                                                                 : nullptr;
        for (int i = 0; inner && i < inner->count(); ++i)
            if (inner->tabText(i).remove(QLatin1Char('&')).compare(pane, Qt::CaseInsensitive) == 0)
                inner->setCurrentIndex(i);
    }
    static const QStringList names{QStringLiteral("journeys"), QStringLiteral("incidents"),
                                   QStringLiteral("trends"),   QStringLiteral("deploys"),
                                   QStringLiteral("flags"),    QStringLiteral("vendors"),
                                   QStringLiteral("recon"),    QStringLiteral("audit")};
    const int i = int(names.indexOf(name));
    if (i >= 0)
        tabs_->setCurrentIndex(i);
}

QString MainWindow::lastProblem() const
{
    return problemLabel_->toolTip();
}

void MainWindow::showProblem(const QString& message)
{
    ++problemCount_;
    problemLabel_->setText(problemCount_ > 1 ? tr("⚠ %1 data problems").arg(problemCount_)
                                             : tr("⚠ data problem"));
    problemLabel_->setToolTip(message);
    statusBar()->showMessage(message, 15000);
}

void MainWindow::declareWhenLive(const Incident& draft)
{
    pendingDeclare_ = draft;
}

void MainWindow::updatePlatformTime()
{
    if (pendingDeclare_ && store_->latestMs() > 0 && actions_->session().role != Role::Unknown) {
        const QString id = incidents_->declare(*pendingDeclare_);
        pendingDeclare_.reset();
        incidents_->view()->selectIncident(id);
    }
    if (store_->latestMs() <= 0)
        return;
    platformTimeLabel_->setText(
        tr("Platform time %1 UTC")
            .arg(QDateTime::fromMSecsSinceEpoch(store_->latestMs(), QTimeZone::utc())
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
}

void MainWindow::restoreSettings()
{
    QSettings s;
    const QByteArray geometry = s.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    splitter_->restoreState(s.value(QStringLiteral("window/splitter")).toByteArray());
    const qint64 range = s.value(QStringLiteral("chart/rangeMs"), 0).toLongLong();
    if (range > 0)
        chart_->setRangeMs(range);
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("window/splitter"), splitter_->saveState());
    s.setValue(QStringLiteral("chart/rangeMs"), chart_->rangeMs());
    // A simulator's loopback port changes every run: only real endpoints are kept.
    if (!endpoint_.target.isEmpty() && !simulator_->isRunning()) {
        s.setValue(QStringLiteral("endpoint/target"), endpoint_.target);
        s.setValue(QStringLiteral("endpoint/tls"), endpoint_.tls);
        s.setValue(QStringLiteral("endpoint/caCertificate"), endpoint_.caCertificatePath);
        s.setValue(QStringLiteral("endpoint/clientCertificate"), endpoint_.clientCertificatePath);
        s.setValue(QStringLiteral("endpoint/clientKey"), endpoint_.clientKeyPath);
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    client_->stop();
    deployFeed_->stop();
    flagFeed_->stop();
    vendorFeed_->stop();
    recon_->stop();
    simulator_->stop();
    event->accept();
}

}  // namespace wf
