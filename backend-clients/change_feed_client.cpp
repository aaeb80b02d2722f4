#include "change_feed_client.h"
#include "timestamp_conversion.h"

#include "change_conversion.h"
#include "platform_channel.h"
#include "watchfloor/v1/deploy.grpc.pb.h"
#include "watchfloor/v1/flag.grpc.pb.h"
#include "watchfloor/v1/vendor.grpc.pb.h"

namespace wf {

namespace v1 = watchfloor::v1;

void ChangeFeedClient::reset()
{
    epoch_.clear();
    lastSequence_ = 0;
}

bool ChangeFeedClient::adoptPosition(bool firstPage, const std::string& epoch, quint64 upToSequence,
                                     QString* error, bool* reloadNow)
{
    if (firstPage) {
        // Changes after this position are replayed by the stream onto the list.
        epoch_ = epoch;
        lastSequence_ = upToSequence;
        return true;
    }
    if (epoch != epoch_) {
        *error = QStringLiteral("The platform restarted while its %1 were loading.")
                     .arg(QString::fromLatin1(name()));
        *reloadNow = true;
        return false;
    }
    return true;
}

DeployFeedClient::DeployFeedClient(QObject* parent) : ChangeFeedClient("deploys", parent)
{
    qRegisterMetaType<wf::Deploy>();
    qRegisterMetaType<QVector<wf::Deploy>>();
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
        v1::ListDeploysResponse resp;
        const grpc::Status st = callUnary(
            config, config.historyDeadlineMs,
            [&](grpc::ClientContext& ctx) { return stub->ListDeploys(&ctx, req, &resp); });
        if (!st.ok()) {
            *error = describeStatus(st, config);
            return false;
        }
        if (!adoptPosition(req.page().page_token().empty(), resp.stream_epoch(),
                           resp.up_to_sequence(), error, reloadNow))
            return false;
        platformTime = timestampMs(resp.platform_time());
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
    v1::StreamDeployEventsRequest req;
    req.set_stream_epoch(epoch_);
    req.set_resume_after_sequence(lastSequence_);
    grpc::ClientContext ctx;
    beginStream(ctx, config);
    auto reader = v1::DeployService::NewStub(channel)->StreamDeployEvents(&ctx, req);
    return followChanges<v1::DeployEvent>(ctx, *reader, config, error,
                                          [this](const v1::DeployEvent& e) {
                                              if (!e.has_deploy())
                                                  return false;
                                              emit deployChanged(toDeploy(e.deploy()));
                                              return true;
                                          });
}

FlagFeedClient::FlagFeedClient(QObject* parent) : ChangeFeedClient("flags", parent)
{
    qRegisterMetaType<wf::Flag>();
    qRegisterMetaType<QVector<wf::Flag>>();
    qRegisterMetaType<wf::FlagChangeEvent>();
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
        v1::ListFlagsResponse resp;
        const grpc::Status st =
            callUnary(config, config.historyDeadlineMs,
                      [&](grpc::ClientContext& ctx) { return stub->ListFlags(&ctx, req, &resp); });
        if (!st.ok()) {
            *error = describeStatus(st, config);
            return false;
        }
        if (!adoptPosition(req.page().page_token().empty(), resp.stream_epoch(),
                           resp.up_to_sequence(), error, reloadNow))
            return false;
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
    v1::StreamFlagChangesRequest req;
    req.set_stream_epoch(epoch_);
    req.set_resume_after_sequence(lastSequence_);
    grpc::ClientContext ctx;
    beginStream(ctx, config);
    auto reader = v1::FlagService::NewStub(channel)->StreamFlagChanges(&ctx, req);
    return followChanges<v1::FlagChange>(ctx, *reader, config, error,
                                         [this](const v1::FlagChange& e) {
                                             if (!e.has_flag())
                                                 return false;
                                             emit flagChanged(toFlagChange(e));
                                             return true;
                                         });
}

VendorFeedClient::VendorFeedClient(QObject* parent) : ChangeFeedClient("vendors", parent)
{
    qRegisterMetaType<wf::Vendor>();
    qRegisterMetaType<QVector<wf::Vendor>>();
    qRegisterMetaType<wf::CategoryRouting>();
    qRegisterMetaType<QVector<wf::CategoryRouting>>();
}

bool VendorFeedClient::loadSnapshot(const std::shared_ptr<grpc::Channel>& channel,
                                    const EndpointConfig& config, QString* error, bool* reloadNow)
{
    *reloadNow = false;
    v1::ListVendorsResponse resp;
    const grpc::Status st = callUnary(config, config.callDeadlineMs, [&](grpc::ClientContext& ctx) {
        return v1::VendorService::NewStub(channel)->ListVendors(&ctx, {}, &resp);
    });
    if (!st.ok()) {
        *error = describeStatus(st, config);
        return false;
    }
    adoptPosition(true, resp.stream_epoch(), resp.up_to_sequence(), error, reloadNow);
    QVector<Vendor> vendors;
    for (const v1::Vendor& v : resp.vendors())
        vendors.append(toVendor(v));
    QVector<CategoryRouting> routing;
    for (const v1::CategoryRouting& r : resp.routing())
        routing.append(toRouting(r));
    emit vendorsLoaded(vendors, routing);
    return true;
}

FeedWorker::StreamEnd VendorFeedClient::follow(const std::shared_ptr<grpc::Channel>& channel,
                                               const EndpointConfig& config, QString* error)
{
    v1::StreamVendorEventsRequest req;
    req.set_stream_epoch(epoch_);
    req.set_resume_after_sequence(lastSequence_);
    grpc::ClientContext ctx;
    beginStream(ctx, config);
    auto reader = v1::VendorService::NewStub(channel)->StreamVendorEvents(&ctx, req);
    return followChanges<v1::VendorEvent>(ctx, *reader, config, error,
                                          [this](const v1::VendorEvent& e) {
                                              if (e.has_vendor())
                                                  emit vendorChanged(toVendor(e.vendor()));
                                              else if (e.has_routing())
                                                  emit routingChanged(toRouting(e.routing()));
                                              else
                                                  return false;
                                              return true;
                                          });
}

}  // namespace wf
