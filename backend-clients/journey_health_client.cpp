#include "journey_health_client.h"

#include "health_conversion.h"
#include "platform_channel.h"
#include "reconnect_backoff.h"
#include "watchfloor/v1/journey_health.grpc.pb.h"

#include <spdlog/spdlog.h>
#include <QDateTime>

namespace wf {

namespace v1 = watchfloor::v1;

namespace {

qint64 wallNowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void setTimestamp(google::protobuf::Timestamp* t, qint64 ms)
{
    t->set_seconds(ms / 1000);
    t->set_nanos(int((ms % 1000) * 1000000));
}

void setDuration(google::protobuf::Duration* d, qint64 ms)
{
    d->set_seconds(ms / 1000);
    d->set_nanos(int((ms % 1000) * 1000000));
}

qint64 timestampMs(const google::protobuf::Timestamp& t)
{
    return t.seconds() * 1000 + t.nanos() / 1000000;
}

}  // namespace

JourneyHealthClient::JourneyHealthClient(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<wf::ConnectionStatus>();
    qRegisterMetaType<wf::PlatformCatalog>();
    qRegisterMetaType<wf::HealthHistory>();
    qRegisterMetaType<wf::HealthBatch>();
}

JourneyHealthClient::~JourneyHealthClient()
{
    stop();
}

void JourneyHealthClient::start(const EndpointConfig& config)
{
    stop();
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
        idleTimeoutMs_ = config.streamIdleTimeoutMs;
    }
    catalog_ = {};
    epoch_.clear();
    lastSequence_ = 0;
    worker_ = std::thread([this, config] { run(config); });
    watchdog_ = std::thread([this] { watchdog(); });
}

void JourneyHealthClient::stop()
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

void JourneyHealthClient::setActiveContext(grpc::ClientContext* ctx)
{
    std::lock_guard lock(mutex_);
    activeContext_ = ctx;
    if (ctx && stopping_)
        ctx->TryCancel();
}

bool JourneyHealthClient::sleepUnlessStopped(int ms)
{
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_; });
}

bool JourneyHealthClient::waitForRetry(grpc::Channel& channel, int ms)
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

void JourneyHealthClient::setStatus(ConnectionState state, const QString& detail,
                                    qint64 nextRetryWallMs, int attempt)
{
    emit statusChanged(ConnectionStatus{state, detail, nextRetryWallMs, attempt});
}

void JourneyHealthClient::reportProblem(const QString& message)
{
    ++counters_.rejected;
    spdlog::warn("journey health: {}", message.toStdString());
    // At most one message a second reaches the UI; the rest are counted.
    const qint64 now = wallNowMs();
    if (now - lastProblemWallMs_ < 1000) {
        ++problemsSuppressed_;
        return;
    }
    lastProblemWallMs_ = now;
    QString text = QStringLiteral("Ignored bad data from the platform: %1.").arg(message);
    if (problemsSuppressed_ > 0)
        text += QStringLiteral(" (%1 more ignored)").arg(problemsSuppressed_);
    problemsSuppressed_ = 0;
    emit dataProblem(text);
}

void JourneyHealthClient::watchdog()
{
    // A stream that goes silent (no samples, no heartbeat) is cancelled so the
    // worker reconnects; a blocking read would otherwise wait forever.
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::milliseconds(250));
        if (stopping_)
            break;
        const qint64 last = lastMessageWallMs_.load();
        if (streaming_ && activeContext_ && last > 0 && wallNowMs() - last > idleTimeoutMs_) {
            spdlog::warn("journey health: stream silent for {} ms, reopening", wallNowMs() - last);
            activeContext_->TryCancel();
            streaming_ = false;
        }
    }
}

void JourneyHealthClient::run(EndpointConfig config)
{
    ReconnectBackoff backoff;
    QString error;
    auto channel = createPlatformChannel(config, &error);
    if (!channel) {
        setStatus(ConnectionState::Stopped, error);
        return;
    }
    spdlog::info("journey health: connecting to {} (tls {}, token {})", config.target.toStdString(),
                 config.tls, config.token.isEmpty() ? "absent" : "present");
    bool needCatalog = true;
    bool needHistory = true;
    setStatus(ConnectionState::Connecting, QString());
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_)
                break;
        }
        bool retryNow = false;
        bool ok = true;
        bool retryable = true;
        if (needCatalog) {
            ok = loadCatalog(channel, config, &error);
            needCatalog = !ok;
            needHistory = needHistory || ok;
        }
        if (ok && needHistory) {
            setStatus(ConnectionState::Loading, QString());
            ok = loadHistory(channel, config, &error, &retryable);
            needHistory = !ok;
            if (!ok && !retryable) {
                // The epoch moved while loading: start over at once.
                needCatalog = true;
                retryNow = true;
            }
        }
        if (ok) {
            switch (follow(channel, config, &error)) {
                case StreamEnd::Stopped: break;
                case StreamEnd::Reload:
                    needCatalog = true;
                    needHistory = true;
                    retryNow = true;
                    break;
                case StreamEnd::RetryNow: retryNow = true; break;
                case StreamEnd::Retry: break;
            }
            if (lastMessageWallMs_.load() > 0 && !error.isEmpty())
                ++counters_.reconnects;
        }
        {
            std::lock_guard lock(mutex_);
            if (stopping_)
                break;
        }
        if (retryNow) {
            backoff.reset();
            if (!error.isEmpty())
                setStatus(ConnectionState::Reconnecting, error, wallNowMs(), 0);
            continue;
        }
        const int delay = backoff.nextDelayMs();
        spdlog::info("journey health: {}; retrying in {} ms", error.toStdString(), delay);
        setStatus(ConnectionState::Reconnecting, error, wallNowMs() + delay, backoff.attempt());
        if (!waitForRetry(*channel, delay))
            break;
        setStatus(ConnectionState::Connecting, error, 0, backoff.attempt());
    }
    setStatus(ConnectionState::Stopped, QString());
}

bool JourneyHealthClient::loadCatalog(const std::shared_ptr<grpc::Channel>& channel,
                                      const EndpointConfig& config, QString* error)
{
    auto stub = v1::JourneyHealthService::NewStub(channel);
    grpc::ClientContext ctx;
    prepareCall(ctx, config, config.callDeadlineMs);
    setActiveContext(&ctx);
    v1::ListJourneysResponse response;
    const grpc::Status status = stub->ListJourneys(&ctx, v1::ListJourneysRequest{}, &response);
    setActiveContext(nullptr);
    if (!status.ok()) {
        *error = describeStatus(status, config);
        return false;
    }
    lastMessageWallMs_ = wallNowMs();
    auto catalog = toCatalog(response, error);
    if (!catalog)
        return false;
    catalog_ = *catalog;
    emit catalogReady(catalog_);
    return true;
}

bool JourneyHealthClient::loadHistory(const std::shared_ptr<grpc::Channel>& channel,
                                      const EndpointConfig& config, QString* error, bool* retryable)
{
    *retryable = true;
    auto stub = v1::JourneyHealthService::NewStub(channel);
    HealthHistory history;
    history.fine.resize(catalog_.seriesCount());
    history.coarse.resize(catalog_.seriesCount());
    history.coarseResolutionMs = kCoarseResolutionMs;
    // Every call asks for the same range, ending at a tick boundary already
    // past when the catalog was read: each response then holds the same
    // complete intervals, and one resume point fits them all.
    const qint64 end = catalog_.platformTimeMs - catalog_.platformTimeMs % kFineResolutionMs;
    quint64 upTo = std::numeric_limits<quint64>::max();

    // One call per journey and tier keeps each response well under the
    // receive limit, whatever the number of regions.
    for (int j = 0; j < catalog_.journeys.size(); ++j) {
        for (int tier = 0; tier < 2; ++tier) {
            const bool fine = tier == 0;
            v1::GetHistoryRequest req;
            req.add_journey_ids(catalog_.journeys[j].id.toStdString());
            setTimestamp(req.mutable_range()->mutable_start(),
                         end - (fine ? kFineHistoryMs : kCoarseHistoryMs));
            setTimestamp(req.mutable_range()->mutable_end(), end);
            setDuration(req.mutable_resolution(), fine ? kFineResolutionMs : kCoarseResolutionMs);
            grpc::ClientContext ctx;
            prepareCall(ctx, config, config.historyDeadlineMs);
            setActiveContext(&ctx);
            v1::GetHistoryResponse resp;
            const grpc::Status status = stub->GetHistory(&ctx, req, &resp);
            setActiveContext(nullptr);
            if (!status.ok()) {
                *error = describeStatus(status, config);
                return false;
            }
            lastMessageWallMs_ = wallNowMs();
            const QString epoch = QString::fromStdString(resp.stream_epoch());
            if (history.epoch.isEmpty()) {
                history.epoch = epoch;
            } else if (history.epoch != epoch) {
                *error = QStringLiteral("The platform restarted while history was loading.");
                *retryable = false;
                return false;
            }
            upTo = std::min<quint64>(upTo, resp.up_to_sequence());
            history.platformTimeMs =
                std::max(history.platformTimeMs, timestampMs(resp.platform_time()));
            for (const v1::HealthSeries& series : resp.series()) {
                const int jj = catalog_.journeyIndex(QString::fromStdString(series.journey_id()));
                const int r = catalog_.regionIndex(QString::fromStdString(series.region()));
                if (jj < 0 || r < 0) {
                    reportProblem(QStringLiteral("history for an unknown journey or region %1/%2")
                                      .arg(quoted(series.journey_id()), quoted(series.region())));
                    continue;
                }
                auto& out = fine ? history.fine[catalog_.seriesIndex(jj, r)]
                                 : history.coarse[catalog_.seriesIndex(jj, r)];
                out.reserve(series.samples_size());
                qint64 lastEnd = std::numeric_limits<qint64>::min();
                for (const v1::HealthSample& s : series.samples()) {
                    QString why;
                    auto p = toPoint(s, &why);
                    if (!p) {
                        reportProblem(QStringLiteral("a history sample for %1/%2 with %3")
                                          .arg(catalog_.journeys[jj].id, catalog_.regions[r], why));
                        continue;
                    }
                    if (p->startMs < lastEnd && fine)
                        continue;  // overlapping or out of order: keep time strictly ordered
                    lastEnd = p->endMs();
                    out.append(*p);
                }
            }
        }
    }
    history.upToSequence = upTo == std::numeric_limits<quint64>::max() ? 0 : upTo;
    epoch_ = history.epoch;
    lastSequence_ = history.upToSequence;
    ++counters_.historyLoads;
    emit historyReady(history);
    return true;
}

JourneyHealthClient::StreamEnd JourneyHealthClient::follow(
    const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config, QString* error)
{
    auto stub = v1::JourneyHealthService::NewStub(channel);
    v1::StreamHealthRequest req;
    req.set_stream_epoch(epoch_.toStdString());
    req.set_resume_after_sequence(lastSequence_);
    grpc::ClientContext ctx;
    prepareCall(ctx, config, config.streamDeadlineMs);
    setActiveContext(&ctx);
    {
        std::lock_guard lock(mutex_);
        streaming_ = true;
    }
    lastMessageWallMs_ = wallNowMs();
    auto reader = stub->StreamHealth(&ctx, req);
    v1::HealthEvent event;
    bool announcedLive = false;
    while (reader->Read(&event)) {
        lastMessageWallMs_ = wallNowMs();
        ++counters_.events;
        if (!announcedLive) {
            setStatus(ConnectionState::Live, QString());
            announcedLive = true;
            error->clear();
        }
        if (QString::fromStdString(event.stream_epoch()) != epoch_) {
            *error = QStringLiteral("The platform's data started over (new stream epoch).");
            ctx.TryCancel();
            reader->Finish();
            setActiveContext(nullptr);
            return StreamEnd::Reload;
        }
        HealthBatch batch;
        batch.reserve(event.samples_size());
        for (const v1::HealthSample& s : event.samples()) {
            QString why;
            auto sample = toSample(catalog_, s, &why);
            if (sample && sample->point.sequence <= lastSequence_) {
                ++counters_.duplicates;
                continue;
            }
            if (s.sequence() > lastSequence_)
                lastSequence_ = s.sequence();  // a rejected sample still moves the resume point
            if (!sample) {
                reportProblem(why);
                continue;
            }
            batch.append(*sample);
        }
        counters_.samples += batch.size();
        if (!batch.isEmpty())
            emit samplesReceived(batch);
    }
    const grpc::Status status = reader->Finish();
    setActiveContext(nullptr);
    {
        std::lock_guard lock(mutex_);
        streaming_ = false;
        if (stopping_)
            return StreamEnd::Stopped;
    }
    const std::string reason = errorReason(status);
    if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
        (reason == "EPOCH_CHANGED" || reason == "RESUME_POINT_EXPIRED")) {
        *error = reason == "EPOCH_CHANGED"
                     ? QStringLiteral("The platform restarted; reloading its history.")
                     : QStringLiteral("Disconnected too long to resume; reloading history.");
        return StreamEnd::Reload;
    }
    if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED && announcedLive) {
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
    return announcedLive ? StreamEnd::RetryNow : StreamEnd::Retry;
}

}  // namespace wf
