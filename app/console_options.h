#pragma once

#include <QString>
#include <optional>

class QCoreApplication;

namespace wf {

// The console's command line.
struct ConsoleOptions {
    QString endpoint;           // --endpoint HOST:PORT
    bool tls = false;           // --tls
    QString caCertificate;      // --ca FILE
    QString clientCertificate;  // --cert FILE (mutual TLS)
    QString clientKey;          // --key FILE
    QString tokenFile;          // --token-file FILE (else $WATCHFLOOR_TOKEN)
    bool demo = false;          // --demo
    QString scenario = QStringLiteral("demo");
    double speed = 10.0;
    quint64 seed = 1;
    QString screenshotFile;      // --screenshot FILE
    double afterSimSeconds = 0;  // --after SIM_SECONDS
    QString selectJourney;       // --journey ID (selected row / chart)
    QString selectRegion;        // --region ID
    QString tab;                 // --tab journeys, deploys, flags, vendors, recon or audit
    QString declareTitle;        // --declare TITLE: declare an incident once connected
    int declareSeverity = 2;     // --severity 1..4
    // --sim-role: whose token the local simulator's session uses.
    QString simRole = QStringLiteral("incident-commander");
    bool reportStartup = false;  // --report-startup: print the start-up time and exit
    int timeoutSeconds = 180;    // for --screenshot / --report-startup
};

// Parses the application's arguments; on a usage error prints it and returns nothing.
std::optional<ConsoleOptions> parseConsoleOptions(const QCoreApplication& app);

}  // namespace wf
