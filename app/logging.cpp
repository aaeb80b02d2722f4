#include "logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <QDir>
#include <QStandardPaths>

namespace wf {

QString setupLogging()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                        QStringLiteral("/logs");
    QDir().mkpath(dir);
    const QString file = dir + QStringLiteral("/watchfloor.log");
    std::vector<spdlog::sink_ptr> sinks;
    try {
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.toStdString(),
                                                                               5 * 1024 * 1024, 3));
    } catch (const spdlog::spdlog_ex& e) {
        std::fprintf(stderr, "watchfloor: cannot open the log file %s: %s\n", qPrintable(file),
                     e.what());
    }
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(spdlog::level::warn);
    sinks.push_back(console);
    auto logger = std::make_shared<spdlog::logger>("watchfloor", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(2));
    return file;
}

}  // namespace wf
