#include "journey_health_client.h"
#include "timestamp_conversion.h"

#include "health_conversion.h"
#include "platform_channel.h"
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

}  // namespace

JourneyHealthClient::JourneyHealthClient(QObject* parent) : FeedWorker("journey health", parent)
{
    qRegisterMetaType<wf::PlatformCatalog>();
    qRegisterMetaType<wf::HealthHistory>();
    qRegisterMetaType<wf::HealthBatch>();
}

void JourneyHealthClient::reset()
{
    catalog_ = {};
    epoch_.clear();
    lastSequence_ = 0;
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

bool JourneyHealthClient::loadSnapshot(const std::shared_ptr<grpc::Channel>& channel,
                                       const EndpointConfig& config, QString* error,
                                       bool* reloadNow)
{
    // The catalog is read again with every snapshot: a restarted platform may
    // have changed its journeys.
    return loadCatalog(channel, config, error) && loadHistory(channel, config, error, reloadNow);
}

bool JourneyHealthClient::loadCatalog(const std::shared_ptr<grpc::Channel>& channel,
                                      const EndpointConfig& config, QString* error)
{
    auto stub = v1::JourneyHealthService::NewStub(channel);
    v1::ListJourneysResponse response;
    const grpc::Status status =
        callUnary(config, config.callDeadlineMs, [&](grpc::ClientContext& ctx) {
            return stub->ListJourneys(&ctx, v1::ListJourneysRequest{}, &response);
        });
    if (!status.ok()) {
        *error = describeStatus(status, config);
        return false;
    }
    auto catalog = toCatalog(response, error);
    if (!catalog)
        return false;
    catalog_ = *catalog;
    emit catalogReady(catalog_);
    return true;
}

bool JourneyHealthClient::loadHistory(const std::shared_ptr<grpc::Channel>& channel,
                                      const EndpointConfig& config, QString* error, bool* reloadNow)
{
    *reloadNow = false;
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
            v1::GetHistoryResponse resp;
            const grpc::Status status = callUnary(
                config, config.historyDeadlineMs,
                [&](grpc::ClientContext& ctx) { return stub->GetHistory(&ctx, req, &resp); });
            if (!status.ok()) {
                *error = describeStatus(status, config);
                return false;
            }
            const QString epoch = QString::fromStdString(resp.stream_epoch());
            if (history.epoch.isEmpty()) {
                history.epoch = epoch;
            } else if (history.epoch != epoch) {
                *error = QStringLiteral("The platform restarted while history was loading.");
                *reloadNow = true;
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
    beginStream(ctx, config);
    auto reader = stub->StreamHealth(&ctx, req);
    v1::HealthEvent event;
    bool announcedLive = false;
    while (reader->Read(&event)) {
        markMessage();
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
            setStreaming(false);
            return StreamEnd::Reload;
        }
        HealthBatch batch;
        batch.reserve(event.samples_size());
        quint64 gapAt = 0;
        for (const v1::HealthSample& s : event.samples()) {
            // The platform numbers every sample of the unfiltered stream: a
            // jump means samples were lost or reordered on the way. Keep what
            // came in order, and resume after it: the rest is sent again.
            if (lastSequence_ > 0 && s.sequence() > lastSequence_ + 1) {
                gapAt = s.sequence();
                break;
            }
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
        if (gapAt > 0) {
            ++counters_.gaps;
            *error = QStringLiteral(
                         "Samples arrived out of order (sample %1 after %2); reading "
                         "them again from the platform.")
                         .arg(gapAt)
                         .arg(lastSequence_);
            spdlog::warn("journey health: {}", error->toStdString());
            ctx.TryCancel();
            reader->Finish();
            setActiveContext(nullptr);
            setStreaming(false);
            return StreamEnd::RetryNow;
        }
    }
    const grpc::Status status = reader->Finish();
    setActiveContext(nullptr);
    setStreaming(false);
    return classifyStreamEnd(status, announcedLive, config, error);
}

}  // namespace wf
