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
    SimOptions options_;
    std::string error_;
    std::string helpText_;
};

}  // namespace wfsim
