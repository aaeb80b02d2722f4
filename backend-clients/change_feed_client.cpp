#include "change_feed_client.h"

#include "change_conversion.h"
#include "platform_channel.h"
#include "watchfloor/v1/deploy.grpc.pb.h"
#include "watchfloor/v1/flag.grpc.pb.h"

namespace wf {

namespace v1 = watchfloor::v1;

namespace {

// Follows one change stream; the epoch and resume point live in the caller.
// onMessage returns false to stop (a changed epoch).
template <typename Event, typename Reader, typename OnEvent>
bool readAll(Reader& reader, Event& event, OnEvent&& onEvent, bool* delivered)
{
    while (reader.Read(&event)) {
        *delivered = true;
        if (!onEvent(event))
            return false;
    }
    return true;
}

}  // namespace

DeployFeedClient::DeployFeedClient(QObject* parent) : FeedWorker("deploys", parent)
{
    qRegisterMetaType<wf::Deploy>();
    qRegisterMetaType<QVector<wf::Deploy>>();
}

void DeployFeedClient::reset()
{
    epoch_.clear();
    lastSequence_ = 0;
}

bool DeployFeedClient::loadSnapshot(const std::shared_ptr<grpc::Channel>& channel,
                                    const EndpointConfig& config, QString* error, bool* reloadNow)
{
    *reloadNow = false;
    auto stub = v1::DeployService::NewStub(channel);
    QVector<Deploy> deploys;
    qint64 platformTime = 0;
    v1::ListDeploysRequest req;
    req.mutable_page()->set_page_size(1000);
    do {
        grpc::ClientContext ctx;
        prepareCall(ctx, config, config.historyDeadlineMs);
        setActiveContext(&ctx);
        v1::ListDeploysResponse resp;
        const grpc::Status st = stub->ListDeploys(&ctx, req, &resp);
        setActiveContext(nullptr);
        if (!st.ok()) {
            *error = describeStatus(st, config);
            return false;
        }
        markMessage();
        platformTime = resp.platform_time().seconds() * 1000;
        if (!req.page().page_token().empty() && resp.stream_epoch() != epoch_) {
            *error = QStringLiteral("The platform restarted while deploys were loading.");
            *reloadNow = true;
            return false;
        }
        if (req.page().page_token().empty()) {
            // Changes after the first page's position are replayed by the stream.
            epoch_ = resp.stream_epoch();
            lastSequence_ = resp.up_to_sequence();
        }
        bool older = false;
        for (const v1::Deploy& d : resp.deploys()) {
            Deploy deploy = toDeploy(d);
            if (deploy.startedMs < platformTime - lookbackMs_) {
                older = true;  // newest first: the rest is older still
                break;
            }
            deploys.append(std::move(deploy));
        }
        if (older)
            break;
        req.mutable_page()->set_page_token(resp.page().next_page_token());
    } while (!req.page().page_token().empty() && !stopping());
    emit deploysLoaded(deploys, platformTime);
    return true;
}

FeedWorker::StreamEnd DeployFeedClient::follow(const std::shared_ptr<grpc::Channel>& channel,
                                               const EndpointConfig& config, QString* error)
{
    auto stub = v1::DeployService::NewStub(channel);
    v1::StreamDeployEventsRequest req;
    req.set_stream_epoch(epoch_);
    req.set_resume_after_sequence(lastSequence_);
    grpc::ClientContext ctx;
    prepareCall(ctx, config, config.streamDeadlineMs);
    setActiveContext(&ctx);
    setStreaming(true);
    markMessage();
    auto reader = stub->StreamDeployEvents(&ctx, req);
    v1::DeployEvent event;
    bool delivered = false;
    bool announced = false;
    const bool sameEpoch = readAll(
        *reader, event,
        [&](const v1::DeployEvent& e) {
            markMessage();
            if (!announced) {
                setStatus(ConnectionState::Live, QString());
                announced = true;
            }
            if (epoch_.empty())
                epoch_ = e.stream_epoch();  // a platform that does not name it in the list
            if (e.stream_epoch() != epoch_)
                return false;
            if (e.has_deploy() && e.sequence() > lastSequence_) {
                lastSequence_ = e.sequence();
                emit deployChanged(toDeploy(e.deploy()));
            }
            return true;
        },
        &delivered);
    if (!sameEpoch)
        ctx.TryCancel();
    const grpc::Status status = reader->Finish();
    setActiveContext(nullptr);
    setStreaming(false);
    if (!sameEpoch) {
        *error = QStringLiteral("The platform's deploy feed started over.");
        return StreamEnd::Reload;
    }
    return classifyStreamEnd(status, delivered, config, error);
}

FlagFeedClient::FlagFeedClient(QObject* parent) : FeedWorker("flags", parent)
{
    qRegisterMetaType<wf::Flag>();
    qRegisterMetaType<QVector<wf::Flag>>();
    qRegisterMetaType<wf::FlagChangeEvent>();
}

void FlagFeedClient::reset()
{
    epoch_.clear();
    lastSequence_ = 0;
}

bool FlagFeedClient::loadSnapshot(const std::shared_ptr<grpc::Channel>& channel,
                                  const EndpointConfig& config, QString* error, bool* reloadNow)
{
    *reloadNow = false;
    auto stub = v1::FlagService::NewStub(channel);
    QVector<Flag> flags;
    v1::ListFlagsRequest req;
    req.mutable_page()->set_page_size(5000);
    do {
        grpc::ClientContext ctx;
        prepareCall(ctx, config, config.historyDeadlineMs);
        setActiveContext(&ctx);
        v1::ListFlagsResponse resp;
        const grpc::Status st = stub->ListFlags(&ctx, req, &resp);
        setActiveContext(nullptr);
        if (!st.ok()) {
            *error = describeStatus(st, config);
            return false;
        }
        markMessage();
        if (!req.page().page_token().empty() && resp.stream_epoch() != epoch_) {
            *error = QStringLiteral("The platform restarted while flags were loading.");
            *reloadNow = true;
            return false;
        }
        if (req.page().page_token().empty()) {
            epoch_ = resp.stream_epoch();
            lastSequence_ = resp.up_to_sequence();
        }
        for (const v1::Flag& f : resp.flags())
            flags.append(toFlag(f));
        req.mutable_page()->set_page_token(resp.page().next_page_token());
    } while (!req.page().page_token().empty() && !stopping());
    emit flagsLoaded(flags);
    return true;
}

FeedWorker::StreamEnd FlagFeedClient::follow(const std::shared_ptr<grpc::Channel>& channel,
                                             const EndpointConfig& config, QString* error)
{
    auto stub = v1::FlagService::NewStub(channel);
    v1::StreamFlagChangesRequest req;
    req.set_stream_epoch(epoch_);
    req.set_resume_after_sequence(lastSequence_);
    grpc::ClientContext ctx;
    prepareCall(ctx, config, config.streamDeadlineMs);
    setActiveContext(&ctx);
    setStreaming(true);
    markMessage();
    auto reader = stub->StreamFlagChanges(&ctx, req);
    v1::FlagChange event;
    bool delivered = false;
    bool announced = false;
    const bool sameEpoch = readAll(
        *reader, event,
        [&](const v1::FlagChange& e) {
            markMessage();
            if (!announced) {
                setStatus(ConnectionState::Live, QString());
                announced = true;
            }
            if (epoch_.empty())
                epoch_ = e.stream_epoch();  // a platform that does not name it in the list
            if (e.stream_epoch() != epoch_)
                return false;
            if (e.has_flag() && e.sequence() > lastSequence_) {
                lastSequence_ = e.sequence();
                emit flagChanged(toFlagChange(e));
            }
            return true;
        },
        &delivered);
    if (!sameEpoch)
        ctx.TryCancel();
    const grpc::Status status = reader->Finish();
    setActiveContext(nullptr);
    setStreaming(false);
    if (!sameEpoch) {
        *error = QStringLiteral("The platform's flag feed started over.");
        return StreamEnd::Reload;
    }
    return classifyStreamEnd(status, delivered, config, error);
}

}  // namespace wf
