#pragma once

// The deploys and flags feeds: a snapshot (recent deploys, all flags) that
// names the stream position it reflects, then the change stream from there,
// resumed by sequence after a broken connection.

#include "change_types.h"
#include "feed_worker.h"

#include <string>

namespace wf {

// What both change feeds share: the stream position and how to follow it.
class ChangeFeedClient : public FeedWorker {
    Q_OBJECT
public:
    using FeedWorker::FeedWorker;

protected:
    void reset() override;
    // Takes the position named by a list's first page; a later page from
    // another epoch means the platform restarted while listing.
    bool adoptPosition(bool firstPage, const std::string& epoch, quint64 upToSequence,
                       QString* error, bool* reloadNow);
    // Reads `reader` until it ends; apply(event) handles each new change.
    template <typename Event, typename Reader, typename Apply>
    StreamEnd followChanges(grpc::ClientContext& ctx, Reader& reader, const EndpointConfig& config,
                            QString* error, Apply&& apply);

    std::string epoch_;
    quint64 lastSequence_ = 0;
};

template <typename Event, typename Reader, typename Apply>
FeedWorker::StreamEnd ChangeFeedClient::followChanges(grpc::ClientContext& ctx, Reader& reader,
                                                      const EndpointConfig& config, QString* error,
                                                      Apply&& apply)
{
    Event e;
    bool delivered = false;
    bool sameEpoch = true;
    while (reader.Read(&e)) {
        markMessage();
        if (!delivered) {
            setStatus(ConnectionState::Live, QString());
            delivered = true;
        }
        if (epoch_.empty())
            epoch_ = e.stream_epoch();  // a platform that does not name it in the list
        if (e.stream_epoch() != epoch_) {
            sameEpoch = false;
            ctx.TryCancel();
            break;
        }
        if (e.sequence() == 0 || e.sequence() <= lastSequence_)
            continue;  // a heartbeat, or a change already applied
        // The platform numbers its changes 1, 2, ...: a jump means changes
        // were lost or reordered on the way. Resume after the last one
        // applied; the rest is sent again.
        if (lastSequence_ > 0 && e.sequence() > lastSequence_ + 1) {
            *error = QStringLiteral(
                         "Changes arrived out of order (%1 after %2); reading them "
                         "again from the platform.")
                         .arg(e.sequence())
                         .arg(lastSequence_);
            ctx.TryCancel();
            reader.Finish();
            setActiveContext(nullptr);
            setStreaming(false);
            return StreamEnd::RetryNow;
        }
        apply(e);  // a malformed change is skipped, but its place is taken
        lastSequence_ = e.sequence();
    }
    const grpc::Status status = reader.Finish();
    setActiveContext(nullptr);
    setStreaming(false);
    if (!sameEpoch) {
        *error =
            QStringLiteral("The platform's %1 feed started over.").arg(QString::fromLatin1(name()));
        return StreamEnd::Reload;
    }
    return classifyStreamEnd(status, delivered, config, error);
}

class DeployFeedClient : public ChangeFeedClient {
    Q_OBJECT
public:
    explicit DeployFeedClient(QObject* parent = nullptr);
    // How far back the snapshot reaches (platform time).
    void setLookbackMs(qint64 ms) { lookbackMs_ = ms; }

signals:
    void deploysLoaded(const QVector<wf::Deploy>& deploys, qint64 platformTimeMs);
    void deployChanged(const wf::Deploy& deploy);

protected:
    bool loadSnapshot(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                      QString* error, bool* reloadNow) override;
    StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error) override;

private:
    qint64 lookbackMs_ = 7LL * 24 * 3600 * 1000;
};

class FlagFeedClient : public ChangeFeedClient {
    Q_OBJECT
public:
    explicit FlagFeedClient(QObject* parent = nullptr);

signals:
    void flagsLoaded(const QVector<wf::Flag>& flags);
    void flagChanged(const wf::FlagChangeEvent& change);

protected:
    bool loadSnapshot(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                      QString* error, bool* reloadNow) override;
    StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error) override;
};

class VendorFeedClient : public ChangeFeedClient {
    Q_OBJECT
public:
    explicit VendorFeedClient(QObject* parent = nullptr);

signals:
    void vendorsLoaded(const QVector<wf::Vendor>& vendors,
                       const QVector<wf::CategoryRouting>& routing);
    void vendorChanged(const wf::Vendor& vendor);
    void routingChanged(const wf::CategoryRouting& routing);

protected:
    bool loadSnapshot(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                      QString* error, bool* reloadNow) override;
    StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error) override;
};

}  // namespace wf
