#pragma once

// The command line of watchfloor-sim.

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <string>

namespace wfsim {

struct SimOptions {
    std::string listen = "127.0.0.1:0";
    bool allowRemote = false;
    uint64_t seed = 1;
    double speed = 1;
    QString scenario = QStringLiteral("quiet-day");
    std::optional<int64_t> startSeconds;  // default: wall clock now floored to 10 s
    bool requireToken = false;            // refuse callers without a bearer token
    int deployHistory = 0;                // about N deploys in the 7 days of history (0: default)
    int historyDays = 0;                  // 1..400 days of history, backfilled (0: not given)
    int flagCount = 40;                   // 40..5000 flags
    int dropActionResponses = 0;          // the first N applied actions lose their response
    int reconSize = 2000;                 // open reconciliation mismatches at the start
    int64_t approvalThresholdMinor = 50000;  // money-moving recon actions from here need approval
    QString incidentDb;   // the incident file; empty: a fresh temporary one per run
    QString tlsCert;      // PEM: serve TLS with this certificate chain...
    QString tlsKey;       // ...and this private key
    QString tlsClientCa;  // PEM: require client certificates signed by this CA (mutual TLS)
    bool listScenarios = false;
    bool help = false;
    bool version = false;
};

class SimCommandLine {
public:
    // False with `error` set for a bad option or value.
    bool parse(const QStringList& arguments);

    const SimOptions& options() const { return options_; }
    const std::string& error() const { return error_; }
    std::string helpText() const { return helpText_; }

    // "2024-05-01T12:00:00Z" (no offset means UTC) to Unix seconds, floored.
    static std::optional<int64_t> parseStart(const QString& text);

private:
    // An integer option in [min, max], or false with error_ set.
    bool parseCount(const QString& name, const QString& text, int min, int max, int* out);

    SimOptions options_;
    std::string error_;
    std::string helpText_;
};

}  // namespace wfsim
