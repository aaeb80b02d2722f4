#include "incident_checks.h"

#include "error_status.h"
#include "incident_milestones.h"

#include <QDate>
#include <QUuid>
#include <algorithm>
#include <cctype>
#include <set>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

grpc::Status invalid(const std::string& message, const std::string& field,
                     const std::string& reason = "INVALID_VALUE")
{
    return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT, message, reason, field);
}

grpc::Status missing(const std::string& field)
{
    return invalid(field + " is required", field, "MISSING_FIELD");
}

bool blank(const std::string& s)
{
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

// The timestamp to the millisecond.
void truncate(google::protobuf::Timestamp* ts)
{
    ts->set_nanos(ts->nanos() / 1000000 * 1000000);
}

int64_t msOf(const google::protobuf::Timestamp& ts)
{
    return ts.seconds() * 1000 + ts.nanos() / 1000000;
}

grpc::Status notInFuture(const google::protobuf::Timestamp& ts, int64_t nowMs,
                         const std::string& field)
{
    if (ts.nanos() < 0 || ts.nanos() > 999999999)
        return invalid(field + " is not a valid time", field);
    if (msOf(ts) > nowMs + IncidentMilestones::kFutureToleranceMs)
        return invalid(field + " is in the future (more than a minute after the platform's now)",
                       field);
    return grpc::Status::OK;
}

template <typename Known>
grpc::Status ids(const google::protobuf::RepeatedPtrField<std::string>& values,
                 const std::string& field, const char* what, const char* reason,
                 const std::string& knownList, Known known)
{
    std::set<std::string> seen;
    for (int i = 0; i < values.size(); ++i) {
        const std::string at = field + "[" + std::to_string(i) + "]";
        if (!known(values.Get(i))) {
            return invalid(
                std::string("unknown ") + what + " \"" + values.Get(i) + "\"; known: " + knownList,
                at, reason);
        }
        if (!seen.insert(values.Get(i)).second)
            return invalid(std::string(what) + " \"" + values.Get(i) + "\" is named twice", at);
    }
    return grpc::Status::OK;
}

}  // namespace

grpc::Status IncidentChecks::id(const std::string& value, const std::string& field,
                                std::string* normalized)
{
    if (value.empty())
        return missing(field);
    const QUuid uuid = QUuid::fromString(QString::fromStdString(value));
    if (uuid.isNull() || value.size() > 38) {
        return invalid(field + " must be a UUID made by the client (\"" + value + "\" is not one)",
                       field);
    }
    *normalized = uuid.toString(QUuid::WithoutBraces).toStdString();
    return grpc::Status::OK;
}

grpc::Status IncidentChecks::length(const std::string& value, size_t max, const std::string& field)
{
    if (value.size() <= max)
        return grpc::Status::OK;
    return invalid(field + " is too long: " + std::to_string(value.size()) + " bytes, at most " +
                       std::to_string(max),
                   field);
}

grpc::Status IncidentChecks::sameIncident(const std::string& value, const std::string& incidentId,
                                          const std::string& field)
{
    if (value.empty())
        return grpc::Status::OK;
    std::string normalized;
    if (!id(value, field, &normalized).ok() || normalized != incidentId)
        return invalid(field + " names another incident than incident_id", field);
    return grpc::Status::OK;
}

grpc::Status IncidentChecks::incident(const v1::Incident& in, const JourneyCatalog& catalog,
                                      int64_t nowMs, bool declaring, v1::Incident* out)
{
    out->Clear();
    std::string normalized;
    grpc::Status status = id(in.id(), "incident.id", &normalized);
    if (!status.ok())
        return status;
    out->set_id(normalized);
    if (!v1::IncidentSeverity_IsValid(in.severity()) ||
        in.severity() == v1::INCIDENT_SEVERITY_UNSPECIFIED) {
        return invalid("incident.severity must be SEV1, SEV2, SEV3 or SEV4", "incident.severity");
    }
    out->set_severity(in.severity());
    if (blank(in.title()))
        return missing("incident.title");
    status = length(in.title(), kMaxTitleBytes, "incident.title");
    if (!status.ok())
        return status;
    out->set_title(in.title());
    status = ids(in.journeys(), "incident.journeys", "journey", "UNKNOWN_JOURNEY",
                 catalog.journeyIdList(),
                 [&](const std::string& j) { return catalog.journeyIndex(j) >= 0; });
    if (status.ok()) {
        status = ids(in.regions(), "incident.regions", "region", "UNKNOWN_REGION",
                     catalog.regionIdList(),
                     [&](const std::string& r) { return catalog.regionIndex(r) >= 0; });
    }
    if (!status.ok())
        return status;
    *out->mutable_journeys() = in.journeys();
    *out->mutable_regions() = in.regions();
    const v1::IncidentRoles& roles = in.roles();
    for (const auto& [value, field] :
         {std::pair{&roles.commander(), "incident.roles.commander"},
          std::pair{&roles.communications_lead(), "incident.roles.communications_lead"},
          std::pair{&roles.scribe(), "incident.roles.scribe"}}) {
        status = length(*value, kMaxNameBytes, field);
        if (!status.ok())
            return status;
    }
    *out->mutable_roles() = roles;

    v1::IncidentStatus s = in.status();
    if (s == v1::INCIDENT_STATUS_UNSPECIFIED && declaring)
        s = v1::INCIDENT_STATUS_INVESTIGATING;
    if (!v1::IncidentStatus_IsValid(s) || s == v1::INCIDENT_STATUS_UNSPECIFIED) {
        return invalid("incident.status must be INVESTIGATING, IDENTIFIED, MITIGATED or RESOLVED",
                       "incident.status");
    }
    out->set_status(s);
    v1::IncidentMilestones* m = out->mutable_milestones();
    *m = in.milestones();
    for (google::protobuf::Timestamp* ts :
         {m->has_started_at() ? m->mutable_started_at() : nullptr,
          m->has_detected_at() ? m->mutable_detected_at() : nullptr,
          m->has_acknowledged_at() ? m->mutable_acknowledged_at() : nullptr,
          m->has_mitigated_at() ? m->mutable_mitigated_at() : nullptr,
          m->has_resolved_at() ? m->mutable_resolved_at() : nullptr}) {
        if (ts && (ts->nanos() < 0 || ts->nanos() > 999999999))
            return invalid("a milestone is not a valid time", "incident.milestones");
        if (ts)
            truncate(ts);
    }
    status = IncidentMilestones::check(*m, nowMs, "incident.milestones.");
    if (!status.ok())
        return status;
    if (s == v1::INCIDENT_STATUS_MITIGATED && !m->has_mitigated_at()) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "The status is Mitigated but no Mitigated time is set.",
                                 "MISSING_MILESTONE", "incident.milestones.mitigated_at",
                                 {{"milestone", "mitigated_at"}});
    }
    if (s == v1::INCIDENT_STATUS_RESOLVED && !m->has_resolved_at()) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "The status is Resolved but no Resolved time is set.",
                                 "MISSING_MILESTONE", "incident.milestones.resolved_at",
                                 {{"milestone", "resolved_at"}});
    }
    if (declaring && in.has_declared_at()) {
        status = notInFuture(in.declared_at(), nowMs, "incident.declared_at");
        if (!status.ok())
            return status;
        *out->mutable_declared_at() = in.declared_at();
        truncate(out->mutable_declared_at());
    }
    return grpc::Status::OK;
}

grpc::Status IncidentChecks::entry(const v1::TimelineEntry& in, const std::string& field,
                                   const std::string& incidentId, int64_t nowMs,
                                   v1::TimelineEntry* out)
{
    out->Clear();
    std::string normalized;
    grpc::Status status = id(in.id(), field + ".id", &normalized);
    if (status.ok())
        status = sameIncident(in.incident_id(), incidentId, field + ".incident_id");
    if (!status.ok())
        return status;
    if (!v1::TimelineEntryKind_IsValid(in.kind()) ||
        in.kind() == v1::TIMELINE_ENTRY_KIND_UNSPECIFIED) {
        return invalid(field + ".kind must be one of the TimelineEntryKind values (got " +
                           std::to_string(in.kind()) + ")",
                       field + ".kind", "UNKNOWN_KIND");
    }
    if (!in.has_at())
        return missing(field + ".at");
    status = notInFuture(in.at(), nowMs, field + ".at");
    if (status.ok() && blank(in.text()))
        status = missing(field + ".text");
    if (status.ok())
        status = length(in.text(), kMaxTextBytes, field + ".text");
    if (status.ok())
        status = length(in.source(), kMaxNameBytes, field + ".source");
    if (status.ok())
        status = length(in.outcome(), kMaxNameBytes, field + ".outcome");
    if (!status.ok())
        return status;
    out->set_id(normalized);
    out->set_incident_id(incidentId);
    out->set_kind(in.kind());
    out->set_source(in.source());
    *out->mutable_at() = in.at();
    truncate(out->mutable_at());
    out->set_text(in.text());
    out->set_outcome(in.outcome());
    out->set_pinned(in.pinned());
    return grpc::Status::OK;
}

grpc::Status IncidentChecks::statusUpdate(const v1::StatusUpdate& in, const std::string& incidentId,
                                          int64_t nowMs, v1::StatusUpdate* out)
{
    out->Clear();
    std::string normalized;
    grpc::Status status = id(in.id(), "status_update.id", &normalized);
    if (status.ok())
        status = sameIncident(in.incident_id(), incidentId, "status_update.incident_id");
    if (!status.ok())
        return status;
    if (!v1::IncidentStatus_IsValid(in.status()) || in.status() == v1::INCIDENT_STATUS_UNSPECIFIED)
        return invalid("status_update.status must be the status it announces",
                       "status_update.status");
    if (!in.has_at())
        return missing("status_update.at");
    status = notInFuture(in.at(), nowMs, "status_update.at");
    if (status.ok() && blank(in.text()))
        status = missing("status_update.text");
    if (status.ok())
        status = length(in.text(), kMaxTextBytes, "status_update.text");
    if (status.ok())
        status = length(in.author(), kMaxNameBytes, "status_update.author");
    if (!status.ok())
        return status;
    out->set_id(normalized);
    out->set_incident_id(incidentId);
    *out->mutable_at() = in.at();
    truncate(out->mutable_at());
    out->set_author(in.author());
    out->set_status(in.status());
    out->set_text(in.text());
    return grpc::Status::OK;
}

grpc::Status IncidentChecks::actionItem(const v1::ActionItem& in, const std::string& incidentId,
                                        v1::ActionItem* out)
{
    out->Clear();
    std::string normalized;
    grpc::Status status = id(in.id(), "item.id", &normalized);
    if (status.ok())
        status = sameIncident(in.incident_id(), incidentId, "item.incident_id");
    if (status.ok() && blank(in.title()))
        status = missing("item.title");
    if (status.ok())
        status = length(in.title(), kMaxItemTitleBytes, "item.title");
    if (status.ok())
        status = length(in.owner(), kMaxNameBytes, "item.owner");
    if (!status.ok())
        return status;
    if (!in.due_date().empty() &&
        !QDate::fromString(QString::fromStdString(in.due_date()), Qt::ISODate).isValid()) {
        return invalid(
            "item.due_date must be a date such as 2026-12-01 (got \"" + in.due_date() + "\")",
            "item.due_date");
    }
    if (!v1::ActionItemPriority_IsValid(in.priority()) ||
        in.priority() == v1::ACTION_ITEM_PRIORITY_UNSPECIFIED)
        return invalid("item.priority must be HIGH, MEDIUM or LOW", "item.priority");
    if (!v1::ActionItemType_IsValid(in.type()) || in.type() == v1::ACTION_ITEM_TYPE_UNSPECIFIED)
        return invalid("item.type must be PREVENT, DETECT or MITIGATE", "item.type");
    if (!v1::ActionItemStatus_IsValid(in.status()) ||
        in.status() == v1::ACTION_ITEM_STATUS_UNSPECIFIED)
        return invalid("item.status must be OPEN, IN_PROGRESS, DONE or WONT_DO", "item.status");
    out->set_id(normalized);
    out->set_incident_id(incidentId);
    out->set_title(in.title());
    out->set_owner(in.owner());
    out->set_due_date(in.due_date());
    out->set_priority(in.priority());
    out->set_type(in.type());
    out->set_status(in.status());
    return grpc::Status::OK;
}

}  // namespace wfsim
