#pragma once

// Shared test helpers: the real simulator on a loopback port, and a loopback
// TCP proxy that can cut connections (all at once, or in the middle of a
// message) while the simulator keeps running.

#include "simulator_process.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace wf::test {

// Options for a test run: a scenario at a speed, seeded, optionally from a
// pinned simulated start (ISO-8601) so that time-of-day effects repeat.
SimulatorOptions simOptions(const QString& scenario, double speed, quint64 seed,
                            const QString& start = {});

// Starts watchfloor-sim (found through $WATCHFLOOR_SIM) and waits until it listens.
class SimFixture {
public:
    explicit SimFixture(SimulatorOptions options);
    ~SimFixture();
    bool start();
    // Stops the process and starts a new one on the same port (a new stream epoch).
    bool restartOnSamePort();
    void stop();
    QString endpoint() const { return process_->endpoint(); }
    quint16 port() const;
    QString error() const { return process_->errorText(); }
    // "viewer", "operator", "incident-commander", "payments-approver"
    QString token(const QString& role) const { return process_->token(role); }

private:
    SimulatorOptions options_;
    std::unique_ptr<SimulatorProcess> process_;
};

class ProxyWorker;

class LoopbackProxy {
public:
    LoopbackProxy();
    ~LoopbackProxy();
    // Listens on 127.0.0.1:<free port> and forwards to target (host:port).
    quint16 start(const QString& target);
    QString endpoint() const;
    // Aborts every open connection; new ones are accepted as before.
    void cutAll();
    // Latency: what the platform sends reaches the client `ms` later.
    void setDelay(int ms);
    // A platform that stops answering (connections stay open, nothing
    // arrives) until thawed; then what was held arrives.
    void setFrozen(bool frozen);
    // The next server->client chunk is forwarded only in half, then the
    // connection is aborted: the client sees a message cut in the middle.
    void cutNextMessageInHalf();
    int connectionsAccepted() const;
    qint64 bytesToClient() const;

private:
    QThread thread_;
    ProxyWorker* worker_;
    quint16 port_ = 0;
};

}  // namespace wf::test
