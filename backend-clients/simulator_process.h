#pragma once

// Starts the platform simulator (watchfloor-sim) as a child process on a free
// loopback port and reports the endpoint it listens on. Used by --demo, the
// connection dialog's "Start local simulator", the tests and the benchmarks.

#include <QHash>
#include <QObject>
#include <QProcess>
#include <QStringList>

namespace wf {

struct SimulatorOptions {
    QString scenario = QStringLiteral("demo");
    double speed = 1.0;
    quint64 seed = 1;
    QString start;  // ISO-8601 simulated start; empty = now
    QString listen = QStringLiteral("127.0.0.1:0");
    QStringList extraArguments;
};

class SimulatorProcess : public QObject {
    Q_OBJECT
public:
    explicit SimulatorProcess(QObject* parent = nullptr);
    ~SimulatorProcess() override;

    // The simulator binary: $WATCHFLOOR_SIM, else next to this executable,
    // else ../sim/ relative to it (the build tree).
    static QString locateBinary();

    void start(const SimulatorOptions& options);
    // Blocks (for tests and tools): true once the LISTENING line arrived.
    bool waitUntilListening(int timeoutMs = 10000);
    void stop();

    QString endpoint() const { return endpoint_; }
    // Bearer tokens the simulator printed, by role ("incident-commander").
    // Kept in memory only.
    QString token(const QString& role) const { return tokens_.value(role); }
    bool isRunning() const { return process_.state() != QProcess::NotRunning; }
    qint64 processId() const { return process_.processId(); }
    QString errorText() const { return error_; }

signals:
    void listening(const QString& endpoint);
    void failed(const QString& message);
    void finished(int exitCode);

private:
    static constexpr int kRoleCount = 4;
    static constexpr int kTokenGraceMs = 300;
    void readOutput();
    void announce();

    QProcess process_;
    QString endpoint_;
    bool announced_ = false;
    QHash<QString, QString> tokens_;
    QString error_;
    QByteArray buffer_;
};

}  // namespace wf
