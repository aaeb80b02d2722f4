#include "console_options.h"
#include "dark_theme.h"
#include "logging.h"
#include "main_window.h"
#include "screenshot_capture.h"

#include <spdlog/spdlog.h>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Watchfloor"));
    QApplication::setApplicationName(QStringLiteral("Watchfloor"));
    QApplication::setApplicationVersion(QStringLiteral(WATCHFLOOR_VERSION));
    const auto options = wf::parseConsoleOptions(app);
    if (!options)
        return 64;
    wf::setupLogging();
    wf::applyDarkTheme(app);

    wf::MainWindow window;
    wf::SimulatorOptions demo;
    demo.scenario = options->scenario;
    demo.speed = options->speed;
    demo.seed = options->seed;
    // A quarter of history (journeys, deploys, incidents with postmortems) for the Trends tab.
    demo.extraArguments = {QStringLiteral("--history-days"), QStringLiteral("90")};
    window.setDemoOptions(demo);
    window.setSimulatorRole(options->simRole);
    if (!options->selectJourney.isEmpty() || !options->selectRegion.isEmpty())
        window.selectJourney(options->selectJourney, options->selectRegion);

    if (!options->tab.isEmpty())
        window.showTab(options->tab);
    if (!options->declareTitle.isEmpty()) {
        wf::Incident draft;
        draft.title = options->declareTitle;
        draft.severity = wf::Severity(options->declareSeverity);
        if (!options->selectJourney.isEmpty())
            draft.journeys = {options->selectJourney};
        if (!options->selectRegion.isEmpty())
            draft.regions = {options->selectRegion};
        window.declareWhenLive(draft);
    }
    const bool unattended = !options->screenshotFile.isEmpty() || options->reportStartup;
    if (unattended)
        new wf::ScreenshotCapture(&window, options->screenshotFile, options->afterSimSeconds,
                                  options->timeoutSeconds, sinceStart, options->reportStartup);

    wf::EndpointConfig endpoint;
    endpoint.token = qEnvironmentVariable("WATCHFLOOR_TOKEN");
    if (!options->tokenFile.isEmpty()) {
        QFile f(options->tokenFile);
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "watchfloor: cannot read the token file %s\n",
                         qPrintable(options->tokenFile));
            return 66;
        }
        endpoint.token = QString::fromUtf8(f.readAll()).trimmed();
    }
    if (!options->endpoint.isEmpty()) {
        endpoint.target = options->endpoint;
        endpoint.tls = options->tls;
        endpoint.caCertificatePath = options->caCertificate;
        endpoint.clientCertificatePath = options->clientCertificate;
        endpoint.clientKeyPath = options->clientKey;
        window.connectTo(endpoint);
    } else if (options->demo || unattended) {
        window.startSimulator(demo);
    } else if (window.hasSavedEndpoint()) {
        wf::EndpointConfig saved = window.savedEndpoint();
        saved.token = endpoint.token;
        window.connectTo(saved);
    } else {
        // Incidents and the audit log work before (and without) a platform.
        window.openLocalStores();
        QTimer::singleShot(0, &window, &wf::MainWindow::showConnectionDialog);
    }
    window.show();
    const int rc = app.exec();
    spdlog::info("watchfloor exiting ({})", rc);
    return rc;
}
