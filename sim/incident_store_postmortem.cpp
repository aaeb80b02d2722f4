// IncidentStore: the postmortem sections (with the visible conflict) and the
// action items.
#include "error_status.h"
#include "incident_checks.h"
#include "incident_keys.h"
#include "incident_store.h"
#include "proto_time.h"

#include <google/protobuf/util/message_differencer.h>
#include <QDateTime>
#include <QTimeZone>

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

// "2026-11-25 12:03 UTC", as the console's store says it.
std::string words(const google::protobuf::Timestamp& ts)
{
    return utc(ts).toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString() + " UTC";
}

// At most `max` bytes of `text`, never cutting a UTF-8 character in two.
std::string cut(const std::string& text, size_t max)
{
    if (text.size() <= max)
        return text;
    size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

// What an upsert may change, without what the platform sets.
v1::ActionItem editable(const v1::ActionItem& a)
{
    v1::ActionItem out = a;
    out.clear_created_at();
    out.clear_updated_at();
    out.clear_updated_by();
    out.clear_revision();
    out.clear_deleted();
    return out;
}

grpc::Status staleItem(const v1::ActionItem& stored, int64_t expected)
{
    return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                             "the action item was changed by " + stored.updated_by() + " at " +
                                 words(stored.updated_at()) + " since you loaded it (revision " +
                                 std::to_string(stored.revision()) + " is stored, you had " +
                                 std::to_string(expected) + "): nothing was changed",
                             "STALE_REVISION", "expected_revision",
                             {{"current_revision", std::to_string(stored.revision())},
                              {"updated_by", stored.updated_by()},
                              {"updated_at", rfc3339(stored.updated_at())}});
}

grpc::Status deletedItem(const v1::ActionItem& stored)
{
    return ErrorStatus::make(
        grpc::StatusCode::FAILED_PRECONDITION,
        "the action item was deleted by " + stored.updated_by() + " at " +
            words(stored.updated_at()),
        "ACTION_ITEM_DELETED", "item.id",
        {{"updated_by", stored.updated_by()}, {"updated_at", rfc3339(stored.updated_at())}});
}

}  // namespace

grpc::Status IncidentStore::saveSection(const Caller& caller,
                                        const v1::SavePostmortemSectionRequest& request,
                                        v1::SavePostmortemSectionResponse* response)
{
    const std::string& key = request.section_key();
    if (!keys::isSectionKey(key)) {
        std::string allowed;
        for (const std::string& k : keys::sectionKeys())
            allowed += (allowed.empty() ? "" : ", ") + k;
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "unknown postmortem section \"" + key + "\"; known: " + allowed,
                                 "UNKNOWN_SECTION", "section_key", {{"allowed", allowed}});
    }
    grpc::Status status =
        IncidentChecks::length(request.text(), IncidentChecks::kMaxSectionBytes, "text");
    if (!status.ok())
        return status;

    std::lock_guard lock(mutex_);
    Record* record = nullptr;
    status = findIncident(request.incident_id(), "incident_id", &record);
    if (!status.ok())
        return status;
    const std::string& id = record->stored.incident.id();
    v1::PostmortemSection stored;
    stored.set_incident_id(id);
    stored.set_key(key);
    if (const auto it = record->sections.find(key); it != record->sections.end())
        stored = it->second;
    const std::string target = id + "/" + key;
    if (stored.text() == request.text()) {
        // Nothing to write, whoever wrote it: no new revision, no conflict.
        *response->mutable_section() = stored;
        response->set_unchanged(true);
        applied(caller, request.context(), journal_.allocateId(), "incident.postmortem.save",
                target + " (unchanged)", response->mutable_receipt());
        return grpc::Status::OK;
    }
    if (stored.revision() != request.expected_revision()) {
        const std::string shown = cut(stored.text(), kConflictTextBytes);
        const std::string by = stored.updated_by().empty() ? "someone else" : stored.updated_by();
        return ErrorStatus::make(
            grpc::StatusCode::FAILED_PRECONDITION,
            keys::sectionName(key) + " was saved by " + by + " at " + words(stored.updated_at()) +
                " since you started editing it (revision " + std::to_string(stored.revision()) +
                " is stored, you had " + std::to_string(request.expected_revision()) +
                "): your text was not saved.",
            "SECTION_CONFLICT", "expected_revision",
            {{"section_key", key},
             {"current_revision", std::to_string(stored.revision())},
             {"current_text", shown},
             {"current_text_truncated", shown.size() < stored.text().size() ? "true" : "false"},
             {"updated_by", stored.updated_by()},
             {"updated_at", rfc3339(stored.updated_at())}});
    }
    v1::PostmortemSection saved = stored;
    saved.set_text(request.text());
    saved.set_revision(stored.revision() + 1);
    proto_time::setMs(saved.mutable_updated_at(), clock_.nowMs());
    saved.set_updated_by(caller.actor);
    IncidentRows rows;
    rows.sections.push_back(saved);
    status = persist(rows);
    if (!status.ok())
        return status;
    apply(rows);
    *response->mutable_section() = saved;
    applied(caller, request.context(), journal_.allocateId(), "incident.postmortem.save",
            target + " r" + std::to_string(saved.revision()), response->mutable_receipt());
    return grpc::Status::OK;
}

grpc::Status IncidentStore::upsertItem(const Caller& caller,
                                       const v1::UpsertActionItemRequest& request,
                                       v1::UpsertActionItemResponse* response)
{
    std::string id;
    grpc::Status status = IncidentChecks::id(request.incident_id(), "incident_id", &id);
    v1::ActionItem item;
    if (status.ok())
        status = IncidentChecks::actionItem(request.item(), id, &item);
    if (!status.ok())
        return status;

    std::lock_guard lock(mutex_);
    Record* record = nullptr;
    status = findIncident(id, "incident_id", &record);
    if (!status.ok())
        return status;
    const int64_t nowMs = clock_.nowMs();
    StoredItem saved{item, 0};
    const auto it = items_.find(item.id());
    if (it == items_.end()) {
        if (request.expected_revision() != 0) {
            return ErrorStatus::make(grpc::StatusCode::NOT_FOUND,
                                     "incident " + id + " has no action item " + item.id() +
                                         " (expected_revision 0 creates it)",
                                     "ACTION_ITEM_NOT_FOUND", "item.id");
        }
        proto_time::setMs(saved.item.mutable_created_at(), nowMs);
        saved.item.set_revision(1);
        saved.position = ++lastPosition_;
    } else {
        const StoredItem& stored = records_.at(it->second.incidentId).items[it->second.index];
        if (stored.item.incident_id() != id) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "action item " + item.id() + " belongs to another incident",
                                     "INVALID_VALUE", "item.id");
        }
        if (stored.item.deleted())
            return deletedItem(stored.item);
        if (google::protobuf::util::MessageDifferencer::Equals(editable(stored.item), item)) {
            *response->mutable_item() = stored.item;
            response->set_unchanged(true);
            applied(caller, request.context(), journal_.allocateId(), "incident.action_item.upsert",
                    id + "/" + item.id() + " (unchanged)", response->mutable_receipt());
            return grpc::Status::OK;
        }
        if (stored.item.revision() != request.expected_revision())
            return staleItem(stored.item, request.expected_revision());
        *saved.item.mutable_created_at() = stored.item.created_at();
        saved.item.set_revision(stored.item.revision() + 1);
        saved.position = stored.position;
    }
    proto_time::setMs(saved.item.mutable_updated_at(), nowMs);
    saved.item.set_updated_by(caller.actor);
    IncidentRows rows;
    rows.items.push_back(saved);
    status = persist(rows);
    if (!status.ok())
        return status;
    apply(rows);
    *response->mutable_item() = saved.item;
    applied(caller, request.context(), journal_.allocateId(), "incident.action_item.upsert",
            id + "/" + item.id() + " r" + std::to_string(saved.item.revision()),
            response->mutable_receipt());
    return grpc::Status::OK;
}

grpc::Status IncidentStore::deleteItem(const Caller& caller,
                                       const v1::DeleteActionItemRequest& request,
                                       v1::DeleteActionItemResponse* response)
{
    std::string itemId;
    grpc::Status status = IncidentChecks::id(request.item_id(), "item_id", &itemId);
    if (!status.ok())
        return status;
    std::lock_guard lock(mutex_);
    Record* record = nullptr;
    status = findIncident(request.incident_id(), "incident_id", &record);
    if (!status.ok())
        return status;
    const std::string& id = record->stored.incident.id();
    const auto it = items_.find(itemId);
    if (it == items_.end() || it->second.incidentId != id) {
        return ErrorStatus::make(grpc::StatusCode::NOT_FOUND,
                                 "incident " + id + " has no action item " + itemId,
                                 "ACTION_ITEM_NOT_FOUND", "item_id");
    }
    StoredItem stored = record->items[it->second.index];
    if (stored.item.deleted()) {
        *response->mutable_item() = stored.item;
        response->set_already_deleted(true);
        applied(caller, request.context(), journal_.allocateId(), "incident.action_item.delete",
                id + "/" + itemId + " (already deleted)", response->mutable_receipt());
        return grpc::Status::OK;
    }
    if (stored.item.revision() != request.expected_revision())
        return staleItem(stored.item, request.expected_revision());
    stored.item.set_deleted(true);
    stored.item.set_revision(stored.item.revision() + 1);
    proto_time::setMs(stored.item.mutable_updated_at(), clock_.nowMs());
    stored.item.set_updated_by(caller.actor);
    IncidentRows rows;
    rows.items.push_back(stored);
    status = persist(rows);
    if (!status.ok())
        return status;
    apply(rows);
    *response->mutable_item() = stored.item;
    applied(caller, request.context(), journal_.allocateId(), "incident.action_item.delete",
            id + "/" + itemId, response->mutable_receipt());
    return grpc::Status::OK;
}

}  // namespace wfsim
