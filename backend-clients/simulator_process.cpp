#include "simulator_process.h"

#include <spdlog/spdlog.h>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

namespace wf {

SimulatorProcess::SimulatorProcess(QObject* parent) : QObject(parent)
{
    // The simulator logs to stderr; pass it through to ours.
    process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(&process_, &QProcess::readyReadStandardOutput, this, &SimulatorProcess::readOutput);
    connect(&process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            error_ = QStringLiteral("Could not start the simulator (%1): %2")
                         .arg(process_.program(), process_.errorString());
            emit failed(error_);
        }
    });
    connect(&process_, &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        if (endpoint_.isEmpty() && error_.isEmpty()) {
            error_ =
                QStringLiteral("The simulator exited (code %1) before it was ready.").arg(code);
            emit failed(error_);
        }
        emit finished(code);
    });
}

SimulatorProcess::~SimulatorProcess()
{
    stop();
}

QString SimulatorProcess::locateBinary()
{
    const QString fromEnv = qEnvironmentVariable("WATCHFLOOR_SIM");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QDir appDir(QCoreApplication::applicationDirPath());
    for (const QString& candidate : {appDir.filePath(QStringLiteral("watchfloor-sim")),
                                     appDir.filePath(QStringLiteral("../sim/watchfloor-sim")),
                                     appDir.filePath(QStringLiteral("../../sim/watchfloor-sim"))}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStringLiteral("watchfloor-sim");
}

void SimulatorProcess::start(const SimulatorOptions& o)
{
    stop();
    endpoint_.clear();
    announced_ = false;
    tokens_.clear();
    error_.clear();
    buffer_.clear();
    QStringList args{QStringLiteral("--listen"),   o.listen,
                     QStringLiteral("--scenario"), o.scenario,
                     QStringLiteral("--speed"),    QString::number(o.speed, 'g', 10),
                     QStringLiteral("--seed"),     QString::number(o.seed)};
    if (!o.start.isEmpty())
        args << QStringLiteral("--start") << o.start;
    args << o.extraArguments;
    const QString program = locateBinary();
    spdlog::info("starting simulator {} {}", program.toStdString(), args.join(' ').toStdString());
    process_.start(program, args);
}

void SimulatorProcess::readOutput()
{
    buffer_ += process_.readAllStandardOutput();
    int nl;
    while ((nl = int(buffer_.indexOf('\n'))) >= 0) {
        const QByteArray line = buffer_.left(nl).trimmed();
        buffer_.remove(0, nl + 1);
        if (line.startsWith("TOKEN ")) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() == 3)
                tokens_.insert(QString::fromUtf8(parts[1]), QString::fromUtf8(parts[2]));
        } else if (line.startsWith("LISTENING ") && endpoint_.isEmpty()) {
            endpoint_ = QString::fromUtf8(line.mid(10)).trimmed();
            // The role tokens follow the LISTENING line; announce when they are in.
            QTimer::singleShot(kTokenGraceMs, this, &SimulatorProcess::announce);
        }
    }
    if (!endpoint_.isEmpty() && tokens_.size() >= kRoleCount)
        announce();
}

void SimulatorProcess::announce()
{
    if (announced_ || endpoint_.isEmpty())
        return;
    announced_ = true;
    emit listening(endpoint_);
}

bool SimulatorProcess::waitUntilListening(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while ((endpoint_.isEmpty() || tokens_.size() < kRoleCount) && !deadline.hasExpired()) {
        if (process_.state() == QProcess::NotRunning && !process_.waitForStarted(0))
            return false;
        process_.waitForReadyRead(int(std::min<qint64>(100, deadline.remainingTime())));
        readOutput();
    }
    return !endpoint_.isEmpty();
}

void SimulatorProcess::stop()
{
    if (process_.state() == QProcess::NotRunning)
        return;
    process_.terminate();
    if (!process_.waitForFinished(3000)) {
        process_.kill();
        process_.waitForFinished(1000);
    }
}

}  // namespace wf
