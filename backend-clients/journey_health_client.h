#pragma once

// Streams journey health from one platform endpoint on its own threads.
//
// The worker loads the catalog and history, then follows the live stream. A
// broken stream is reopened with exponential backoff and jitter and resumed
// from the last sequence received; a new stream epoch (the platform
// restarted) reloads history instead of splicing two histories together.
// Results reach the UI thread through queued signals; nothing here blocks it.

#include "connection_status.h"
#include "endpoint_config.h"
#include "health_types.h"

#include <QObject>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace grpc {
class ClientContext;
class Channel;
}  // namespace grpc

namespace wf {

class JourneyHealthClient : public QObject {
    Q_OBJECT
public:
    explicit JourneyHealthClient(QObject* parent = nullptr);
    ~JourneyHealthClient() override;

    // Starts (or restarts) following `config`.
    void start(const EndpointConfig& config);
    // Cancels in-flight calls and joins the worker (milliseconds, not a deadline).
    void stop();

    // Wall-clock ms of the last message from the platform (0 = none yet).
    qint64 lastMessageWallMs() const { return lastMessageWallMs_.load(); }

    // History loaded at start: fine tier span and coarse tier span.
    static constexpr qint64 kFineHistoryMs = 7LL * 3600 * 1000;
    static constexpr qint64 kFineResolutionMs = 10 * 1000;
    static constexpr qint64 kCoarseHistoryMs = 30LL * 24 * 3600 * 1000;
    static constexpr qint64 kCoarseResolutionMs = 5 * 60 * 1000;

    struct Counters {
        std::atomic<qint64> events{0};
        std::atomic<qint64> samples{0};
        std::atomic<qint64> rejected{0};
        std::atomic<qint64> duplicates{0};
        std::atomic<qint64> reconnects{0};
        std::atomic<qint64> historyLoads{0};
    };
    const Counters& counters() const { return counters_; }

signals:
    void statusChanged(const wf::ConnectionStatus& status);
    void catalogReady(const wf::PlatformCatalog& catalog);
    void historyReady(const wf::HealthHistory& history);
    void samplesReceived(const wf::HealthBatch& batch);
    // Bad data from the platform, in words; the console keeps running.
    void dataProblem(const QString& message);

private:
    enum class StreamEnd { Stopped, Reload, Retry, RetryNow };

    void run(EndpointConfig config);
    void watchdog();
    bool loadCatalog(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error);
    bool loadHistory(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error, bool* retryable);
    StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error);
    void setStatus(ConnectionState state, const QString& detail, qint64 nextRetryWallMs = 0,
                   int attempt = 0);
    void setActiveContext(grpc::ClientContext* ctx);
    bool sleepUnlessStopped(int ms);
    // Waits out a backoff delay, but retries at once if the channel turns READY.
    bool waitForRetry(grpc::Channel& channel, int ms);
    void reportProblem(const QString& message);

    std::thread worker_;
    std::thread watchdog_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    grpc::ClientContext* activeContext_ = nullptr;  // guarded by mutex_
    bool streaming_ = false;                        // guarded by mutex_
    int idleTimeoutMs_ = 5000;

    // Worker-thread state.
    PlatformCatalog catalog_;
    QString epoch_;
    quint64 lastSequence_ = 0;
    qint64 lastProblemWallMs_ = 0;
    int problemsSuppressed_ = 0;

    std::atomic<qint64> lastMessageWallMs_{0};
    Counters counters_;
};

}  // namespace wf
