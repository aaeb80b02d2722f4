#include "sim_fixture.h"

#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <atomic>

namespace wf::test {

SimulatorOptions simOptions(const QString& scenario, double speed, quint64 seed,
                            const QString& start)
{
    SimulatorOptions o;
    o.scenario = scenario;
    o.speed = speed;
    o.seed = seed;
    o.start = start;
    return o;
}

SimFixture::SimFixture(SimulatorOptions options)
    : options_(std::move(options)), process_(std::make_unique<SimulatorProcess>())
{
}

SimFixture::~SimFixture()
{
    stop();
}

bool SimFixture::start()
{
    process_->start(options_);
    return process_->waitUntilListening(15000);
}

quint16 SimFixture::port() const
{
    const QString e = endpoint();
    return quint16(e.mid(e.lastIndexOf(':') + 1).toUInt());
}

bool SimFixture::restartOnSamePort()
{
    const quint16 p = port();
    process_->stop();
    SimulatorOptions o = options_;
    o.listen = QStringLiteral("127.0.0.1:%1").arg(p);
    process_ = std::make_unique<SimulatorProcess>();
    process_->start(o);
    return process_->waitUntilListening(15000);
}

void SimFixture::stop()
{
    process_->stop();
}

// Lives on the proxy's own thread: the test thread may block in QTRY loops.
class ProxyWorker : public QObject {
    Q_OBJECT
public:
    QTcpServer* server = nullptr;  // created on the proxy thread
    QString host;
    quint16 targetPort = 0;
    std::atomic<int> accepted{0};
    std::atomic<qint64> toClient{0};
    bool cutHalf = false;
    int delayMs = 0;      // server -> client data held this long (latency)
    bool frozen = false;  // server -> client data held until thawed (a platform gone silent)
    QHash<QTcpSocket*, QByteArray> held;    // client -> data held while frozen
    QHash<QTcpSocket*, QTcpSocket*> peers;  // client -> upstream

public slots:
    quint16 listen(const QString& target)
    {
        host = target.left(target.lastIndexOf(':'));
        targetPort = quint16(target.mid(target.lastIndexOf(':') + 1).toUInt());
        server = new QTcpServer(this);
        connect(server, &QTcpServer::newConnection, this, &ProxyWorker::onNewConnection);
        server->listen(QHostAddress::LocalHost, 0);
        return server->serverPort();
    }

    void cutAll()
    {
        const auto pairs = peers;
        peers.clear();
        for (auto it = pairs.begin(); it != pairs.end(); ++it) {
            it.key()->abort();
            it.value()->abort();
            it.key()->deleteLater();
            it.value()->deleteLater();
        }
    }

    void armCutHalf() { cutHalf = true; }

    void setDelay(int ms) { delayMs = ms; }

    void setFrozen(bool freeze)
    {
        frozen = freeze;
        if (freeze)
            return;
        const auto pending = held;
        held.clear();
        for (auto it = pending.begin(); it != pending.end(); ++it)
            if (peers.contains(it.key()))
                it.key()->write(it.value());
    }

    void stop()
    {
        cutAll();
        if (server)
            server->close();
    }

private:
    void onNewConnection()
    {
        while (QTcpSocket* client = server->nextPendingConnection()) {
            ++accepted;
            auto* upstream = new QTcpSocket(this);
            client->setParent(this);
            peers.insert(client, upstream);
            connect(client, &QTcpSocket::readyRead, this,
                    [client, upstream] { upstream->write(client->readAll()); });
            connect(upstream, &QTcpSocket::connected, this,
                    [client, upstream] { upstream->write(client->readAll()); });
            connect(upstream, &QTcpSocket::readyRead, this, [this, client, upstream] {
                QByteArray data = upstream->readAll();
                if (cutHalf && data.size() > 1) {
                    cutHalf = false;
                    client->write(data.left(data.size() / 2));
                    client->flush();
                    peers.remove(client);
                    client->abort();
                    upstream->abort();
                    return;
                }
                toClient += data.size();
                if (frozen) {
                    held[client] += data;
                } else if (delayMs > 0) {
                    QTimer::singleShot(delayMs, client, [this, client, data] {
                        if (peers.contains(client))
                            client->write(data);
                    });
                } else {
                    client->write(data);
                }
            });
            auto close = [this, client, upstream] {
                if (peers.remove(client)) {
                    client->disconnectFromHost();
                    upstream->disconnectFromHost();
                }
            };
            connect(client, &QTcpSocket::disconnected, this, close);
            connect(upstream, &QTcpSocket::disconnected, this, close);
            connect(upstream, &QTcpSocket::errorOccurred, this, close);
            upstream->connectToHost(host, targetPort);
        }
    }
};

LoopbackProxy::LoopbackProxy() : worker_(new ProxyWorker)
{
    worker_->moveToThread(&thread_);
    QObject::connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.start();
}

LoopbackProxy::~LoopbackProxy()
{
    QMetaObject::invokeMethod(worker_, &ProxyWorker::stop, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}

quint16 LoopbackProxy::start(const QString& target)
{
    QMetaObject::invokeMethod(
        worker_, [this, target] { return worker_->listen(target); }, Qt::BlockingQueuedConnection,
        &port_);
    return port_;
}

QString LoopbackProxy::endpoint() const
{
    return QStringLiteral("127.0.0.1:%1").arg(port_);
}

void LoopbackProxy::setDelay(int ms)
{
    QMetaObject::invokeMethod(
        worker_, [w = worker_, ms] { w->setDelay(ms); }, Qt::BlockingQueuedConnection);
}

void LoopbackProxy::setFrozen(bool frozen)
{
    QMetaObject::invokeMethod(
        worker_, [w = worker_, frozen] { w->setFrozen(frozen); }, Qt::BlockingQueuedConnection);
}

void LoopbackProxy::cutAll()
{
    QMetaObject::invokeMethod(worker_, &ProxyWorker::cutAll, Qt::BlockingQueuedConnection);
}

void LoopbackProxy::cutNextMessageInHalf()
{
    QMetaObject::invokeMethod(worker_, &ProxyWorker::armCutHalf, Qt::BlockingQueuedConnection);
}

int LoopbackProxy::connectionsAccepted() const
{
    return worker_->accepted.load();
}
qint64 LoopbackProxy::bytesToClient() const
{
    return worker_->toClient.load();
}

}  // namespace wf::test

#include "sim_fixture.moc"
