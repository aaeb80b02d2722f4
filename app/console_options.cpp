#include "console_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

namespace wf {

std::optional<ConsoleOptions> parseConsoleOptions(const QCoreApplication& app)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Watchfloor: the operations console for a commerce platform.\n"
                       "  watchfloor --endpoint HOST:PORT      connect to a platform\n"
                       "  watchfloor --demo [--scenario NAME]  run against the bundled simulator"));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption endpoint(QStringLiteral("endpoint"),
                                      QStringLiteral("Platform endpoint."),
                                      QStringLiteral("HOST:PORT"));
    const QCommandLineOption tls(QStringLiteral("tls"), QStringLiteral("Connect with TLS."));
    const QCommandLineOption cert(QStringLiteral("cert"),
                                  QStringLiteral("Mutual TLS: this console's certificate (PEM)."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("Mutual TLS: the key of --cert (PEM)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption ca(QStringLiteral("ca"),
                                QStringLiteral("CA certificate (PEM) for TLS."),
                                QStringLiteral("FILE"));
    const QCommandLineOption tokenFile(
        QStringLiteral("token-file"),
        QStringLiteral("Read the bearer token from FILE (default: $WATCHFLOOR_TOKEN)."),
        QStringLiteral("FILE"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Start the simulator on a free loopback port and connect to it."));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QStringLiteral("Simulator scenario (default demo)."),
                                      QStringLiteral("NAME"), QStringLiteral("demo"));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   QStringLiteral("Simulated seconds per second (default 10)."),
                                   QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Simulator seed (default 1)."),
                                  QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window to FILE (PNG) and exit."), QStringLiteral("FILE"));
    const QCommandLineOption after(
        QStringLiteral("after"),
        QStringLiteral("With --screenshot: wait for this much simulated time after connecting."),
        QStringLiteral("SIM_SECONDS"), QStringLiteral("0"));
    const QCommandLineOption journey(QStringLiteral("journey"),
                                     QStringLiteral("Journey to select."), QStringLiteral("ID"));
    const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("Region to select."),
                                    QStringLiteral("ID"));
    const QCommandLineOption simRole(
        QStringLiteral("sim-role"),
        QStringLiteral("With the local simulator, act as: viewer, operator, incident-commander "
                       "(default) or payments-approver."),
        QStringLiteral("ROLE"), QStringLiteral("incident-commander"));
    const QCommandLineOption tab(
        QStringLiteral("tab"),
        QStringLiteral(
            "Open on a tab: journeys, incidents, trends, deploys, flags, vendors, recon or audit; "
            "NAME/PANE opens a pane inside it (trends/change, incidents/postmortem), "
            "NAME/PANE/SECTION a postmortem section (incidents/postmortem/impact)."),
        QStringLiteral("NAME"));
    const QCommandLineOption startup(
        QStringLiteral("report-startup"),
        QStringLiteral("Print the time to the first live sample on screen and exit."));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QStringLiteral("Give up a --screenshot after N wall seconds (default 180)."),
        QStringLiteral("N"), QStringLiteral("180"));
    const QCommandLineOption declare(
        QStringLiteral("declare"),
        QStringLiteral("Declare an incident with this title once connected (its journey and "
                       "region from --journey and --region)."),
        QStringLiteral("TITLE"));
    const QCommandLineOption severity(QStringLiteral("severity"),
                                      QStringLiteral("The --declare'd incident's severity, 1-4 "
                                                     "(default 2)."),
                                      QStringLiteral("N"), QStringLiteral("2"));
    p.addOptions({cert, key});
    p.addOptions({endpoint, tls, ca, tokenFile, demo, scenario, speed, seed, screenshot, after,
                  journey, region, tab, simRole, startup, timeout, declare, severity});
    p.process(app);

    ConsoleOptions o;
    o.endpoint = p.value(endpoint);
    o.tls = p.isSet(tls);
    o.caCertificate = p.value(ca);
    o.clientCertificate = p.value(cert);
    o.clientKey = p.value(key);
    if (o.clientCertificate.isEmpty() != o.clientKey.isEmpty()) {
        std::fprintf(stderr, "watchfloor: --cert and --key go together\n");
        return std::nullopt;
    }
    o.tokenFile = p.value(tokenFile);
    o.demo = p.isSet(demo);
    o.scenario = p.value(scenario);
    o.screenshotFile = p.value(screenshot);
    o.selectJourney = p.value(journey);
    o.selectRegion = p.value(region);
    o.reportStartup = p.isSet(startup);
    o.tab = p.value(tab);
    o.declareTitle = p.value(declare).trimmed();
    bool sevOk = false;
    o.declareSeverity = p.value(severity).toInt(&sevOk);
    if (!sevOk || o.declareSeverity < 1 || o.declareSeverity > 4) {
        std::fprintf(stderr, "watchfloor: --severity takes 1, 2, 3 or 4\n");
        return std::nullopt;
    }
    o.simRole = p.value(simRole);
    if (!QStringList{QStringLiteral("viewer"), QStringLiteral("operator"),
                     QStringLiteral("incident-commander"), QStringLiteral("payments-approver")}
             .contains(o.simRole)) {
        std::fprintf(stderr,
                     "watchfloor: --sim-role takes viewer, operator, incident-commander "
                     "or payments-approver\n");
        return std::nullopt;
    }
    if (!o.tab.isEmpty() &&
        !QStringList{QStringLiteral("journeys"), QStringLiteral("incidents"),
                     QStringLiteral("trends"), QStringLiteral("deploys"), QStringLiteral("flags"),
                     QStringLiteral("vendors"), QStringLiteral("recon"), QStringLiteral("audit")}
             .contains(o.tab.section(QLatin1Char('/'), 0, 0))) {
        std::fprintf(
            stderr,
            "watchfloor: --tab takes journeys, incidents, trends, deploys, flags, vendors, recon "
            "or audit\n");
        return std::nullopt;
    }
    bool ok1 = true, ok2 = true, ok3 = true, ok4 = true;
    o.speed = p.value(speed).toDouble(&ok1);
    o.seed = p.value(seed).toULongLong(&ok2);
    o.afterSimSeconds = p.value(after).toDouble(&ok3);
    o.timeoutSeconds = p.value(timeout).toInt(&ok4);
    if (!ok1 || !(o.speed > 0) || !ok2 || !ok3 || o.afterSimSeconds < 0 || !ok4 ||
        o.timeoutSeconds <= 0) {
        std::fprintf(stderr,
                     "watchfloor: --speed, --seed, --after and --timeout take positive numbers\n");
        return std::nullopt;
    }
    if (!o.endpoint.isEmpty() && o.demo) {
        std::fprintf(stderr, "watchfloor: use either --endpoint or --demo, not both\n");
        return std::nullopt;
    }
    return o;
}

}  // namespace wf
