#pragma once

// Follows one platform feed on its own threads: load a snapshot, then follow
// a resumable stream. A broken stream is reopened with exponential backoff and
// jitter and resumed; a stream the server cannot resume (new epoch, resume
// point expired) reloads the snapshot. A watchdog reopens a stream that goes
// silent. Subclasses say how to load and how to follow; results reach the UI
// thread through queued signals.

#include "connection_status.h"
#include "endpoint_config.h"
#include "platform_channel.h"

#include <QObject>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

namespace grpc {
class Channel;
}

namespace wf {

class FeedWorker : public QObject {
    Q_OBJECT
public:
    explicit FeedWorker(const char* name, QObject* parent = nullptr);
    ~FeedWorker() override;

    // Starts (or restarts) following `config`.
    void start(const EndpointConfig& config);
    // Cancels in-flight calls and joins the threads (milliseconds).
    void stop();

    // Wall-clock ms of the last message from the platform (0 = none yet).
    qint64 lastMessageWallMs() const { return lastMessageWallMs_.load(); }
    qint64 reconnects() const { return reconnects_.load(); }
    qint64 snapshotLoads() const { return snapshotLoads_.load(); }

signals:
    void statusChanged(const wf::ConnectionStatus& status);

protected:
    enum class StreamEnd { Stopped, Reload, Retry, RetryNow };

    // Called on the worker thread after start(), before any load.
    virtual void reset() {}
    // Loads the snapshot; on failure sets *error and returns false. Sets
    // *reloadNow when the failure means "start over at once" (the platform
    // restarted while loading).
    virtual bool loadSnapshot(const std::shared_ptr<grpc::Channel>& channel,
                              const EndpointConfig& config, QString* error, bool* reloadNow) = 0;
    // Follows the stream until it ends.
    virtual StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel,
                             const EndpointConfig& config, QString* error) = 0;

    // For subclasses, on the worker thread:
    // One unary call with the deadline, the token and cancellation by stop().
    template <typename Call>
    grpc::Status callUnary(const EndpointConfig& config, int deadlineMs, Call&& call);
    // Prepares a stream's context (its deadline, the token) and marks the
    // worker as streaming, so the watchdog can reopen a silent stream.
    void beginStream(grpc::ClientContext& ctx, const EndpointConfig& config);
    void setActiveContext(grpc::ClientContext* ctx);
    void setStreaming(bool streaming);
    void markMessage();
    bool stopping();
    void setStatus(ConnectionState state, const QString& detail, qint64 nextRetryWallMs = 0,
                   int attempt = 0);
    // What a finished stream means; deliveredData: it carried at least one message.
    StreamEnd classifyStreamEnd(const grpc::Status& status, bool deliveredData,
                                const EndpointConfig& config, QString* error);
    const char* name() const { return name_; }

private:
    void run(EndpointConfig config);
    void watchdog();
    bool sleepUnlessStopped(int ms);
    bool waitForRetry(grpc::Channel& channel, int ms);

    const char* name_;
    std::thread worker_;
    std::thread watchdog_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    grpc::ClientContext* activeContext_ = nullptr;  // guarded by mutex_
    bool streaming_ = false;                        // guarded by mutex_
    int idleTimeoutMs_ = 5000;
    std::atomic<qint64> lastMessageWallMs_{0};
    std::atomic<qint64> reconnects_{0};
    std::atomic<qint64> snapshotLoads_{0};
};

template <typename Call>
grpc::Status FeedWorker::callUnary(const EndpointConfig& config, int deadlineMs, Call&& call)
{
    grpc::ClientContext ctx;
    prepareCall(ctx, config, deadlineMs);
    setActiveContext(&ctx);
    const grpc::Status status = call(ctx);
    setActiveContext(nullptr);
    if (status.ok())
        markMessage();
    return status;
}

}  // namespace wf
