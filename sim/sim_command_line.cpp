#include "sim_command_line.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <algorithm>
#include <cmath>

namespace wfsim {

bool SimCommandLine::parse(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Simulated commerce platform serving watchfloor.v1.JourneyHealthService over gRPC.\n"
        "Prints \"LISTENING HOST:PORT\" on stdout once it serves."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version."));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Address to listen on; port 0 picks a free one (default 127.0.0.1:0)."),
        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1:0"));
    const QCommandLineOption allowRemote(QStringLiteral("allow-remote"),
                                         QStringLiteral("Allow a non-loopback --listen address."));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Random seed (unsigned 64-bit, default 1)."),
                                  QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption speed(
        QStringLiteral("speed"),
        QStringLiteral("Simulated seconds per wall-clock second (> 0, default 1)."),
        QStringLiteral("X"), QStringLiteral("1"));
    const QCommandLineOption scenario(
        QStringLiteral("scenario"),
        QStringLiteral("Built-in scenario name or a JSON file path (default quiet-day)."),
        QStringLiteral("NAME|PATH"), QStringLiteral("quiet-day"));
    const QCommandLineOption start(
        QStringLiteral("start"),
        QStringLiteral("Simulated time at start, ISO 8601 (default: now, floored to 10 s)."),
        QStringLiteral("ISO8601"));
    const QCommandLineOption requireToken(
        QStringLiteral("require-token"),
        QStringLiteral("Refuse callers without a bearer token (default: anonymous viewers may "
                       "read)."));
    const QCommandLineOption deployHistory(
        QStringLiteral("deploy-history"),
        QStringLiteral("About N deploys in the 7 days before the start (default: one per service "
                       "and region every 2-6 h, about 630)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption historyDays(
        QStringLiteral("history-days"),
        QStringLiteral("Backfill N days of platform history (1..400): journey samples reach back "
                       "N days (1 h intervals before the last 35 days), deploys cover them, and "
                       "about two resolved incidents a week with postmortems and action items "
                       "are in the incident store, each dipping its journey. Deterministic for "
                       "the seed. Default: 35 days of samples, 7 of deploys, no incidents."),
        QStringLiteral("N"));
    const QCommandLineOption flagCount(
        QStringLiteral("flag-count"),
        QStringLiteral("Number of feature flags, 40..5000 (default 40)."), QStringLiteral("N"),
        QStringLiteral("40"));
    const QCommandLineOption dropResponses(
        QStringLiteral("drop-action-responses"),
        QStringLiteral("Apply the first N state-changing calls, then answer them UNAVAILABLE "
                       "(default 0)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption reconSize(
        QStringLiteral("recon-size"),
        QStringLiteral("Open reconciliation mismatches at the start, 0..1000000 (default 2000)."),
        QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption approvalThreshold(
        QStringLiteral("approval-threshold-minor"),
        QStringLiteral("Money-moving reconciliation actions of at least N minor units need a "
                       "second person's approval (default 50000, i.e. 500.00; JPY: N/100)."),
        QStringLiteral("N"), QStringLiteral("50000"));
    const QCommandLineOption incidentDb(
        QStringLiteral("incident-db"),
        QStringLiteral("SQLite file of the shared incidents, kept across runs (default: a fresh "
                       "temporary file per run)."),
        QStringLiteral("PATH"));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve TLS with this PEM certificate chain (needs --tls-key)."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QStringLiteral("The PEM private key of --tls-cert."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption tlsClientCa(
        QStringLiteral("tls-client-ca"),
        QStringLiteral("Mutual TLS: refuse clients without a certificate signed by this PEM CA."),
        QStringLiteral("FILE"));
    const QCommandLineOption list(QStringLiteral("list-scenarios"),
                                  QStringLiteral("List the built-in scenarios and exit."));
    parser.addOptions({tlsCert, tlsKey, tlsClientCa});
    parser.addOptions({help, version, listen, allowRemote, seed, speed, scenario, start,
                       requireToken, deployHistory, historyDays, flagCount, dropResponses,
                       reconSize, approvalThreshold, incidentDb, list});
    helpText_ = parser.helpText().toStdString();

    if (!parser.parse(arguments)) {
        error_ = parser.errorText().toStdString();
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        error_ =
            "unexpected argument \"" + parser.positionalArguments().first().toStdString() + "\"";
        return false;
    }
    options_.help = parser.isSet(help);
    options_.version = parser.isSet(version);
    options_.listScenarios = parser.isSet(list);
    options_.allowRemote = parser.isSet(allowRemote);
    options_.requireToken = parser.isSet(requireToken);
    options_.listen = parser.value(listen).toStdString();
    options_.scenario = parser.value(scenario);
    options_.incidentDb = parser.value(incidentDb);
    options_.tlsCert = parser.value(tlsCert);
    options_.tlsKey = parser.value(tlsKey);
    options_.tlsClientCa = parser.value(tlsClientCa);
    if (options_.tlsCert.isEmpty() != options_.tlsKey.isEmpty()) {
        error_ = "--tls-cert and --tls-key go together";
        return false;
    }
    if (!options_.tlsClientCa.isEmpty() && options_.tlsCert.isEmpty()) {
        error_ = "--tls-client-ca needs --tls-cert and --tls-key";
        return false;
    }
    if (parser.isSet(incidentDb) && options_.incidentDb.isEmpty()) {
        error_ = "--incident-db needs a file path";
        return false;
    }

    bool ok = false;
    options_.seed = parser.value(seed).toULongLong(&ok, 10);
    if (!ok) {
        error_ =
            "--seed \"" + parser.value(seed).toStdString() + "\" is not an unsigned 64-bit integer";
        return false;
    }
    options_.speed = parser.value(speed).toDouble(&ok);
    if (!ok || !std::isfinite(options_.speed) || options_.speed <= 0) {
        error_ = "--speed \"" + parser.value(speed).toStdString() + "\" must be a number > 0";
        return false;
    }
    if (!parseCount(QStringLiteral("deploy-history"), parser.value(deployHistory), 0, 200000,
                    &options_.deployHistory) ||
        !parseCount(QStringLiteral("flag-count"), parser.value(flagCount), 40, 5000,
                    &options_.flagCount) ||
        !parseCount(QStringLiteral("drop-action-responses"), parser.value(dropResponses), 0,
                    1000000, &options_.dropActionResponses) ||
        !parseCount(QStringLiteral("recon-size"), parser.value(reconSize), 0, 1000000,
                    &options_.reconSize)) {
        return false;
    }
    if (parser.isSet(historyDays)) {
        if (!parseCount(QStringLiteral("history-days"), parser.value(historyDays), 1, 400,
                        &options_.historyDays)) {
            return false;
        }
        // --deploy-history sets the gap over 7 days; the longer history keeps it.
        constexpr int64_t kMaxDeploys = 200000;
        const int64_t deploys =
            int64_t{options_.deployHistory} * std::max(7, options_.historyDays) / 7;
        if (deploys > kMaxDeploys) {
            error_ = "--deploy-history " + std::to_string(options_.deployHistory) +
                     " over --history-days " + std::to_string(options_.historyDays) +
                     " would make about " + std::to_string(deploys) + " deploys; at most " +
                     std::to_string(kMaxDeploys);
            return false;
        }
    }
    constexpr qint64 kMaxThreshold = 1'000'000'000'000LL;
    options_.approvalThresholdMinor = parser.value(approvalThreshold).toLongLong(&ok);
    if (!ok || options_.approvalThresholdMinor < 1 ||
        options_.approvalThresholdMinor > kMaxThreshold) {
        error_ = "--approval-threshold-minor \"" + parser.value(approvalThreshold).toStdString() +
                 "\" must be an integer from 1 to " + std::to_string(kMaxThreshold);
        return false;
    }
    if (parser.isSet(start)) {
        options_.startSeconds = parseStart(parser.value(start));
        if (!options_.startSeconds) {
            error_ = "--start \"" + parser.value(start).toStdString() +
                     "\" is not an ISO 8601 time such as 2024-05-01T12:00:00Z";
            return false;
        }
    }
    return true;
}

bool SimCommandLine::parseCount(const QString& name, const QString& text, int min, int max,
                                int* out)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < min || value > max) {
        error_ = "--" + name.toStdString() + " \"" + text.toStdString() +
                 "\" must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
        return false;
    }
    *out = value;
    return true;
}

std::optional<int64_t> SimCommandLine::parseStart(const QString& text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    const qint64 ms = time.toMSecsSinceEpoch();
    return static_cast<int64_t>(std::floor(static_cast<double>(ms) / 1000.0));
}

}  // namespace wfsim
