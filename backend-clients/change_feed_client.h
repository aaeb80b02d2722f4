#pragma once

// The deploys and flags feeds: a snapshot (all recent deploys, all flags),
// then their change streams, resumed by sequence after a broken connection.

#include "change_types.h"
#include "feed_worker.h"

namespace wf {

class DeployFeedClient : public FeedWorker {
    Q_OBJECT
public:
    explicit DeployFeedClient(QObject* parent = nullptr);
    // How far back the snapshot reaches (platform time).
    void setLookbackMs(qint64 ms) { lookbackMs_ = ms; }

signals:
    void deploysLoaded(const QVector<wf::Deploy>& deploys, qint64 platformTimeMs);
    void deployChanged(const wf::Deploy& deploy);

protected:
    void reset() override;
    bool loadSnapshot(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                      QString* error, bool* reloadNow) override;
    StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error) override;

private:
    qint64 lookbackMs_ = 7LL * 24 * 3600 * 1000;
    std::string epoch_;
    quint64 lastSequence_ = 0;
};

class FlagFeedClient : public FeedWorker {
    Q_OBJECT
public:
    explicit FlagFeedClient(QObject* parent = nullptr);

signals:
    void flagsLoaded(const QVector<wf::Flag>& flags);
    void flagChanged(const wf::FlagChangeEvent& change);

protected:
    void reset() override;
    bool loadSnapshot(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                      QString* error, bool* reloadNow) override;
    StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error) override;

private:
    std::string epoch_;
    quint64 lastSequence_ = 0;
};

}  // namespace wf
