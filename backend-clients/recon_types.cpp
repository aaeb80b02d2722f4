#include "recon_types.h"

#include <algorithm>
#include <cstdlib>

namespace wf {

QString mismatchTypeName(MismatchType t)
{
    switch (t) {
        case MismatchType::CapturedWithoutOrder: return QStringLiteral("Captured without an order");
        case MismatchType::OrderWithoutCapture: return QStringLiteral("Order without a capture");
        case MismatchType::AmountMismatch: return QStringLiteral("Amount mismatch");
        case MismatchType::CurrencyMismatch: return QStringLiteral("Currency mismatch");
        case MismatchType::DuplicateCapture: return QStringLiteral("Duplicate capture");
        case MismatchType::RefundNotSettled: return QStringLiteral("Refund not settled");
        case MismatchType::SettledWithoutCapture:
            return QStringLiteral("Settled without a capture");
        case MismatchType::FeeDiscrepancy: return QStringLiteral("Fee discrepancy");
        case MismatchType::ChargebackWithoutOrder:
            return QStringLiteral("Chargeback without an order");
        case MismatchType::Unknown: break;
    }
    return QStringLiteral("Unknown type");
}

QString mismatchStatusName(MismatchStatus s)
{
    switch (s) {
        case MismatchStatus::Open: return QStringLiteral("Open");
        case MismatchStatus::PendingApproval: return QStringLiteral("Waiting for approval");
        case MismatchStatus::Escalated: return QStringLiteral("Escalated to provider");
        case MismatchStatus::Resolved: return QStringLiteral("Resolved");
        case MismatchStatus::WrittenOff: return QStringLiteral("Written off");
        case MismatchStatus::Unknown: break;
    }
    return QStringLiteral("Unknown");
}

bool isClosed(MismatchStatus s)
{
    return s == MismatchStatus::Resolved || s == MismatchStatus::WrittenOff;
}

QString mismatchAgeText(qint64 ms)
{
    const qint64 minutes = std::max<qint64>(0, ms / 60000);
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return QStringLiteral("%1 h %2 min").arg(hours).arg(minutes % 60);
    return QStringLiteral("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString resolutionActionName(ResolutionAction a)
{
    switch (a) {
        case ResolutionAction::RetryCapture: return QStringLiteral("Retry capture");
        case ResolutionAction::VoidAuthorization: return QStringLiteral("Void authorization");
        case ResolutionAction::Refund: return QStringLiteral("Refund");
        case ResolutionAction::MarkMatched: return QStringLiteral("Mark matched");
        case ResolutionAction::CreateOrderRecord: return QStringLiteral("Create order record");
        case ResolutionAction::WriteOff: return QStringLiteral("Write off");
        case ResolutionAction::EscalateToProvider: return QStringLiteral("Escalate to provider");
        case ResolutionAction::Unknown: break;
    }
    return QStringLiteral("Unknown action");
}

bool movesMoney(ResolutionAction a)
{
    return a == ResolutionAction::RetryCapture || a == ResolutionAction::Refund ||
           a == ResolutionAction::WriteOff;
}

bool needsNote(ResolutionAction a)
{
    return a == ResolutionAction::MarkMatched || a == ResolutionAction::WriteOff;
}

QString transactionKindName(TransactionKind k)
{
    switch (k) {
        case TransactionKind::Authorization: return QStringLiteral("Authorization");
        case TransactionKind::Capture: return QStringLiteral("Capture");
        case TransactionKind::Refund: return QStringLiteral("Refund");
        case TransactionKind::Chargeback: return QStringLiteral("Chargeback");
        case TransactionKind::Void: return QStringLiteral("Void");
        case TransactionKind::Unknown: break;
    }
    return QStringLiteral("Unknown");
}

QString approvalStateName(ApprovalState s)
{
    switch (s) {
        case ApprovalState::Pending: return QStringLiteral("Waiting");
        case ApprovalState::Approved: return QStringLiteral("Approved");
        case ApprovalState::Rejected: return QStringLiteral("Rejected");
        case ApprovalState::Unknown: break;
    }
    return QStringLiteral("Unknown");
}

bool MismatchFilter::matches(const Mismatch& m, qint64 nowMs, bool ignoreTypes) const
{
    if (!ignoreTypes && !types.isEmpty() && !types.contains(m.type))
        return false;
    if (statuses.isEmpty()) {
        if (m.status != MismatchStatus::Open && m.status != MismatchStatus::PendingApproval &&
            m.status != MismatchStatus::Escalated)
            return false;
    } else if (!statuses.contains(m.status)) {
        return false;
    }
    if (!providerIds.isEmpty() && !providerIds.contains(m.providerId))
        return false;
    if (!regions.isEmpty() && !regions.contains(m.region))
        return false;
    if (!currencies.isEmpty() && !currencies.contains(m.amount.currency))
        return false;
    if (minAmountMinor > 0 && m.amount.minor < minAmountMinor)
        return false;
    if (maxAmountMinor > 0 && m.amount.minor > maxAmountMinor)
        return false;
    const qint64 ageSeconds = (nowMs - m.detectedMs) / 1000;
    if (minAgeSeconds > 0 && ageSeconds < minAgeSeconds)
        return false;
    if (maxAgeSeconds > 0 && ageSeconds > maxAgeSeconds)
        return false;
    if (assignee == QStringLiteral("-") ? !m.assignee.isEmpty()
                                        : !assignee.isEmpty() && m.assignee != assignee)
        return false;
    if (!text.isEmpty() && !m.orderId.contains(text, Qt::CaseInsensitive) &&
        !m.providerReference.contains(text, Qt::CaseInsensitive))
        return false;
    return true;
}

QString MismatchFilter::validate() const
{
    if (text.size() > kMaxTextLength)
        return QStringLiteral("The search text is %1 characters long; at most %2 are allowed.")
            .arg(text.size())
            .arg(kMaxTextLength);
    if (minAmountMinor < 0 || maxAmountMinor < 0)
        return QStringLiteral("Amounts in a filter cannot be negative.");
    if (maxAmountMinor > 0 && minAmountMinor > maxAmountMinor)
        return QStringLiteral("The lowest amount is above the highest.");
    if (minAgeSeconds < 0 || maxAgeSeconds < 0)
        return QStringLiteral("Ages in a filter cannot be negative.");
    if (maxAgeSeconds > 0 && minAgeSeconds > maxAgeSeconds)
        return QStringLiteral("The youngest age is above the oldest.");
    return {};
}

}  // namespace wf
