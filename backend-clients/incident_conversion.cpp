#include "incident_conversion.h"
#include "timestamp_conversion.h"

#include "watchfloor/v1/incident.pb.h"

namespace wf {

namespace v1 = watchfloor::v1;

namespace {

QString str(const std::string& s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::string bytes(const QString& s)
{
    return s.toStdString();
}

std::optional<qint64> optionalMs(bool has, const google::protobuf::Timestamp& t)
{
    return has ? std::optional<qint64>(timestampMs(t)) : std::nullopt;
}

void setOptionalMs(std::optional<qint64> ms,
                   google::protobuf::Timestamp* (v1::IncidentMilestones::*field)(),
                   v1::IncidentMilestones* out)
{
    if (ms)
        setTimestampMs((out->*field)(), *ms);
}

// The contract numbers these enums from 1 in the order the console's enums
// list them from 0 (UNSPECIFIED is 0). Out of range: `fallback`.
template <typename Local>
Local fromWire(int value, int count, Local fallback)
{
    return value >= 1 && value <= count ? Local(value - 1) : fallback;
}

template <typename Local>
int toWire(Local value)
{
    return int(value) + 1;
}

QStringList strings(const google::protobuf::RepeatedPtrField<std::string>& in)
{
    QStringList out;
    for (const std::string& s : in)
        out.append(str(s));
    return out;
}

}  // namespace

Incident fromProto(const v1::Incident& in, RemoteAuthor* author)
{
    Incident out;
    out.id = str(in.id());
    // An unknown severity is read as the most severe, never the mildest.
    out.severity =
        in.severity() >= 1 && in.severity() <= 4 ? Severity(in.severity()) : Severity::Sev1;
    out.title = str(in.title());
    out.journeys = strings(in.journeys());
    out.regions = strings(in.regions());
    out.roles = {str(in.roles().commander()), str(in.roles().communications_lead()),
                 str(in.roles().scribe())};
    out.status = fromWire(in.status(), 4, IncidentStatus::Investigating);
    const v1::IncidentMilestones& m = in.milestones();
    out.milestones = {optionalMs(m.has_started_at(), m.started_at()),
                      optionalMs(m.has_detected_at(), m.detected_at()),
                      optionalMs(m.has_acknowledged_at(), m.acknowledged_at()),
                      optionalMs(m.has_mitigated_at(), m.mitigated_at()),
                      optionalMs(m.has_resolved_at(), m.resolved_at())};
    out.declaredMs = timestampMs(in.declared_at());
    out.updatedMs = timestampMs(in.updated_at());
    out.revision = in.version();
    out.sync = SyncState::Synced;
    if (author)
        *author = {str(in.declared_by()), str(in.updated_by())};
    return out;
}

TimelineEntry fromProto(const v1::TimelineEntry& in)
{
    TimelineEntry out;
    out.id = str(in.id());
    out.incidentId = str(in.incident_id());
    out.kind = fromWire(in.kind(), 11, TimelineKind::Note);
    out.source = str(in.source());
    out.atMs = timestampMs(in.at());
    out.text = str(in.text());
    out.outcome = str(in.outcome());
    out.pinned = in.pinned();
    out.sync = SyncState::Synced;
    return out;
}

StatusUpdate fromProto(const v1::StatusUpdate& in)
{
    StatusUpdate out;
    out.id = str(in.id());
    out.incidentId = str(in.incident_id());
    out.atMs = timestampMs(in.at());
    out.author = str(in.author());
    out.status = fromWire(in.status(), 4, IncidentStatus::Investigating);
    out.text = str(in.text());
    out.sync = SyncState::Synced;
    return out;
}

std::optional<PostmortemSection> fromProto(const v1::PostmortemSection& in)
{
    const std::optional<PostmortemSectionKey> key = postmortemSectionFromKey(str(in.key()));
    if (!key)
        return std::nullopt;
    PostmortemSection out;
    out.incidentId = str(in.incident_id());
    out.key = *key;
    out.text = str(in.text());
    out.revision = in.revision();
    out.updatedMs = timestampMs(in.updated_at());
    out.updatedBy = str(in.updated_by());
    return out;
}

ActionItem fromProto(const v1::ActionItem& in, bool* deleted)
{
    ActionItem out;
    out.id = str(in.id());
    out.incidentId = str(in.incident_id());
    out.title = str(in.title());
    out.owner = str(in.owner());
    out.due = QDate::fromString(str(in.due_date()), Qt::ISODate);
    out.priority = fromWire(in.priority(), 3, ActionItemPriority::Medium);
    out.type = fromWire(in.type(), 3, ActionItemType::Prevent);
    out.status = fromWire(in.status(), 4, ActionItemStatus::Open);
    out.createdMs = timestampMs(in.created_at());
    out.updatedMs = timestampMs(in.updated_at());
    out.revision = in.revision();
    if (deleted)
        *deleted = in.deleted();
    return out;
}

void toProto(const Incident& in, v1::Incident* out)
{
    out->set_id(bytes(in.id));
    out->set_severity(v1::IncidentSeverity(int(in.severity)));
    out->set_title(bytes(in.title));
    for (const QString& j : in.journeys)
        out->add_journeys(bytes(j));
    for (const QString& r : in.regions)
        out->add_regions(bytes(r));
    out->mutable_roles()->set_commander(bytes(in.roles.commander));
    out->mutable_roles()->set_communications_lead(bytes(in.roles.communicationsLead));
    out->mutable_roles()->set_scribe(bytes(in.roles.scribe));
    out->set_status(v1::IncidentStatus(toWire(in.status)));
    v1::IncidentMilestones* m = out->mutable_milestones();
    setOptionalMs(in.milestones.startedMs, &v1::IncidentMilestones::mutable_started_at, m);
    setOptionalMs(in.milestones.detectedMs, &v1::IncidentMilestones::mutable_detected_at, m);
    setOptionalMs(in.milestones.acknowledgedMs, &v1::IncidentMilestones::mutable_acknowledged_at,
                  m);
    setOptionalMs(in.milestones.mitigatedMs, &v1::IncidentMilestones::mutable_mitigated_at, m);
    setOptionalMs(in.milestones.resolvedMs, &v1::IncidentMilestones::mutable_resolved_at, m);
    if (in.declaredMs > 0)
        setTimestampMs(out->mutable_declared_at(), in.declaredMs);
}

void toProto(const TimelineEntry& in, v1::TimelineEntry* out)
{
    out->set_id(bytes(in.id));
    out->set_incident_id(bytes(in.incidentId));
    out->set_kind(v1::TimelineEntryKind(toWire(in.kind)));
    out->set_source(bytes(in.source));
    setTimestampMs(out->mutable_at(), in.atMs);
    out->set_text(bytes(in.text));
    out->set_outcome(bytes(in.outcome));
    out->set_pinned(in.pinned);
}

void toProto(const StatusUpdate& in, v1::StatusUpdate* out)
{
    out->set_id(bytes(in.id));
    out->set_incident_id(bytes(in.incidentId));
    setTimestampMs(out->mutable_at(), in.atMs);
    out->set_author(bytes(in.author));
    out->set_status(v1::IncidentStatus(toWire(in.status)));
    out->set_text(bytes(in.text));
}

void toProto(const ActionItem& in, v1::ActionItem* out)
{
    out->set_id(bytes(in.id));
    out->set_incident_id(bytes(in.incidentId));
    out->set_title(bytes(in.title));
    out->set_owner(bytes(in.owner));
    if (in.due.isValid())
        out->set_due_date(bytes(in.due.toString(Qt::ISODate)));
    out->set_priority(v1::ActionItemPriority(toWire(in.priority)));
    out->set_type(v1::ActionItemType(toWire(in.type)));
    out->set_status(v1::ActionItemStatus(toWire(in.status)));
}

}  // namespace wf
