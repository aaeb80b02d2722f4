#include "incident_feed_client.h"

#include "incident_conversion.h"
#include "watchfloor/v1/incident.grpc.pb.h"

namespace wf {

namespace v1 = watchfloor::v1;

IncidentFeedClient::IncidentFeedClient(QObject* parent) : ChangeFeedClient("incidents", parent)
{
    qRegisterMetaType<wf::Incident>();
    qRegisterMetaType<QVector<wf::Incident>>();
    qRegisterMetaType<wf::IncidentChange>();
}

bool IncidentFeedClient::loadSnapshot(const std::shared_ptr<grpc::Channel>& channel,
                                      const EndpointConfig& config, QString* error, bool* reloadNow)
{
    *reloadNow = false;
    auto stub = v1::IncidentService::NewStub(channel);
    QVector<Incident> incidents;
    v1::ListIncidentsRequest req;
    req.mutable_page()->set_page_size(500);
    do {
        v1::ListIncidentsResponse resp;
        const grpc::Status st = callUnary(
            config, config.historyDeadlineMs,
            [&](grpc::ClientContext& ctx) { return stub->ListIncidents(&ctx, req, &resp); });
        if (!st.ok()) {
            *error = describeStatus(st, config);
            return false;
        }
        if (!adoptPosition(req.page().page_token().empty(), resp.stream_epoch(),
                           resp.up_to_sequence(), error, reloadNow))
            return false;
        for (const v1::Incident& i : resp.incidents())
            incidents.append(fromProto(i));
        req.mutable_page()->set_page_token(resp.page().next_page_token());
    } while (!req.page().page_token().empty() && !stopping());
    emit incidentsListed(incidents);
    return true;
}

FeedWorker::StreamEnd IncidentFeedClient::follow(const std::shared_ptr<grpc::Channel>& channel,
                                                 const EndpointConfig& config, QString* error)
{
    v1::StreamIncidentEventsRequest req;
    req.set_stream_epoch(epoch_);
    req.set_resume_after_sequence(lastSequence_);
    grpc::ClientContext ctx;
    beginStream(ctx, config);
    auto reader = v1::IncidentService::NewStub(channel)->StreamIncidentEvents(&ctx, req);
    return followChanges<v1::IncidentEvent>(
        ctx, *reader, config, error, [this](const v1::IncidentEvent& e) {
            IncidentChange c;
            c.incidentId = QString::fromStdString(e.incident_id());
            switch (e.change_case()) {
                case v1::IncidentEvent::kIncident:
                    c.kind = IncidentChange::Kind::Incident;
                    c.incident = fromProto(e.incident());
                    break;
                case v1::IncidentEvent::kTimelineEntry:
                    c.kind = IncidentChange::Kind::TimelineEntry;
                    c.entry = fromProto(e.timeline_entry());
                    break;
                case v1::IncidentEvent::kStatusUpdate:
                    c.kind = IncidentChange::Kind::StatusUpdate;
                    c.statusUpdate = fromProto(e.status_update());
                    break;
                case v1::IncidentEvent::kPostmortemSection: {
                    std::optional<PostmortemSection> s = fromProto(e.postmortem_section());
                    if (!s)
                        return true;  // a section this console does not know: skipped
                    c.kind = IncidentChange::Kind::Section;
                    c.section = *s;
                    break;
                }
                case v1::IncidentEvent::kActionItem:
                    c.kind = IncidentChange::Kind::ActionItem;
                    c.item = fromProto(e.action_item(), &c.itemDeleted);
                    break;
                default: return false;  // a heartbeat
            }
            // The event names the incident; its record may leave it out.
            for (QString* id : {&c.entry.incidentId, &c.statusUpdate.incidentId,
                                &c.section.incidentId, &c.item.incidentId})
                if (id->isEmpty())
                    *id = c.incidentId;
            emit incidentChanged(c);
            return true;
        });
}

}  // namespace wf
