// IncidentStore: declaring and updating incidents, their timelines and
// status updates.
#include "error_status.h"
#include "idempotency_store.h"
#include "incident_checks.h"
#include "incident_keys.h"
#include "incident_store.h"
#include "proto_time.h"

#include <google/protobuf/util/message_differencer.h>
#include <QDateTime>
#include <QTimeZone>
#include <QUuid>
#include <cctype>
#include <set>
#include <tuple>

namespace wfsim {

namespace v1 = watchfloor::v1;
namespace keys = incident_keys;

namespace {

QDateTime utc(const google::protobuf::Timestamp& ts)
{
    return QDateTime::fromSecsSinceEpoch(ts.seconds(), QTimeZone::utc());
}

std::string rfc3339(const google::protobuf::Timestamp& ts)
{
    return utc(ts).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")).toStdString();
}

// "2026-11-25 12:03 UTC"
std::string words(const google::protobuf::Timestamp& ts)
{
    return utc(ts).toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString() + " UTC";
}

std::string joined(const google::protobuf::RepeatedPtrField<std::string>& values)
{
    std::string out;
    for (const std::string& v : values)
        out += (out.empty() ? "" : ", ") + v;
    return out;
}

std::string declarationText(const v1::Incident& i)
{
    std::string out = "Declared " + keys::severityName(i.severity()) + ": " + i.title() + ".";
    if (i.journeys_size() > 0)
        out += " Journeys: " + joined(i.journeys()) + ".";
    if (i.regions_size() > 0)
        out += " Regions: " + joined(i.regions()) + ".";
    return out;
}

std::string roleChangeText(const char* name, const std::string& from, const std::string& to)
{
    std::string lower = name;
    lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
    if (from.empty())
        return to + " is now " + lower + ".";
    if (to.empty())
        return from + " is no longer " + lower + "; the role is unassigned.";
    return std::string(name) + " handed over from " + from + " to " + to + ".";
}

// What an update may change, without what the platform sets.
v1::Incident editable(const v1::Incident& i)
{
    v1::Incident out = i;
    out.clear_id();
    out.clear_declared_at();
    out.clear_declared_by();
    out.clear_updated_at();
    out.clear_updated_by();
    out.clear_version();
    return out;
}

bool isChangeKind(v1::TimelineEntryKind k)
{
    return k == v1::TIMELINE_ENTRY_KIND_SEVERITY_CHANGE ||
           k == v1::TIMELINE_ENTRY_KIND_STATUS_CHANGE || k == v1::TIMELINE_ENTRY_KIND_ROLE_CHANGE;
}

grpc::Status timelineFull(const std::string& incidentId)
{
    return ErrorStatus::make(grpc::StatusCode::RESOURCE_EXHAUSTED,
                             "incident " + incidentId + " already has " +
                                 std::to_string(IncidentStore::kMaxEntriesPerIncident) +
                                 " timeline entries, the most one incident keeps",
                             "TIMELINE_FULL", "incident_id");
}

}  // namespace

grpc::Status IncidentStore::declare(const Caller& caller, const v1::DeclareIncidentRequest& request,
                                    v1::DeclareIncidentResponse* response)
{
    const int64_t nowMs = clock_.nowMs();
    v1::Incident fields;
    grpc::Status status =
        IncidentChecks::incident(request.incident(), catalog_, nowMs, true, &fields);
    if (!status.ok())
        return status;
    const std::string& id = fields.id();
    v1::TimelineEntry declaration;
    if (request.has_declaration()) {
        status =
            IncidentChecks::entry(request.declaration(), "declaration", id, nowMs, &declaration);
        if (status.ok() && declaration.kind() != v1::TIMELINE_ENTRY_KIND_DECLARATION) {
            status = ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                       "declaration.kind must be DECLARATION", "INVALID_VALUE",
                                       "declaration.kind");
        }
        if (!status.ok())
            return status;
    }
    const std::string fingerprint = IdempotencyStore::fingerprintOf(request.incident());

    std::lock_guard lock(mutex_);
    status = available();
    if (!status.ok())
        return status;
    if (const auto it = records_.find(id); it != records_.end()) {
        const StoredIncident& stored = it->second.stored;
        if (stored.declareFingerprint != fingerprint) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "incident " + id + " was declared before (by " +
                                         stored.incident.declared_by() + " at " +
                                         words(stored.incident.declared_at()) +
                                         ") with other details; a new incident needs a new id",
                                     "INCIDENT_ID_REUSED", "incident.id",
                                     {{"declared_by", stored.incident.declared_by()},
                                      {"declared_at", rfc3339(stored.incident.declared_at())}});
        }
        *response->mutable_incident() = stored.incident;
        for (const StoredEntry& e : it->second.timeline) {
            if (e.entry.kind() == v1::TIMELINE_ENTRY_KIND_DECLARATION) {
                *response->mutable_declaration() = e.entry;
                break;
            }
        }
        response->set_already_declared(true);
        applied(caller, request.context(), journal_.allocateId(), "incident.declare",
                id + " (already declared)", response->mutable_receipt());
        return grpc::Status::OK;
    }
    if (request.has_declaration() && entries_.count(declaration.id()) > 0) {
        return ErrorStatus::make(
            grpc::StatusCode::INVALID_ARGUMENT,
            "declaration.id " + declaration.id() + " is already an entry of another incident",
            "INVALID_VALUE", "declaration.id");
    }

    const std::string actionId = journal_.allocateId();
    StoredIncident stored;
    stored.incident = fields;
    v1::Incident& i = stored.incident;
    if (!i.has_declared_at())
        proto_time::setMs(i.mutable_declared_at(), nowMs);
    i.set_declared_by(caller.actor);
    proto_time::setMs(i.mutable_updated_at(), nowMs);
    i.set_updated_by(caller.actor);
    i.set_version(1);
    stored.declareFingerprint = fingerprint;

    StoredEntry entry;
    if (request.has_declaration()) {
        entry.entry = declaration;
        if (entry.entry.source().empty())
            entry.entry.set_source(caller.actor);
        proto_time::setMs(entry.entry.mutable_recorded_at(), nowMs);
        entry.entry.set_recorded_by(caller.actor);
        entry.position = ++lastPosition_;
    } else {
        entry = platformEntry(id, v1::TIMELINE_ENTRY_KIND_DECLARATION, caller, nowMs,
                              declarationText(i));
        entry.entry.set_id(QUuid::createUuidV5(QUuid::fromString(QString::fromStdString(id)),
                                               QStringLiteral("declaration"))
                               .toString(QUuid::WithoutBraces)
                               .toStdString());
        *entry.entry.mutable_at() = i.declared_at();
    }
    IncidentRows rows;
    rows.incidents.push_back(stored);
    rows.entries.push_back(entry);
    status = persist(rows);
    if (!status.ok())
        return status;
    apply(rows);
    *response->mutable_incident() = i;
    *response->mutable_declaration() = entry.entry;
    applied(caller, request.context(), actionId, "incident.declare",
            id + " " + keys::severityName(i.severity()), response->mutable_receipt());
    return grpc::Status::OK;
}

grpc::Status IncidentStore::update(const Caller& caller, const v1::UpdateIncidentRequest& request,
                                   v1::UpdateIncidentResponse* response)
{
    const int64_t nowMs = clock_.nowMs();
    v1::Incident fields;
    grpc::Status status =
        IncidentChecks::incident(request.incident(), catalog_, nowMs, false, &fields);
    if (!status.ok())
        return status;
    const std::string& id = fields.id();
    std::vector<v1::TimelineEntry> given;
    for (int n = 0; n < request.change_entries_size(); ++n) {
        const std::string field = "change_entries[" + std::to_string(n) + "]";
        v1::TimelineEntry e;
        status = IncidentChecks::entry(request.change_entries(n), field, id, nowMs, &e);
        if (status.ok() && !isChangeKind(e.kind())) {
            status = ErrorStatus::make(
                grpc::StatusCode::INVALID_ARGUMENT,
                field + ".kind must be SEVERITY_CHANGE, STATUS_CHANGE or ROLE_CHANGE",
                "INVALID_VALUE", field + ".kind");
        }
        if (!status.ok())
            return status;
        given.push_back(std::move(e));
    }

    std::lock_guard lock(mutex_);
    Record* record = nullptr;
    status = findIncident(id, "incident.id", &record);
    if (!status.ok())
        return status;
    const v1::Incident& before = record->stored.incident;
    if (google::protobuf::util::MessageDifferencer::Equals(editable(before), editable(fields))) {
        *response->mutable_incident() = before;
        response->set_unchanged(true);
        applied(caller, request.context(), journal_.allocateId(), "incident.update",
                id + " (unchanged)", response->mutable_receipt());
        return grpc::Status::OK;
    }
    if (before.version() != request.expected_version()) {
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 "the incident was changed by " + before.updated_by() + " at " +
                                     words(before.updated_at()) + " since you loaded it (version " +
                                     std::to_string(before.version()) + " is current, you had " +
                                     std::to_string(request.expected_version()) +
                                     "): nothing was changed; reload it and make your change again",
                                 "STALE_VERSION", "expected_version",
                                 {{"current_version", std::to_string(before.version())},
                                  {"updated_by", before.updated_by()},
                                  {"updated_at", rfc3339(before.updated_at())}});
    }

    StoredIncident after = record->stored;
    v1::Incident& i = after.incident;
    *i.mutable_milestones() = fields.milestones();
    *i.mutable_roles() = fields.roles();
    *i.mutable_journeys() = fields.journeys();
    *i.mutable_regions() = fields.regions();
    i.set_severity(fields.severity());
    i.set_title(fields.title());
    i.set_status(fields.status());
    i.set_version(before.version() + 1);
    proto_time::setMs(i.mutable_updated_at(), nowMs);
    i.set_updated_by(caller.actor);

    IncidentRows rows;
    rows.incidents.push_back(after);
    std::vector<v1::TimelineEntry> recorded;  // the change's entries as stored
    if (!given.empty()) {
        std::set<std::string> batch;
        for (v1::TimelineEntry& e : given) {
            if (const auto it = entries_.find(e.id()); it != entries_.end()) {
                recorded.push_back(
                    records_.at(it->second.incidentId).timeline[it->second.index].entry);
                continue;
            }
            if (!batch.insert(e.id()).second)
                continue;
            if (e.source().empty())
                e.set_source(caller.actor);
            proto_time::setMs(e.mutable_recorded_at(), nowMs);
            e.set_recorded_by(caller.actor);
            rows.entries.push_back({e, ++lastPosition_});
            recorded.push_back(e);
        }
    } else {
        const auto add = [&](v1::TimelineEntryKind kind, const std::string& text) {
            rows.entries.push_back(platformEntry(id, kind, caller, nowMs, text));
            recorded.push_back(rows.entries.back().entry);
        };
        if (before.severity() != i.severity()) {
            add(v1::TIMELINE_ENTRY_KIND_SEVERITY_CHANGE,
                "Severity changed from " + keys::severityName(before.severity()) + " to " +
                    keys::severityName(i.severity()) + ".");
        }
        if (before.status() != i.status()) {
            add(v1::TIMELINE_ENTRY_KIND_STATUS_CHANGE,
                "Status changed from " + keys::statusName(before.status()) + " to " +
                    keys::statusName(i.status()) + ".");
        }
        const v1::IncidentRoles& from = before.roles();
        const v1::IncidentRoles& to = i.roles();
        for (const auto& [name, a, b] :
             {std::tuple{"Incident commander", &from.commander(), &to.commander()},
              std::tuple{"Communications lead", &from.communications_lead(),
                         &to.communications_lead()},
              std::tuple{"Scribe", &from.scribe(), &to.scribe()}}) {
            if (*a != *b)
                add(v1::TIMELINE_ENTRY_KIND_ROLE_CHANGE, roleChangeText(name, *a, *b));
        }
    }
    if (record->timeline.size() + rows.entries.size() > kMaxEntriesPerIncident)
        return timelineFull(id);
    status = persist(rows);
    if (!status.ok())
        return status;
    apply(rows);
    *response->mutable_incident() = i;
    for (const v1::TimelineEntry& e : recorded)
        *response->add_change_entries() = e;
    applied(caller, request.context(), journal_.allocateId(), "incident.update",
            id + " v" + std::to_string(i.version()), response->mutable_receipt());
    return grpc::Status::OK;
}

grpc::Status IncidentStore::append(const Caller& caller,
                                   const v1::AppendTimelineEntriesRequest& request,
                                   v1::AppendTimelineEntriesResponse* response)
{
    const int64_t nowMs = clock_.nowMs();
    std::string id;
    grpc::Status status = IncidentChecks::id(request.incident_id(), "incident_id", &id);
    if (!status.ok())
        return status;
    if (request.entries_size() == 0) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT, "entries is empty",
                                 "MISSING_FIELD", "entries");
    }
    if (request.entries_size() > kMaxBatch) {
        return ErrorStatus::make(
            grpc::StatusCode::INVALID_ARGUMENT,
            "at most " + std::to_string(kMaxBatch) + " entries per call (got " +
                std::to_string(request.entries_size()) + "); send the rest in another call",
            "INVALID_VALUE", "entries");
    }
    std::vector<v1::TimelineEntry> checked(static_cast<size_t>(request.entries_size()));
    for (int n = 0; n < request.entries_size(); ++n) {
        status = IncidentChecks::entry(request.entries(n), "entries[" + std::to_string(n) + "]", id,
                                       nowMs, &checked[static_cast<size_t>(n)]);
        if (!status.ok())
            return status;
    }

    std::lock_guard lock(mutex_);
    Record* record = nullptr;
    status = findIncident(id, "incident_id", &record);
    if (!status.ok())
        return status;
    IncidentRows rows;
    std::map<std::string, size_t> batch;  // id -> index in rows.entries
    for (v1::TimelineEntry& e : checked) {
        v1::AppendResult* result = response->add_results();
        result->set_entry_id(e.id());
        if (const auto it = entries_.find(e.id()); it != entries_.end()) {
            result->set_outcome(v1::APPEND_OUTCOME_ALREADY_STORED);
            *result->mutable_entry() =
                records_.at(it->second.incidentId).timeline[it->second.index].entry;
        } else if (const auto same = batch.find(e.id()); same != batch.end()) {
            result->set_outcome(v1::APPEND_OUTCOME_ALREADY_STORED);
            *result->mutable_entry() = rows.entries[same->second].entry;
        } else {
            if (e.source().empty())
                e.set_source(caller.actor);
            proto_time::setMs(e.mutable_recorded_at(), nowMs);
            e.set_recorded_by(caller.actor);
            batch[e.id()] = rows.entries.size();
            rows.entries.push_back({e, ++lastPosition_});
            result->set_outcome(v1::APPEND_OUTCOME_STORED);
            *result->mutable_entry() = e;
        }
    }
    if (record->timeline.size() + rows.entries.size() > kMaxEntriesPerIncident)
        return timelineFull(id);
    if (!rows.entries.empty()) {
        status = persist(rows);
        if (!status.ok())
            return status;
        apply(rows);
    }
    const size_t stored = rows.entries.size();
    applied(caller, request.context(), journal_.allocateId(), "incident.timeline.append",
            id + ": " + std::to_string(stored) + " stored, " +
                std::to_string(static_cast<size_t>(request.entries_size()) - stored) +
                " already stored",
            response->mutable_receipt());
    return grpc::Status::OK;
}

grpc::Status IncidentStore::setPinned(const Caller& caller,
                                      const v1::SetTimelineEntryPinnedRequest& request,
                                      v1::SetTimelineEntryPinnedResponse* response)
{
    std::string entryId;
    grpc::Status status = IncidentChecks::id(request.entry_id(), "entry_id", &entryId);
    if (!status.ok())
        return status;
    std::lock_guard lock(mutex_);
    Record* record = nullptr;
    status = findIncident(request.incident_id(), "incident_id", &record);
    if (!status.ok())
        return status;
    const std::string& id = record->stored.incident.id();
    const auto it = entries_.find(entryId);
    if (it == entries_.end() || it->second.incidentId != id) {
        return ErrorStatus::make(grpc::StatusCode::NOT_FOUND,
                                 "incident " + id + " has no timeline entry " + entryId,
                                 "TIMELINE_ENTRY_NOT_FOUND", "entry_id");
    }
    StoredEntry entry = record->timeline[it->second.index];
    const bool changed = entry.entry.pinned() != request.pinned();
    if (changed) {
        entry.entry.set_pinned(request.pinned());
        IncidentRows rows;
        rows.entries.push_back(entry);
        status = persist(rows);
        if (!status.ok())
            return status;
        apply(rows);
    }
    *response->mutable_entry() = entry.entry;
    applied(caller, request.context(), journal_.allocateId(),
            request.pinned() ? "incident.timeline.pin" : "incident.timeline.unpin",
            id + "/" + entryId + (changed ? "" : " (unchanged)"), response->mutable_receipt());
    return grpc::Status::OK;
}

grpc::Status IncidentStore::addStatusUpdate(const Caller& caller,
                                            const v1::AddStatusUpdateRequest& request,
                                            v1::AddStatusUpdateResponse* response)
{
    const int64_t nowMs = clock_.nowMs();
    std::string id;
    grpc::Status status = IncidentChecks::id(request.incident_id(), "incident_id", &id);
    v1::StatusUpdate update;
    if (status.ok())
        status = IncidentChecks::statusUpdate(request.status_update(), id, nowMs, &update);
    if (!status.ok())
        return status;

    std::lock_guard lock(mutex_);
    Record* record = nullptr;
    status = findIncident(id, "incident_id", &record);
    if (!status.ok())
        return status;
    if (const auto it = statusUpdates_.find(update.id()); it != statusUpdates_.end()) {
        *response->mutable_status_update() =
            records_.at(it->second.incidentId).statusUpdates[it->second.index].update;
        if (const auto e = entries_.find(update.id()); e != entries_.end())
            *response->mutable_timeline_entry() =
                records_.at(e->second.incidentId).timeline[e->second.index].entry;
        response->set_already_stored(true);
        applied(caller, request.context(), journal_.allocateId(), "incident.status_update",
                id + "/" + update.id() + " (already stored)", response->mutable_receipt());
        return grpc::Status::OK;
    }
    if (update.author().empty())
        update.set_author(caller.actor);
    proto_time::setMs(update.mutable_recorded_at(), nowMs);
    update.set_recorded_by(caller.actor);
    IncidentRows rows;
    rows.statusUpdates.push_back({update, ++lastPosition_});
    // Its timeline entry, unless the entry was appended before on its own.
    if (const auto e = entries_.find(update.id()); e != entries_.end()) {
        *response->mutable_timeline_entry() =
            records_.at(e->second.incidentId).timeline[e->second.index].entry;
    } else {
        if (record->timeline.size() >= kMaxEntriesPerIncident)
            return timelineFull(id);
        StoredEntry entry =
            platformEntry(id, v1::TIMELINE_ENTRY_KIND_STATUS_UPDATE, caller, nowMs, update.text());
        entry.entry.set_id(update.id());
        entry.entry.set_source(update.author());
        *entry.entry.mutable_at() = update.at();
        rows.entries.push_back(entry);
        *response->mutable_timeline_entry() = entry.entry;
    }
    status = persist(rows);
    if (!status.ok())
        return status;
    apply(rows);
    *response->mutable_status_update() = update;
    applied(caller, request.context(), journal_.allocateId(), "incident.status_update",
            id + "/" + update.id() + " " + keys::statusKey(update.status()),
            response->mutable_receipt());
    return grpc::Status::OK;
}

}  // namespace wfsim
