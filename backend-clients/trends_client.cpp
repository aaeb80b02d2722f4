#include "trends_client.h"
#include "timestamp_conversion.h"

#include "change_conversion.h"
#include "health_conversion.h"
#include "platform_channel.h"
#include "watchfloor/v1/deploy.grpc.pb.h"
#include "watchfloor/v1/flag.grpc.pb.h"
#include "watchfloor/v1/journey_health.grpc.pb.h"

#include <QElapsedTimer>
#include <atomic>

namespace wf {

namespace v1 = watchfloor::v1;

class TrendsClientWorker : public QObject {
public:
    explicit TrendsClientWorker(TrendsClient* owner) : owner_(owner) {}

    void setEndpoint(const EndpointConfig& config)
    {
        config_ = config;
        QString error;
        channel_ = createPlatformChannel(config, &error);
        channelError_ = error;
    }

    void load(quint64 generation, qint64 fromMs, qint64 toMs, qint64 resolutionMs)
    {
        if (generation != latest.load())
            return;  // a newer request is queued
        if (!channel_) {
            emit owner_->failed(channelError_.isEmpty()
                                    ? QStringLiteral("Not connected to a platform.")
                                    : channelError_);
            return;
        }
        QElapsedTimer timer;
        timer.start();
        TrendHistory out;
        out.fromMs = fromMs;
        out.toMs = toMs;
        out.resolutionMs = resolutionMs;
        QString error;
        if (!loadHistory(out, &error) || !loadDeploys(out, &error)) {
            emit owner_->failed(error);
            return;
        }
        loadFlagChanges(out);
        out.loadMs = timer.elapsed();
        emit owner_->loaded(out);
    }

    std::atomic<quint64> latest{0};

private:
    bool loadHistory(TrendHistory& out, QString* error)
    {
        auto stub = v1::JourneyHealthService::NewStub(channel_);
        v1::GetHistoryRequest req;
        setTimestampMs(req.mutable_range()->mutable_start(), out.fromMs);
        setTimestampMs(req.mutable_range()->mutable_end(), out.toMs);
        req.mutable_resolution()->set_seconds(out.resolutionMs / 1000);
        v1::GetHistoryResponse resp;
        grpc::ClientContext ctx;
        prepareCall(ctx, config_, config_.historyDeadlineMs);
        const grpc::Status status = stub->GetHistory(&ctx, req, &resp);
        if (!status.ok()) {
            *error = describeStatus(status, config_);
            return false;
        }
        readHistory(resp, &out);
        return true;
    }

    bool loadDeploys(TrendHistory& out, QString* error)
    {
        auto stub = v1::DeployService::NewStub(channel_);
        v1::ListDeploysRequest req;
        req.mutable_page()->set_page_size(1000);
        setTimestampMs(req.mutable_started()->mutable_start(), out.fromMs);
        setTimestampMs(req.mutable_started()->mutable_end(), out.toMs);
        do {
            v1::ListDeploysResponse resp;
            grpc::ClientContext ctx;
            prepareCall(ctx, config_, config_.historyDeadlineMs);
            const grpc::Status status = stub->ListDeploys(&ctx, req, &resp);
            if (!status.ok()) {
                *error = describeStatus(status, config_);
                return false;
            }
            for (const v1::Deploy& d : resp.deploys())
                out.deploys.append(toDeploy(d));
            req.mutable_page()->set_page_token(resp.page().next_page_token());
        } while (!req.page().page_token().empty());
        return true;
    }

    // The flag changes are one figure among many: a platform that cannot
    // list them leaves them unknown, and the rest still shows.
    void loadFlagChanges(TrendHistory& out)
    {
        auto stub = v1::FlagService::NewStub(channel_);
        v1::ListFlagChangesRequest req;
        req.mutable_page()->set_page_size(5000);
        setTimestampMs(req.mutable_changed()->mutable_start(), out.fromMs);
        setTimestampMs(req.mutable_changed()->mutable_end(), out.toMs);
        do {
            v1::ListFlagChangesResponse resp;
            grpc::ClientContext ctx;
            prepareCall(ctx, config_, config_.historyDeadlineMs);
            const grpc::Status status = stub->ListFlagChanges(&ctx, req, &resp);
            if (!status.ok()) {
                out.flagChanges.clear();
                out.flagChangesProblem = describeStatus(status, config_);
                return;
            }
            for (const v1::FlagAuditEntry& e : resp.entries())
                out.flagChanges.append(toFlagChangeRecord(e));
            req.mutable_page()->set_page_token(resp.page().next_page_token());
        } while (!req.page().page_token().empty());
    }

    TrendsClient* owner_;
    EndpointConfig config_;
    std::shared_ptr<grpc::Channel> channel_;
    QString channelError_;
};

FlagChangeRecord toFlagChangeRecord(const v1::FlagAuditEntry& e)
{
    FlagChangeRecord r;
    r.key = QString::fromStdString(e.flag_key());
    r.environment = QString::fromStdString(e.environment());
    r.region = QString::fromStdString(e.region());
    r.enabled = e.enabled();
    r.atMs = timestampMs(e.at());
    r.actor = QString::fromStdString(e.actor());
    r.reason = QString::fromStdString(e.reason());
    return r;
}

void readHistory(const v1::GetHistoryResponse& resp, TrendHistory* out)
{
    out->platformTimeMs = timestampMs(resp.platform_time());
    for (const v1::HealthSeries& s : resp.series()) {
        QVector<HealthPoint>& points = out->series[TrendHistory::key(
            QString::fromStdString(s.journey_id()), QString::fromStdString(s.region()))];
        points.reserve(s.samples_size());
        for (const v1::HealthSample& sample : s.samples()) {
            QString why;
            // A bad bucket is left out, never counted.
            if (std::optional<HealthPoint> p = toPoint(sample, &why))
                points.append(*p);
        }
    }
}

TrendsClient::TrendsClient(QObject* parent) : QObject(parent), worker_(new TrendsClientWorker(this))
{
    qRegisterMetaType<wf::TrendHistory>();
    worker_->moveToThread(&thread_);
    thread_.setObjectName(QStringLiteral("trends"));
    thread_.start();
}

TrendsClient::~TrendsClient()
{
    thread_.quit();
    thread_.wait();
    delete worker_;
}

void TrendsClient::setEndpoint(const EndpointConfig& config)
{
    QMetaObject::invokeMethod(worker_, [w = worker_, config] { w->setEndpoint(config); });
}

void TrendsClient::load(qint64 fromMs, qint64 toMs, qint64 resolutionMs)
{
    const quint64 generation = ++worker_->latest;
    QMetaObject::invokeMethod(worker_, [w = worker_, generation, fromMs, toMs, resolutionMs] {
        w->load(generation, fromMs, toMs, resolutionMs);
    });
}

}  // namespace wf
