#include "incident_store.h"

#include "error_status.h"
#include "incident_checks.h"
#include "incident_keys.h"
#include "page_token.h"
#include "proto_time.h"
#include "role_permissions.h"

#include <spdlog/spdlog.h>
#include <QTemporaryDir>
#include <QUuid>
#include <algorithm>
#include <limits>
#include <set>
#include <tuple>
#include <utility>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

int64_t msOf(const google::protobuf::Timestamp& ts)
{
    return ts.seconds() * 1000 + ts.nanos() / 1000000;
}

}  // namespace

IncidentStore::IncidentStore(const std::string& path, const PlatformClock& clock,
                             const std::string& epoch, ActionJournal& journal)
    : clock_(clock), epoch_(epoch), journal_(journal), path_(path)
{
    if (path_.empty()) {
        temporaryDir_ = std::make_unique<QTemporaryDir>();
        if (!temporaryDir_->isValid()) {
            openError_ = "cannot make a temporary directory for the incident file: " +
                         temporaryDir_->errorString().toStdString();
            return;
        }
        path_ = temporaryDir_->filePath(QStringLiteral("incidents.sqlite")).toStdString();
    }
    IncidentRows rows;
    std::string error;
    if (!db_.open(path_, &error) || !db_.load(&rows, &error)) {
        openError_ = error;
        return;
    }
    load(std::move(rows));
}

IncidentStore::~IncidentStore() = default;

void IncidentStore::load(IncidentRows rows)
{
    std::lock_guard lock(mutex_);
    for (StoredIncident& s : rows.incidents) {
        const std::string id = s.incident.id();
        records_[id].stored = std::move(s);
    }
    const auto keep = [this](auto& stored, auto member, const std::string& id,
                             const std::string& incidentId, std::map<std::string, Place>& index) {
        const auto it = records_.find(incidentId);
        if (it == records_.end())
            return;
        auto& list = it->second.*member;
        index[id] = {incidentId, list.size()};
        lastPosition_ = std::max(lastPosition_, stored.position);
        list.push_back(std::move(stored));
    };
    for (StoredEntry& s : rows.entries) {
        const std::string id = s.entry.id();
        const std::string incident = s.entry.incident_id();
        keep(s, &Record::timeline, id, incident, entries_);
    }
    for (StoredStatusUpdate& s : rows.statusUpdates) {
        const std::string id = s.update.id();
        const std::string incident = s.update.incident_id();
        keep(s, &Record::statusUpdates, id, incident, statusUpdates_);
    }
    for (StoredItem& s : rows.items) {
        const std::string id = s.item.id();
        const std::string incident = s.item.incident_id();
        keep(s, &Record::items, id, incident, items_);
    }
    for (v1::PostmortemSection& s : rows.sections) {
        const auto it = records_.find(s.incident_id());
        if (it != records_.end())
            it->second.sections[s.key()] = std::move(s);
    }
}

size_t IncidentStore::backfill(IncidentRows rows)
{
    if (!isOpen())
        return 0;
    IncidentRows fresh;
    {
        std::lock_guard lock(mutex_);
        std::set<std::string> added;
        for (StoredIncident& s : rows.incidents) {
            if (records_.count(s.incident.id()) == 0 && added.insert(s.incident.id()).second)
                fresh.incidents.push_back(std::move(s));
        }
        for (StoredEntry& s : rows.entries) {
            if (added.count(s.entry.incident_id()) > 0 && entries_.count(s.entry.id()) == 0) {
                s.position = ++lastPosition_;
                fresh.entries.push_back(std::move(s));
            }
        }
        for (StoredStatusUpdate& s : rows.statusUpdates) {
            if (added.count(s.update.incident_id()) > 0 &&
                statusUpdates_.count(s.update.id()) == 0) {
                s.position = ++lastPosition_;
                fresh.statusUpdates.push_back(std::move(s));
            }
        }
        for (v1::PostmortemSection& s : rows.sections) {
            if (added.count(s.incident_id()) > 0)
                fresh.sections.push_back(std::move(s));
        }
        for (StoredItem& s : rows.items) {
            if (added.count(s.item.incident_id()) > 0 && items_.count(s.item.id()) == 0) {
                s.position = ++lastPosition_;
                fresh.items.push_back(std::move(s));
            }
        }
    }
    if (fresh.incidents.empty())
        return 0;
    std::string error;
    if (!db_.write(fresh, &error)) {
        spdlog::error("incident file {}: the history could not be stored: {}", path_, error);
        return 0;
    }
    const size_t count = fresh.incidents.size();
    load(std::move(fresh));
    return count;
}

size_t IncidentStore::size() const
{
    std::lock_guard lock(mutex_);
    return records_.size();
}

grpc::Status IncidentStore::available() const
{
    if (isOpen())
        return grpc::Status::OK;
    return ErrorStatus::make(grpc::StatusCode::UNAVAILABLE,
                             "the platform cannot use its incident file: " + openError_,
                             "STORAGE_FAILED");
}

grpc::Status IncidentStore::findIncident(const std::string& id, const std::string& field,
                                         Record** out)
{
    const Record* found = nullptr;
    const grpc::Status status = std::as_const(*this).findIncident(id, field, &found);
    *out = const_cast<Record*>(found);
    return status;
}

grpc::Status IncidentStore::findIncident(const std::string& id, const std::string& field,
                                         const Record** out) const
{
    *out = nullptr;
    std::string normalized;
    grpc::Status status = IncidentChecks::id(id, field, &normalized);
    if (!status.ok())
        return status;
    status = available();
    if (!status.ok())
        return status;
    const auto it = records_.find(normalized);
    if (it == records_.end()) {
        return ErrorStatus::make(grpc::StatusCode::NOT_FOUND,
                                 "there is no incident " + normalized + " on this platform",
                                 "INCIDENT_NOT_FOUND", field);
    }
    *out = &it->second;
    return grpc::Status::OK;
}

grpc::Status IncidentStore::persist(const IncidentRows& rows)
{
    std::string error;
    if (db_.write(rows, &error))
        return grpc::Status::OK;
    spdlog::error("incident file {}: {}", path_, error);
    return ErrorStatus::make(grpc::StatusCode::UNAVAILABLE, error + "; nothing was changed",
                             "STORAGE_FAILED");
}

StoredEntry IncidentStore::platformEntry(const std::string& incidentId, v1::TimelineEntryKind kind,
                                         const Caller& caller, int64_t nowMs,
                                         const std::string& text)
{
    StoredEntry s;
    v1::TimelineEntry& e = s.entry;
    e.set_id(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
    e.set_incident_id(incidentId);
    e.set_kind(kind);
    e.set_source(caller.actor);
    proto_time::setMs(e.mutable_at(), nowMs);
    e.set_text(text);
    proto_time::setMs(e.mutable_recorded_at(), nowMs);
    e.set_recorded_by(caller.actor);
    s.position = ++lastPosition_;
    return s;
}

void IncidentStore::apply(const IncidentRows& rows)
{
    for (const StoredIncident& s : rows.incidents) {
        records_[s.incident.id()].stored = s;
        v1::IncidentEvent event;
        *event.mutable_incident() = s.incident;
        logEvent(s.incident.id(), std::move(event));
    }
    // Puts `stored` in its incident's list (replacing the one with its id).
    const auto place = [this](const auto& stored, auto member, const std::string& id,
                              const std::string& incidentId, std::map<std::string, Place>& index) {
        auto& list = records_.at(incidentId).*member;
        const auto it = index.find(id);
        if (it != index.end()) {
            list[it->second.index] = stored;
        } else {
            index[id] = {incidentId, list.size()};
            list.push_back(stored);
        }
    };
    for (const StoredStatusUpdate& s : rows.statusUpdates) {
        place(s, &Record::statusUpdates, s.update.id(), s.update.incident_id(), statusUpdates_);
        v1::IncidentEvent event;
        *event.mutable_status_update() = s.update;
        logEvent(s.update.incident_id(), std::move(event));
    }
    for (const StoredEntry& s : rows.entries) {
        place(s, &Record::timeline, s.entry.id(), s.entry.incident_id(), entries_);
        v1::IncidentEvent event;
        *event.mutable_timeline_entry() = s.entry;
        logEvent(s.entry.incident_id(), std::move(event));
    }
    for (const v1::PostmortemSection& s : rows.sections) {
        records_.at(s.incident_id()).sections[s.key()] = s;
        v1::IncidentEvent event;
        *event.mutable_postmortem_section() = s;
        logEvent(s.incident_id(), std::move(event));
    }
    for (const StoredItem& s : rows.items) {
        place(s, &Record::items, s.item.id(), s.item.incident_id(), items_);
        v1::IncidentEvent event;
        *event.mutable_action_item() = s.item;
        logEvent(s.item.incident_id(), std::move(event));
    }
}

void IncidentStore::logEvent(const std::string& incidentId, v1::IncidentEvent event)
{
    event.set_incident_id(incidentId);
    log_.append(std::move(event));
}

void IncidentStore::applied(const Caller& caller, const v1::ActionContext& context,
                            const std::string& actionId, const std::string& kind,
                            const std::string& target, v1::ActionReceipt* receipt)
{
    v1::AppliedAction action;
    action.set_action_id(actionId);
    action.set_kind(kind);
    action.set_target(target);
    action.set_idempotency_key(context.idempotency_key());
    action.set_actor(caller.actor);
    action.set_reason(context.reason());
    journal_.record(action);

    receipt->set_action_id(actionId);
    receipt->set_idempotency_key(context.idempotency_key());
    proto_time::setMs(receipt->mutable_applied_at(), clock_.nowMs());
    receipt->set_actor(caller.actor);
    receipt->set_role(RolePermissions::name(caller.role));
    receipt->set_replayed(false);
}

grpc::Status IncidentStore::list(const v1::ListIncidentsRequest& request,
                                 v1::ListIncidentsResponse* response) const
{
    const v1::IncidentFilter& filter = request.filter();
    for (int i = 0; i < filter.severities_size(); ++i) {
        const int s = filter.severities(i);
        if (!v1::IncidentSeverity_IsValid(s) || s == v1::INCIDENT_SEVERITY_UNSPECIFIED) {
            const std::string field = "filter.severities[" + std::to_string(i) + "]";
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     field + " must be SEV1, SEV2, SEV3 or SEV4", "INVALID_VALUE",
                                     field);
        }
    }
    int64_t fromMs = std::numeric_limits<int64_t>::min();
    int64_t toMs = std::numeric_limits<int64_t>::max();
    if (filter.declared().has_start())
        fromMs = msOf(filter.declared().start());
    if (filter.declared().has_end())
        toMs = msOf(filter.declared().end());
    if (toMs <= fromMs) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "filter.declared.end must be after filter.declared.start",
                                 "INVALID_RANGE", "filter.declared.end");
    }
    int pageSize = 0;
    grpc::Status status =
        PageToken::pageSize(request.page().page_size(), kDefaultPageSize, kMaxPageSize, &pageSize);
    std::string cursor;
    if (status.ok())
        status =
            PageToken::decode(request.page().page_token(), PageToken::filtersOf(request), &cursor);
    if (!status.ok())
        return status;
    // The cursor is the last row sent: "<declared ms>:<id>".
    std::tuple<int64_t, std::string> after{std::numeric_limits<int64_t>::max(), ""};
    if (!cursor.empty()) {
        const size_t colon = cursor.find(':');
        bool ok = colon != std::string::npos && colon > 0;
        if (ok) {
            try {
                std::get<0>(after) = std::stoll(cursor.substr(0, colon));
            } catch (const std::exception&) {
                ok = false;
            }
        }
        if (!ok) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "page_token is not a token of this list", "INVALID_PAGE_TOKEN",
                                     "page.page_token");
        }
        std::get<1>(after) = cursor.substr(colon + 1);
    }

    std::lock_guard lock(mutex_);
    status = available();
    if (!status.ok())
        return status;
    std::vector<const v1::Incident*> matching;
    for (const auto& [id, record] : records_) {
        const v1::Incident& i = record.stored.incident;
        const int64_t declared = msOf(i.declared_at());
        if (filter.open_only() && i.status() == v1::INCIDENT_STATUS_RESOLVED)
            continue;
        if (declared < fromMs || declared >= toMs)
            continue;
        if (filter.severities_size() > 0 &&
            std::find(filter.severities().begin(), filter.severities().end(), i.severity()) ==
                filter.severities().end())
            continue;
        matching.push_back(&i);
    }
    // Newest first, ties by id ascending: a key that sorts ascending.
    const auto key = [](const v1::Incident& i) {
        return std::tuple<int64_t, std::string>(-msOf(i.declared_at()), i.id());
    };
    std::sort(matching.begin(), matching.end(),
              [&](const v1::Incident* a, const v1::Incident* b) { return key(*a) < key(*b); });
    auto it = matching.begin();
    if (!cursor.empty()) {
        const std::tuple<int64_t, std::string> last{-std::get<0>(after), std::get<1>(after)};
        it = std::upper_bound(matching.begin(), matching.end(), last,
                              [&](const auto& k, const v1::Incident* i) { return k < key(*i); });
    }
    for (; it != matching.end() && response->incidents_size() < pageSize; ++it)
        *response->add_incidents() = **it;
    if (it != matching.end() && response->incidents_size() > 0) {
        const v1::Incident& last = response->incidents(response->incidents_size() - 1);
        response->mutable_page()->set_next_page_token(
            PageToken::encode(std::to_string(msOf(last.declared_at())) + ":" + last.id(),
                              PageToken::filtersOf(request)));
    }
    response->mutable_page()->set_total_size(static_cast<int64_t>(matching.size()));
    proto_time::setMs(response->mutable_platform_time(), clock_.nowMs());
    response->set_stream_epoch(epoch_);
    response->set_up_to_sequence(log_.newest());
    return grpc::Status::OK;
}

grpc::Status IncidentStore::get(const v1::GetIncidentRequest& request,
                                v1::GetIncidentResponse* response) const
{
    std::lock_guard lock(mutex_);
    const Record* record = nullptr;
    const grpc::Status status = findIncident(request.incident_id(), "incident_id", &record);
    if (!status.ok())
        return status;
    *response->mutable_incident() = record->stored.incident;

    std::vector<const StoredEntry*> timeline;
    for (const StoredEntry& s : record->timeline)
        timeline.push_back(&s);
    std::stable_sort(timeline.begin(), timeline.end(), [](const auto* a, const auto* b) {
        return std::pair(msOf(a->entry.at()), a->position) <
               std::pair(msOf(b->entry.at()), b->position);
    });
    for (const StoredEntry* s : timeline)
        *response->add_timeline() = s->entry;

    std::vector<const StoredStatusUpdate*> updates;
    for (const StoredStatusUpdate& s : record->statusUpdates)
        updates.push_back(&s);
    std::stable_sort(updates.begin(), updates.end(), [](const auto* a, const auto* b) {
        return std::pair(msOf(a->update.at()), a->position) <
               std::pair(msOf(b->update.at()), b->position);
    });
    for (const StoredStatusUpdate* s : updates)
        *response->add_status_updates() = s->update;

    for (const std::string& key : incident_keys::sectionKeys()) {
        const auto it = record->sections.find(key);
        v1::PostmortemSection* section = response->add_postmortem_sections();
        if (it != record->sections.end()) {
            *section = it->second;
        } else {
            section->set_incident_id(record->stored.incident.id());
            section->set_key(key);
        }
    }
    for (const StoredItem& s : record->items) {
        if (!s.item.deleted())
            *response->add_action_items() = s.item;
    }
    proto_time::setMs(response->mutable_platform_time(), clock_.nowMs());
    response->set_stream_epoch(epoch_);
    response->set_up_to_sequence(log_.newest());
    return grpc::Status::OK;
}

uint64_t IncidentStore::newestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.newest();
}

uint64_t IncidentStore::oldestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.oldest();
}

void IncidentStore::eventsAfter(uint64_t after, size_t max,
                                std::vector<v1::IncidentEvent>* out) const
{
    std::lock_guard lock(mutex_);
    log_.after(after, max, out);
}

}  // namespace wfsim
