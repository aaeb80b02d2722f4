#include "feed_worker.h"

#include "platform_channel.h"
#include "reconnect_backoff.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <spdlog/spdlog.h>
#include <QDateTime>

namespace wf {

namespace {
qint64 wallNowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
}  // namespace

FeedWorker::FeedWorker(const char* name, QObject* parent) : QObject(parent), name_(name)
{
    qRegisterMetaType<wf::ConnectionStatus>();
}

FeedWorker::~FeedWorker()
{
    stop();
}

void FeedWorker::start(const EndpointConfig& config)
{
    stop();
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
        idleTimeoutMs_ = config.streamIdleTimeoutMs;
    }
    lastMessageWallMs_ = 0;
    worker_ = std::thread([this, config] { run(config); });
    watchdog_ = std::thread([this] { watchdog(); });
}

void FeedWorker::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        if (activeContext_)
            activeContext_->TryCancel();
    }
    wake_.notify_all();
    if (worker_.joinable())
        worker_.join();
    if (watchdog_.joinable())
        watchdog_.join();
}

void FeedWorker::beginStream(grpc::ClientContext& ctx, const EndpointConfig& config)
{
    prepareCall(ctx, config, config.streamDeadlineMs);
    setActiveContext(&ctx);
    setStreaming(true);
    markMessage();
}

void FeedWorker::setActiveContext(grpc::ClientContext* ctx)
{
    std::lock_guard lock(mutex_);
    activeContext_ = ctx;
    if (ctx && stopping_)
        ctx->TryCancel();
}

void FeedWorker::setStreaming(bool streaming)
{
    std::lock_guard lock(mutex_);
    streaming_ = streaming;
}

void FeedWorker::markMessage()
{
    lastMessageWallMs_ = wallNowMs();
}

bool FeedWorker::stopping()
{
    std::lock_guard lock(mutex_);
    return stopping_;
}

bool FeedWorker::sleepUnlessStopped(int ms)
{
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_; });
}

void FeedWorker::setStatus(ConnectionState state, const QString& detail, qint64 nextRetryWallMs,
                           int attempt)
{
    emit statusChanged(ConnectionStatus{state, detail, nextRetryWallMs, attempt});
}

void FeedWorker::watchdog()
{
    // A stream that goes silent (no data, no heartbeat) is cancelled so the
    // worker reconnects; a blocking read would otherwise wait forever.
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::milliseconds(250));
        if (stopping_)
            break;
        const qint64 last = lastMessageWallMs_.load();
        if (streaming_ && activeContext_ && last > 0 && wallNowMs() - last > idleTimeoutMs_) {
            spdlog::warn("{}: stream silent for {} ms, reopening", name_, wallNowMs() - last);
            activeContext_->TryCancel();
            streaming_ = false;
        }
    }
}

bool FeedWorker::waitForRetry(grpc::Channel& channel, int ms)
{
    // Ask the channel to connect in the background and watch its state: when
    // an unreachable platform is back, there is no reason to sit out the rest
    // of the delay. A platform that is reachable but refused (a bad token, a
    // bad request) gets the whole delay, so it is never hammered.
    const bool wasReady = channel.GetState(false) == GRPC_CHANNEL_READY;
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) {
        if (!wasReady && channel.GetState(true) == GRPC_CHANNEL_READY)
            return true;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        if (!sleepUnlessStopped(int(std::clamp<qint64>(left.count(), 0, 100))))
            return false;
    }
    return true;
}

FeedWorker::StreamEnd FeedWorker::classifyStreamEnd(const grpc::Status& status, bool deliveredData,
                                                    const EndpointConfig& config, QString* error)
{
    if (stopping())
        return StreamEnd::Stopped;
    const std::string reason = errorReason(status);
    if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
        (reason == "EPOCH_CHANGED" || reason == "RESUME_POINT_EXPIRED")) {
        *error = reason == "EPOCH_CHANGED"
                     ? QStringLiteral("The platform restarted; reloading its data.")
                     : QStringLiteral("Disconnected too long to resume; reloading.");
        return StreamEnd::Reload;
    }
    if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED && deliveredData) {
        error->clear();  // the stream's own deadline: reopen and resume at once
        return StreamEnd::RetryNow;
    }
    if (status.error_code() == grpc::StatusCode::CANCELLED)
        *error = QStringLiteral("The platform stopped sending data for over %1 s.")
                     .arg(config.streamIdleTimeoutMs / 1000.0);
    else
        *error = status.ok() ? QStringLiteral("The platform ended the live stream.")
                             : describeStatus(status, config);
    // A stream that delivered data was healthy: resume right away once; the
    // backoff applies if the retry fails too.
    return deliveredData ? StreamEnd::RetryNow : StreamEnd::Retry;
}

void FeedWorker::run(EndpointConfig config)
{
    ReconnectBackoff backoff;
    QString error;
    auto channel = createPlatformChannel(config, &error);
    if (!channel) {
        setStatus(ConnectionState::Stopped, error);
        return;
    }
    spdlog::info("{}: connecting to {} (tls {}, token {})", name_, config.target.toStdString(),
                 config.tls, config.token.isEmpty() ? "absent" : "present");
    reset();
    bool needSnapshot = true;
    setStatus(ConnectionState::Connecting, QString());
    while (!stopping()) {
        bool retryNow = false;
        bool ok = true;
        if (needSnapshot) {
            setStatus(ConnectionState::Loading, QString());
            bool reloadNow = false;
            ok = loadSnapshot(channel, config, &error, &reloadNow);
            needSnapshot = !ok;
            retryNow = !ok && reloadNow;
            if (ok)
                ++snapshotLoads_;
        }
        if (ok) {
            switch (follow(channel, config, &error)) {
                case StreamEnd::Stopped: break;
                case StreamEnd::Reload:
                    needSnapshot = true;
                    retryNow = true;
                    break;
                case StreamEnd::RetryNow: retryNow = true; break;
                case StreamEnd::Retry: break;
            }
            if (!error.isEmpty())
                ++reconnects_;
        }
        if (stopping())
            break;
        if (retryNow) {
            backoff.reset();
            if (!error.isEmpty())
                setStatus(ConnectionState::Reconnecting, error, wallNowMs(), 0);
            continue;
        }
        const int delay = backoff.nextDelayMs();
        spdlog::info("{}: {}; retrying in {} ms", name_, error.toStdString(), delay);
        setStatus(ConnectionState::Reconnecting, error, wallNowMs() + delay, backoff.attempt());
        if (!waitForRetry(*channel, delay))
            break;
        setStatus(ConnectionState::Connecting, error, 0, backoff.attempt());
    }
    setStatus(ConnectionState::Stopped, QString());
}

}  // namespace wf
