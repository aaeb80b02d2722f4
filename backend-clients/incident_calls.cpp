#include "incident_calls.h"

#include "incident_conversion.h"
#include "platform_channel.h"
#include "watchfloor/v1/incident.grpc.pb.h"

#include <QUuid>

namespace wf {

namespace v1 = watchfloor::v1;

namespace {

// Namespace of the request-derived idempotency keys.
const QUuid kKeyNamespace = QUuid::fromString(u"5b0d6a0e-7f38-4f0b-9c8e-2d8f4a1c9e71");

const char* kReason = "Shared incident sync from this console";

// The key of a request: the same request (a retry) gives the same key.
void fillContext(v1::ActionContext* ctx, const google::protobuf::Message& request,
                 const char* method)
{
    std::string bytes = method;
    request.AppendToString(&bytes);
    ctx->set_idempotency_key(QUuid::createUuidV5(kKeyNamespace, QByteArray::fromStdString(bytes))
                                 .toString(QUuid::WithoutBraces)
                                 .toStdString());
    ctx->set_reason(kReason);
}

std::string bytes(const QString& s)
{
    return s.toStdString();
}

IncidentCallResult classify(const grpc::Status& status, const EndpointConfig& config)
{
    IncidentCallResult r;
    if (status.ok())
        return r;
    r.message = describeStatus(status, config);
    r.reason = QString::fromStdString(errorReason(status));
    switch (status.error_code()) {
        case grpc::StatusCode::PERMISSION_DENIED:
        case grpc::StatusCode::UNAUTHENTICATED: r.kind = IncidentCallResult::Kind::Denied; break;
        case grpc::StatusCode::FAILED_PRECONDITION:
        case grpc::StatusCode::ABORTED:
            r.kind = r.reason == QLatin1String("STALE_VERSION") ||
                             r.reason == QLatin1String("SECTION_CONFLICT") ||
                             status.error_code() == grpc::StatusCode::ABORTED
                         ? IncidentCallResult::Kind::Conflict
                         : IncidentCallResult::Kind::Refused;
            break;
        case grpc::StatusCode::INVALID_ARGUMENT:
        case grpc::StatusCode::NOT_FOUND:
        case grpc::StatusCode::ALREADY_EXISTS:
        case grpc::StatusCode::OUT_OF_RANGE:
        case grpc::StatusCode::UNIMPLEMENTED: r.kind = IncidentCallResult::Kind::Refused; break;
        default:  // unavailable, deadline, cancelled, resource exhausted, internal
            r.kind = IncidentCallResult::Kind::Unreachable;
            break;
    }
    return r;
}

}  // namespace

IncidentCalls::IncidentCalls(const EndpointConfig& config)
    : config_(config), channel_(createPlatformChannel(config, &channelError_))
{
}

IncidentCalls::~IncidentCalls() = default;

template <typename Call>
IncidentCallResult IncidentCalls::run(Call&& call)
{
    if (!channel_)
        return {IncidentCallResult::Kind::Unreachable, channelError_, {}};
    auto stub = v1::IncidentService::NewStub(channel_);
    grpc::ClientContext ctx;
    prepareCall(ctx, config_, config_.callDeadlineMs);
    return classify(call(*stub, ctx), config_);
}

IncidentCallResult IncidentCalls::list(QVector<Incident>* out)
{
    out->clear();
    v1::ListIncidentsRequest req;
    req.mutable_page()->set_page_size(500);
    do {
        v1::ListIncidentsResponse resp;
        const IncidentCallResult r = run([&](auto& stub, grpc::ClientContext& ctx) {
            return stub.ListIncidents(&ctx, req, &resp);
        });
        if (!r.ok())
            return r;
        for (const v1::Incident& i : resp.incidents())
            out->append(fromProto(i));
        req.mutable_page()->set_page_token(resp.page().next_page_token());
    } while (!req.page().page_token().empty());
    return {};
}

IncidentCallResult IncidentCalls::get(const QString& incidentId, IncidentSnapshot* out)
{
    v1::GetIncidentRequest req;
    req.set_incident_id(bytes(incidentId));
    v1::GetIncidentResponse resp;
    const IncidentCallResult r = run(
        [&](auto& stub, grpc::ClientContext& ctx) { return stub.GetIncident(&ctx, req, &resp); });
    if (!r.ok())
        return r;
    *out = {};
    RemoteAuthor author;
    out->incident = fromProto(resp.incident(), &author);
    out->declaredBy = author.declaredBy;
    out->updatedBy = author.updatedBy;
    for (const v1::TimelineEntry& e : resp.timeline())
        out->timeline.append(fromProto(e));
    for (const v1::StatusUpdate& u : resp.status_updates())
        out->statusUpdates.append(fromProto(u));
    for (const v1::PostmortemSection& s : resp.postmortem_sections())
        if (std::optional<PostmortemSection> section = fromProto(s))
            out->sections.append(*section);
    for (const v1::ActionItem& i : resp.action_items())
        out->actionItems.append(fromProto(i));
    // The records belong to this incident even where a platform leaves
    // their incident_id out.
    const QString id = out->incident.id.isEmpty() ? incidentId : out->incident.id;
    for (TimelineEntry& e : out->timeline)
        e.incidentId = id;
    for (StatusUpdate& u : out->statusUpdates)
        u.incidentId = id;
    for (PostmortemSection& s : out->sections)
        s.incidentId = id;
    for (ActionItem& i : out->actionItems)
        i.incidentId = id;
    return r;
}

IncidentCallResult IncidentCalls::declare(const Incident& incident,
                                          const TimelineEntry& declaration, Incident* stored)
{
    v1::DeclareIncidentRequest req;
    toProto(incident, req.mutable_incident());
    if (!declaration.id.isEmpty())
        toProto(declaration, req.mutable_declaration());
    fillContext(req.mutable_context(), req, "declare");
    v1::DeclareIncidentResponse resp;
    const IncidentCallResult r = run([&](auto& stub, grpc::ClientContext& ctx) {
        return stub.DeclareIncident(&ctx, req, &resp);
    });
    if (r.ok() && stored)
        *stored = fromProto(resp.incident());
    return r;
}

IncidentCallResult IncidentCalls::update(const Incident& incident, qint64 expectedVersion,
                                         const QVector<TimelineEntry>& changeEntries,
                                         Incident* stored)
{
    v1::UpdateIncidentRequest req;
    toProto(incident, req.mutable_incident());
    req.mutable_incident()->clear_declared_at();
    req.set_expected_version(expectedVersion);
    for (const TimelineEntry& e : changeEntries)
        toProto(e, req.add_change_entries());
    fillContext(req.mutable_context(), req, "update");
    v1::UpdateIncidentResponse resp;
    const IncidentCallResult r = run([&](auto& stub, grpc::ClientContext& ctx) {
        return stub.UpdateIncident(&ctx, req, &resp);
    });
    if (r.ok() && stored)
        *stored = fromProto(resp.incident());
    return r;
}

IncidentCallResult IncidentCalls::append(const QString& incidentId,
                                         const QVector<TimelineEntry>& entries,
                                         QVector<TimelineEntry>* stored)
{
    v1::AppendTimelineEntriesRequest req;
    req.set_incident_id(bytes(incidentId));
    for (const TimelineEntry& e : entries)
        toProto(e, req.add_entries());
    fillContext(req.mutable_context(), req, "append");
    v1::AppendTimelineEntriesResponse resp;
    const IncidentCallResult r = run([&](auto& stub, grpc::ClientContext& ctx) {
        return stub.AppendTimelineEntries(&ctx, req, &resp);
    });
    if (r.ok() && stored) {
        stored->clear();
        for (const v1::AppendResult& a : resp.results())
            stored->append(fromProto(a.entry()));
    }
    return r;
}

IncidentCallResult IncidentCalls::setPinned(const QString& incidentId, const QString& entryId,
                                            bool pinned)
{
    v1::SetTimelineEntryPinnedRequest req;
    req.set_incident_id(bytes(incidentId));
    req.set_entry_id(bytes(entryId));
    req.set_pinned(pinned);
    // Pin, unpin, pin again are three changes: a key of their own each
    // (setting a flag twice is harmless, so a retry needs no replay).
    req.mutable_context()->set_idempotency_key(
        QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
    req.mutable_context()->set_reason(kReason);
    v1::SetTimelineEntryPinnedResponse resp;
    return run([&](auto& stub, grpc::ClientContext& ctx) {
        return stub.SetTimelineEntryPinned(&ctx, req, &resp);
    });
}

IncidentCallResult IncidentCalls::addStatusUpdate(const StatusUpdate& update)
{
    v1::AddStatusUpdateRequest req;
    req.set_incident_id(bytes(update.incidentId));
    toProto(update, req.mutable_status_update());
    fillContext(req.mutable_context(), req, "status-update");
    v1::AddStatusUpdateResponse resp;
    return run([&](auto& stub, grpc::ClientContext& ctx) {
        return stub.AddStatusUpdate(&ctx, req, &resp);
    });
}

IncidentCallResult IncidentCalls::saveSection(const QString& incidentId, PostmortemSectionKey key,
                                              const QString& text, qint64 expectedRevision,
                                              PostmortemSection* stored)
{
    v1::SavePostmortemSectionRequest req;
    req.set_incident_id(bytes(incidentId));
    req.set_section_key(bytes(postmortemSectionKey(key)));
    req.set_text(bytes(text));
    req.set_expected_revision(expectedRevision);
    fillContext(req.mutable_context(), req, "section");
    v1::SavePostmortemSectionResponse resp;
    const IncidentCallResult r = run([&](auto& stub, grpc::ClientContext& ctx) {
        return stub.SavePostmortemSection(&ctx, req, &resp);
    });
    if (r.ok() && stored)
        if (std::optional<PostmortemSection> s = fromProto(resp.section()))
            *stored = *s;
    return r;
}

IncidentCallResult IncidentCalls::upsertItem(const ActionItem& item, qint64 expectedRevision,
                                             ActionItem* stored)
{
    v1::UpsertActionItemRequest req;
    req.set_incident_id(bytes(item.incidentId));
    toProto(item, req.mutable_item());
    req.set_expected_revision(expectedRevision);
    fillContext(req.mutable_context(), req, "item");
    v1::UpsertActionItemResponse resp;
    const IncidentCallResult r = run([&](auto& stub, grpc::ClientContext& ctx) {
        return stub.UpsertActionItem(&ctx, req, &resp);
    });
    if (r.ok() && stored)
        *stored = fromProto(resp.item());
    return r;
}

IncidentCallResult IncidentCalls::deleteItem(const QString& incidentId, const QString& itemId,
                                             qint64 expectedRevision)
{
    v1::DeleteActionItemRequest req;
    req.set_incident_id(bytes(incidentId));
    req.set_item_id(bytes(itemId));
    req.set_expected_revision(expectedRevision);
    fillContext(req.mutable_context(), req, "delete-item");
    v1::DeleteActionItemResponse resp;
    return run([&](auto& stub, grpc::ClientContext& ctx) {
        return stub.DeleteActionItem(&ctx, req, &resp);
    });
}

}  // namespace wf
