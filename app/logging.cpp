#include "logging.h"

#include "redaction.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <QDir>
#include <QStandardPaths>
#include <mutex>

namespace wf {

namespace {

// Every line is redacted (card numbers, tokens, the secrets the console
// holds) before any sink sees it: the log file and the terminal alike.
class RedactingSink : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit RedactingSink(std::vector<spdlog::sink_ptr> sinks) : sinks_(std::move(sinks)) {}

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        const QString text = QString::fromUtf8(msg.payload.data(), qsizetype(msg.payload.size()));
        const std::string clean = redactSecrets(text).toStdString();
        spdlog::details::log_msg copy = msg;
        copy.payload = clean;
        for (const spdlog::sink_ptr& s : sinks_)
            if (s->should_log(copy.level))
                s->log(copy);
    }
    void flush_() override
    {
        for (const spdlog::sink_ptr& s : sinks_)
            s->flush();
    }

private:
    std::vector<spdlog::sink_ptr> sinks_;
};

}  // namespace

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
    auto redacting = std::make_shared<RedactingSink>(std::move(sinks));
    auto logger = std::make_shared<spdlog::logger>("watchfloor", redacting);
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(2));
    return file;
}

}  // namespace wf
