#include "recon_feed_client.h"

#include "recon_conversion.h"
#include "watchfloor/v1/reconciliation.grpc.pb.h"

namespace wf {

namespace v1 = watchfloor::v1;

ReconFeedClient::ReconFeedClient(QObject* parent) : ChangeFeedClient("reconciliation", parent)
{
    qRegisterMetaType<wf::MismatchSummary>();
}

QVector<MismatchChange> ReconFeedClient::takeChanges()
{
    std::lock_guard lock(mutex_);
    QVector<MismatchChange> out;
    out.swap(pending_);
    return out;
}

bool ReconFeedClient::loadSnapshot(const std::shared_ptr<grpc::Channel>& channel,
                                   const EndpointConfig& config, QString* error, bool* reloadNow)
{
    *reloadNow = false;
    v1::SummarizeMismatchesResponse resp;
    const grpc::Status st = callUnary(config, config.callDeadlineMs, [&](grpc::ClientContext& ctx) {
        return v1::ReconciliationService::NewStub(channel)->SummarizeMismatches(
            &ctx, v1::SummarizeMismatchesRequest{}, &resp);
    });
    if (!st.ok()) {
        *error = describeStatus(st, config);
        return false;
    }
    adoptPosition(true, resp.stream_epoch(), resp.up_to_sequence(), error, reloadNow);
    {
        // Changes from before the reload are part of the new snapshot.
        std::lock_guard lock(mutex_);
        pending_.clear();
    }
    emit queueLoaded(toSummary(resp));
    return true;
}

FeedWorker::StreamEnd ReconFeedClient::follow(const std::shared_ptr<grpc::Channel>& channel,
                                              const EndpointConfig& config, QString* error)
{
    v1::StreamMismatchEventsRequest req;
    req.set_stream_epoch(epoch_);
    req.set_resume_after_sequence(lastSequence_);
    grpc::ClientContext ctx;
    beginStream(ctx, config);
    auto reader = v1::ReconciliationService::NewStub(channel)->StreamMismatchEvents(&ctx, req);
    return followChanges<v1::MismatchEvent>(
        ctx, *reader, config, error, [this](const v1::MismatchEvent& e) {
            MismatchChange c;
            switch (e.kind()) {
                case v1::MISMATCH_EVENT_KIND_CREATED: c.kind = MismatchChange::Kind::Created; break;
                case v1::MISMATCH_EVENT_KIND_RESOLVED:
                    c.kind = MismatchChange::Kind::Resolved;
                    break;
                case v1::MISMATCH_EVENT_KIND_UPDATED: c.kind = MismatchChange::Kind::Updated; break;
                default: return false;  // unknown kind: skipped, counted by followChanges
            }
            if (!e.has_mismatch() || e.mismatch().id().empty())
                return false;
            c.sequence = e.sequence();
            c.row = toMismatch(e.mismatch());
            bool wasEmpty = false;
            {
                std::lock_guard lock(mutex_);
                wasEmpty = pending_.isEmpty();
                pending_.append(std::move(c));
            }
            ++received_;
            if (wasEmpty)
                emit changesAvailable();
            return true;
        });
}

}  // namespace wf
