// ReconStore's state-changing calls: assign, resolve (or hold for
// approval) and decide on an approval.

#include "error_status.h"
#include "proto_time.h"
#include "recon_actions.h"
#include "recon_money.h"
#include "recon_store.h"
#include "role_permissions.h"

#include <algorithm>
#include <cctype>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

using Code = grpc::StatusCode;

const char* statusWord(int status)
{
    switch (status) {
        case v1::MISMATCH_STATUS_OPEN: return "open";
        case v1::MISMATCH_STATUS_PENDING_APPROVAL: return "pending approval";
        case v1::MISMATCH_STATUS_ESCALATED: return "escalated";
        case v1::MISMATCH_STATUS_RESOLVED: return "resolved";
        case v1::MISMATCH_STATUS_WRITTEN_OFF: return "written off";
        default: return "unknown";
    }
}

bool closed(int status)
{
    return status == v1::MISMATCH_STATUS_RESOLVED || status == v1::MISMATCH_STATUS_WRITTEN_OFF;
}

bool blank(const std::string& text)
{
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isspace(c) != 0; });
}

std::string actionText(v1::ResolutionAction action, const v1::Money& amount)
{
    std::string text = ReconActions::slug(action);
    const int currency = ReconMoney::index(amount.currency_code());
    if (currency >= 0 && ReconActions::movesMoney(action))
        text += " " + ReconMoney::text(amount.amount_minor(), currency);
    return text;
}

}  // namespace

grpc::Status ReconStore::checkVersion(uint32_t index, int64_t expected) const
{
    const ReconRow& row = table_.rows()[index];
    if (expected == static_cast<int64_t>(row.version))
        return grpc::Status::OK;
    const std::string id = ReconGenerator::mismatchId(index);
    return ErrorStatus::make(
        Code::FAILED_PRECONDITION,
        "mismatch " + id + " changed since you saw it (version " + std::to_string(expected) +
            ", now " + std::to_string(row.version) + ", " + statusWord(row.status) +
            (row.assignee ? ", assigned to " + table_.assigneeName(row.assignee) : "") +
            "): look again before changing it",
        "STALE_VERSION", "expected_version",
        {{"current_version", std::to_string(row.version)},
         {"current_status", v1::MismatchStatus_Name(static_cast<v1::MismatchStatus>(row.status))},
         {"current_assignee", table_.assigneeName(row.assignee)}});
}

void ReconStore::changed(uint32_t index, ReconRow row)
{
    ++row.version;
    table_.update(index, row);
    LogEntry entry;
    entry.index = index;
    entry.kind =
        closed(row.status) ? v1::MISMATCH_EVENT_KIND_RESOLVED : v1::MISMATCH_EVENT_KIND_UPDATED;
    entry.row = row;
    log_.append(entry);
}

void ReconStore::note(uint32_t index, const Caller& caller, const std::string& text,
                      const std::string& actionId, int64_t nowMs)
{
    if (blank(text))
        return;
    v1::MismatchNote note;
    note.set_author(caller.actor);
    note.set_text(text);
    proto_time::setMs(note.mutable_at(), nowMs);
    note.set_action_id(actionId);
    extras_[index].notes.push_back(std::move(note));
}

void ReconStore::record(const Caller& caller, const v1::ActionContext& context,
                        const std::string& actionId, const char* kind, const std::string& target,
                        int64_t nowMs, v1::ActionReceipt* receipt)
{
    v1::AppliedAction applied;
    applied.set_action_id(actionId);
    applied.set_kind(kind);
    applied.set_target(target);
    applied.set_idempotency_key(context.idempotency_key());
    applied.set_actor(caller.actor);
    applied.set_reason(context.reason());
    journal_.record(applied);

    receipt->set_action_id(actionId);
    receipt->set_idempotency_key(context.idempotency_key());
    proto_time::setMs(receipt->mutable_applied_at(), nowMs);
    receipt->set_actor(caller.actor);
    receipt->set_role(RolePermissions::name(caller.role));
    receipt->set_replayed(false);
}

grpc::Status ReconStore::assign(const Caller& caller, const v1::AssignMismatchRequest& request,
                                v1::AssignMismatchResponse* response)
{
    const std::string& assignee = request.assignee();
    if (assignee == "-" || assignee.size() > 128 || (!assignee.empty() && blank(assignee))) {
        return ErrorStatus::make(Code::INVALID_ARGUMENT,
                                 "assignee must be a name of at most 128 characters (\"\" to "
                                 "unassign; \"-\" only filters)",
                                 "INVALID_VALUE", "assignee");
    }
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    uint32_t index = 0;
    grpc::Status status = find(request.mismatch_id(), &index);
    if (status.ok())
        status = checkVersion(index, request.expected_version());
    if (!status.ok())
        return status;
    ReconRow row = table_.rows()[index];
    if (closed(row.status)) {
        return ErrorStatus::make(Code::FAILED_PRECONDITION,
                                 request.mismatch_id() + " is already " + statusWord(row.status),
                                 "ALREADY_RESOLVED", "mismatch_id");
    }
    const std::string actionId = journal_.allocateId();
    row.assignee = table_.assigneeId(assignee);
    changed(index, row);
    record(caller, request.context(), actionId, "recon.assign",
           request.mismatch_id() + " -> " + (assignee.empty() ? "nobody" : assignee), nowMs,
           response->mutable_receipt());
    *response->mutable_mismatch() = mismatchOf(index);
    return grpc::Status::OK;
}

grpc::Status ReconStore::resolve(const Caller& caller, const v1::ResolveMismatchRequest& request,
                                 v1::ResolveMismatchResponse* response)
{
    const v1::ResolutionAction action = request.action();
    if (action == v1::RESOLUTION_ACTION_UNSPECIFIED || !v1::ResolutionAction_IsValid(action)) {
        return ErrorStatus::make(
            Code::INVALID_ARGUMENT,
            "action: not a resolution action (" + std::to_string(static_cast<int>(action)) + ")",
            "INVALID_VALUE", "action");
    }
    if (request.note().size() > static_cast<size_t>(kMaxNoteLength)) {
        return ErrorStatus::make(Code::INVALID_ARGUMENT,
                                 "note: at most " + std::to_string(kMaxNoteLength) + " characters",
                                 "INVALID_VALUE", "note");
    }
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    uint32_t index = 0;
    grpc::Status status = find(request.mismatch_id(), &index);
    if (status.ok())
        status = checkVersion(index, request.expected_version());
    if (!status.ok())
        return status;
    ReconRow row = table_.rows()[index];
    const std::string& id = request.mismatch_id();
    if (closed(row.status)) {
        return ErrorStatus::make(Code::FAILED_PRECONDITION,
                                 id + " is already " + statusWord(row.status), "ALREADY_RESOLVED",
                                 "mismatch_id");
    }
    if (row.status == v1::MISMATCH_STATUS_PENDING_APPROVAL) {
        const std::string approval = ApprovalBook::idOf(row.approval - 1);
        return ErrorStatus::make(Code::FAILED_PRECONDITION,
                                 id + " waits for approval " + approval + " first",
                                 "PENDING_APPROVAL", "mismatch_id", {{"approval_id", approval}});
    }
    const ReconFacts facts = generator_.facts(index, row);
    const std::vector<ReconActions::Action> allowed = ReconActions::applicable(row, facts);
    if (std::find(allowed.begin(), allowed.end(), action) == allowed.end()) {
        return ErrorStatus::make(
            Code::FAILED_PRECONDITION,
            ReconActions::slug(action) + " does not apply to " + id + " (" +
                v1::MismatchType_Name(static_cast<v1::MismatchType>(row.type)) + ", " +
                statusWord(row.status) + "); applicable: " + ReconActions::names(allowed),
            "ACTION_NOT_APPLICABLE", "action",
            {{"applicable_actions", ReconActions::names(allowed)}});
    }
    if (ReconActions::needsNote(action) && blank(request.note())) {
        return ErrorStatus::make(
            Code::INVALID_ARGUMENT,
            "note is required for " + ReconActions::slug(action) + ": say why, for the next person",
            "MISSING_FIELD", "note");
    }
    const v1::MismatchDetail detail = detailOf(index);
    v1::Money amount;
    status = ReconActions::amountOf(request, row, detail, &amount);
    if (!status.ok())
        return status;

    const std::string actionId = journal_.allocateId();
    note(index, caller, request.note(), actionId, nowMs);
    const int currency = ReconMoney::index(amount.currency_code());
    if (ReconActions::movesMoney(action) &&
        amount.amount_minor() >= ReconMoney::threshold(settings_.thresholdMinor, currency)) {
        ApprovalRecord held;
        held.mismatch = index;
        held.request = request;
        held.requesterRole = RolePermissions::name(caller.role);
        v1::Approval& a = held.approval;
        a.set_mismatch_id(id);
        a.set_action(action);
        *a.mutable_amount() = amount;
        a.set_requested_by(caller.actor);
        a.set_reason(request.context().reason());
        proto_time::setMs(a.mutable_requested_at(), nowMs);
        a.set_state(v1::APPROVAL_STATE_PENDING);
        const uint32_t approval = approvals_.add(std::move(held));
        row.status = v1::MISMATCH_STATUS_PENDING_APPROVAL;
        row.approval = approval + 1;
        changed(index, row);
        record(caller, request.context(), actionId, "recon.approval.request",
               id + " " + actionText(action, amount) + " (" + ApprovalBook::idOf(approval) + ")",
               nowMs, response->mutable_receipt());
        *response->mutable_mismatch() = mismatchOf(index);
        *response->mutable_approval() = approvals_.at(approval).approval;
        fillApproval(approvals_.at(approval), response->mutable_approval());
        return grpc::Status::OK;
    }
    ReconActions::apply(action, generator_, index, facts, detail, amount, nowMs, &row,
                        &extras_[index]);
    changed(index, row);
    record(caller, request.context(), actionId, "recon.resolve",
           id + " " + actionText(action, amount), nowMs, response->mutable_receipt());
    *response->mutable_mismatch() = mismatchOf(index);
    return grpc::Status::OK;
}

grpc::Status ReconStore::decide(const Caller& caller, const v1::DecideApprovalRequest& request,
                                v1::DecideApprovalResponse* response)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    const int64_t found = approvals_.find(request.approval_id());
    if (found < 0) {
        return ErrorStatus::make(Code::NOT_FOUND, "no approval \"" + request.approval_id() + "\"",
                                 "APPROVAL_NOT_FOUND", "approval_id");
    }
    const uint32_t approval = static_cast<uint32_t>(found);
    ApprovalRecord& held = approvals_.at(approval);
    v1::Approval& a = held.approval;
    if (a.requested_by() == caller.actor) {
        return ErrorStatus::make(Code::PERMISSION_DENIED,
                                 caller.actor + " requested " + a.id() +
                                     " and may not decide on it: a second person must",
                                 "SELF_APPROVAL", "approval_id",
                                 {{"requested_by", a.requested_by()}});
    }
    if (a.state() != v1::APPROVAL_STATE_PENDING) {
        const bool approved = a.state() == v1::APPROVAL_STATE_APPROVED;
        return ErrorStatus::make(
            Code::FAILED_PRECONDITION,
            a.id() + " was already " + (approved ? "approved" : "rejected") + " by " +
                a.decided_by(),
            "ALREADY_DECIDED", "approval_id",
            {{"state", v1::ApprovalState_Name(a.state())}, {"decided_by", a.decided_by()}});
    }
    const uint32_t index = held.mismatch;
    ReconRow row = table_.rows()[index];
    const std::string actionId = journal_.allocateId();
    a.set_state(request.approve() ? v1::APPROVAL_STATE_APPROVED : v1::APPROVAL_STATE_REJECTED);
    a.set_decided_by(caller.actor);
    proto_time::setMs(a.mutable_decided_at(), nowMs);
    a.set_decision_reason(request.context().reason());
    row.approval = 0;
    if (request.approve()) {
        const ReconFacts facts = generator_.facts(index, row);
        const v1::MismatchDetail detail = detailOf(index);
        ReconActions::apply(a.action(), generator_, index, facts, detail, a.amount(), nowMs, &row,
                            &extras_[index]);
    } else {
        row.status = v1::MISMATCH_STATUS_OPEN;
    }
    note(index, caller,
         std::string(request.approve() ? "approved: " : "rejected: ") + request.context().reason(),
         actionId, nowMs);
    changed(index, row);
    record(caller, request.context(), actionId,
           request.approve() ? "recon.approval.approve" : "recon.approval.reject",
           a.id() + ": " + a.mismatch_id() + " " + actionText(a.action(), a.amount()), nowMs,
           response->mutable_receipt());
    *response->mutable_approval() = a;
    fillApproval(held, response->mutable_approval());
    return grpc::Status::OK;
}

}  // namespace wfsim
