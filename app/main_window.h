#pragma once

// The console's main window: the journey health board, the selected
// journey's chart, and the connection state in the status bar.

#include "endpoint_config.h"
#include "simulator_process.h"

#include <QMainWindow>

class QLabel;
class QSplitter;

namespace wf {

class HealthStore;
class JourneyBoardModel;
class JourneyBoardView;
class JourneyChartView;
class JourneyHealthClient;
class ConnectionStatusLabel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void connectTo(const EndpointConfig& config);
    void startSimulator(const SimulatorOptions& options);
    // What "Start local simulator" runs (the --demo options).
    void setDemoOptions(const SimulatorOptions& options) { demoOptions_ = options; }
    void showConnectionDialog();
    // True when settings hold an endpoint from an earlier run.
    bool hasSavedEndpoint() const;
    EndpointConfig savedEndpoint() const;
    void selectJourney(const QString& journeyId, const QString& region);

    HealthStore* store() const { return store_; }
    JourneyBoardModel* boardModel() const { return boardModel_; }
    JourneyBoardView* board() const { return board_; }
    JourneyChartView* chart() const { return chart_; }
    ConnectionStatusLabel* connectionLabel() const { return statusLabel_; }
    JourneyHealthClient* client() const { return client_; }
    QString lastProblem() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void restoreSettings();
    void saveSettings() const;
    void showProblem(const QString& message);
    void updatePlatformTime();

    HealthStore* store_;
    JourneyBoardModel* boardModel_;
    JourneyHealthClient* client_;
    SimulatorProcess* simulator_;
    JourneyBoardView* board_;
    JourneyChartView* chart_;
    QSplitter* splitter_;
    ConnectionStatusLabel* statusLabel_;
    QLabel* problemLabel_;
    QLabel* platformTimeLabel_;
    EndpointConfig endpoint_;
    SimulatorOptions demoOptions_;
    int problemCount_ = 0;
    QString pendingJourney_;
    QString pendingRegion_;
};

}  // namespace wf
