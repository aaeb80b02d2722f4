#pragma once

// The reconciliation change stream. The snapshot is the open queue's summary
// (which names the stream position it reflects); then every new, updated and
// resolved mismatch, resumed by sequence. A settlement file can bring tens of
// thousands of changes at once, so changes are not sent one signal each:
// they collect in a buffer, `changesAvailable` fires when it stops being
// empty, and the UI thread takes them all at once.

#include "change_feed_client.h"
#include "recon_types.h"

#include <mutex>

namespace wf {

class ReconFeedClient : public ChangeFeedClient {
    Q_OBJECT
public:
    explicit ReconFeedClient(QObject* parent = nullptr);

    // Every change received since the last call, oldest first (any thread).
    QVector<MismatchChange> takeChanges();
    qint64 changesReceived() const { return received_.load(); }

signals:
    // The open queue's summary at (re)load: after a reload the queue may
    // have changed in any way, so views refetch what they show.
    void queueLoaded(const wf::MismatchSummary& summary);
    void changesAvailable();

protected:
    bool loadSnapshot(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                      QString* error, bool* reloadNow) override;
    StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error) override;

private:
    std::mutex mutex_;
    QVector<MismatchChange> pending_;  // guarded by mutex_
    std::atomic<qint64> received_{0};
};

}  // namespace wf
