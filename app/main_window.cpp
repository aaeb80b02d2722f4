#include "main_window.h"

#include "connection_dialog.h"
#include "connection_status_label.h"
#include "health_store.h"
#include "journey_board_model.h"
#include "journey_board_view.h"
#include "journey_chart_view.h"
#include "journey_health_client.h"

#include <spdlog/spdlog.h>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimeZone>

namespace wf {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      store_(new HealthStore(this)),
      boardModel_(new JourneyBoardModel(store_, this)),
      client_(new JourneyHealthClient(this)),
      simulator_(new SimulatorProcess(this))
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
    setCentralWidget(splitter_);

    statusLabel_ =
        new ConnectionStatusLabel([c = client_] { return c->lastMessageWallMs(); }, this);
    problemLabel_ = new QLabel(this);
    problemLabel_->setObjectName(QStringLiteral("dataProblem"));
    problemLabel_->setStyleSheet(QStringLiteral("color:#e0b04a"));
    platformTimeLabel_ = new QLabel(this);
    platformTimeLabel_->setToolTip(tr("The platform's clock as of the newest sample (UTC)"));
    statusBar()->addWidget(statusLabel_, 1);
    statusBar()->addWidget(problemLabel_);
    statusBar()->addPermanentWidget(platformTimeLabel_);

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
    connect(store_, &HealthStore::catalogChanged, this, [this] {
        if (!pendingJourney_.isEmpty() || !pendingRegion_.isEmpty())
            selectJourney(pendingJourney_, pendingRegion_);
        else
            board_->selectRow(board_->selectedJourney(), board_->selectedRegion());
    });
    connect(board_, &JourneyBoardView::selectionChanged, chart_, &JourneyChartView::setJourney);

    connect(simulator_, &SimulatorProcess::listening, this, [this](const QString& endpoint) {
        EndpointConfig c;
        c.target = endpoint;
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
    endpoint_ = config;
    statusLabel_->setEndpointName(config.displayName());
    setWindowTitle(tr("Watchfloor — %1").arg(config.displayName()));
    problemCount_ = 0;
    problemLabel_->clear();
    client_->start(config);
}

void MainWindow::startSimulator(const SimulatorOptions& options)
{
    client_->stop();
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

void MainWindow::updatePlatformTime()
{
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
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    client_->stop();
    simulator_->stop();
    event->accept();
}

}  // namespace wf
