#pragma once

// Reconciliation as the console sees it: mismatches between orders, provider
// transactions and settlements, the filter the server applies, the detail of
// one mismatch, approvals, and the stream's changes. Plain values, safe to
// pass between threads. Everything that came from outside was checked on
// the way in (see recon_conversion.h): a row that could not be trusted says
// why in `problem` instead of showing a wrong number.

#include "money.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace wf {

enum class MismatchType : quint8 {
    Unknown = 0,  // a type this console does not know: shown as unknown
    CapturedWithoutOrder,
    OrderWithoutCapture,
    AmountMismatch,
    CurrencyMismatch,
    DuplicateCapture,
    RefundNotSettled,
    SettledWithoutCapture,
    FeeDiscrepancy,
    ChargebackWithoutOrder,
};
constexpr int kMismatchTypeCount = 10;  // including Unknown
QString mismatchTypeName(MismatchType t);

enum class MismatchStatus : quint8 {
    Unknown = 0,
    Open,
    PendingApproval,
    Escalated,
    Resolved,
    WrittenOff
};
QString mismatchStatusName(MismatchStatus s);
bool isClosed(MismatchStatus s);  // resolved or written off
// "42 min", "5 h 3 min", "12 d 4 h".
QString mismatchAgeText(qint64 ageMs);

enum class ResolutionAction : quint8 {
    Unknown = 0,
    RetryCapture,
    VoidAuthorization,
    Refund,
    MarkMatched,
    CreateOrderRecord,
    WriteOff,
    EscalateToProvider,
};
QString resolutionActionName(ResolutionAction a);
bool movesMoney(ResolutionAction a);  // may need a second person's approval
bool needsNote(ResolutionAction a);   // mark matched, write off

enum class MismatchSort : quint8 {
    DetectedAt = 1,
    Amount,
    Type,
    Provider,
    Region,
    Status,
    OrderId
};

struct Mismatch {
    QString id;
    MismatchType type = MismatchType::Unknown;
    int rawType = 0;  // the number the server sent (for an unknown type)
    MismatchStatus status = MismatchStatus::Unknown;
    QString providerId;
    QString region;
    QString orderId;
    QString providerReference;
    Money amount;
    qint64 detectedMs = 0;
    QString assignee;
    qint64 version = 0;
    QString summary;
    QString pendingApprovalId;
    QString problem;  // non-empty: what was wrong with the row as received
};

// The server-side filter (empty lists and zero bounds mean "any").
struct MismatchFilter {
    QVector<MismatchType> types;
    QVector<MismatchStatus> statuses;  // empty: open, pending approval, escalated
    QStringList providerIds;
    QStringList regions;
    QStringList currencies;
    qint64 minAmountMinor = 0;
    qint64 maxAmountMinor = 0;
    qint64 minAgeSeconds = 0;
    qint64 maxAgeSeconds = 0;
    QString assignee;  // "" any, "-" unassigned
    QString text;      // order id or provider reference, case-insensitive substring

    static constexpr int kMaxTextLength = 128;
    // The same rule the server applies, for updating counts between fetches.
    bool matches(const Mismatch& m, qint64 nowMs, bool ignoreTypes = false) const;
    // "" when the server will accept it; otherwise why not, in words.
    QString validate() const;
    bool operator==(const MismatchFilter& o) const = default;
};

struct MismatchPage {
    quint64 generation = 0;  // the query it answers (the model's counter)
    qint64 offset = 0;
    qint64 total = 0;
    QVector<Mismatch> rows;
    qint64 platformMs = 0;
    QString epoch;
    quint64 upToSequence = 0;
};

struct TypeSummary {
    MismatchType type = MismatchType::Unknown;
    qint64 count = 0;
    QVector<Money> totals;  // one per currency
};

struct MismatchSummary {
    quint64 generation = 0;
    QVector<TypeSummary> types;
    qint64 total = 0;
    qint64 platformMs = 0;
};

enum class TransactionKind : quint8 {
    Unknown = 0,
    Authorization,
    Capture,
    Refund,
    Chargeback,
    Void
};
QString transactionKindName(TransactionKind k);

struct ProviderTransaction {
    QString reference;
    TransactionKind kind = TransactionKind::Unknown;
    Money amount;
    qint64 atMs = 0;
    QString status;
    QString cardLast4;
};

struct SettlementLine {
    QString batchId;
    QString reference;
    Money gross, fee, net;
    qint64 settledMs = 0;
};

struct MismatchNote {
    QString author;
    QString text;
    qint64 atMs = 0;
};

struct MismatchDetail {
    Mismatch mismatch;
    bool hasOrder = false;
    QString orderId;
    Money orderAmount;
    qint64 orderCreatedMs = 0;
    QVector<ProviderTransaction> transactions;
    QVector<SettlementLine> settlement;
    Money expected, observed, difference;
    QVector<ResolutionAction> applicable;
    QVector<MismatchNote> notes;
};

enum class ApprovalState : quint8 { Unknown = 0, Pending, Approved, Rejected };
QString approvalStateName(ApprovalState s);

struct Approval {
    QString id;
    QString mismatchId;
    ResolutionAction action = ResolutionAction::Unknown;
    Money amount;
    QString requestedBy;
    QString reason;
    qint64 requestedMs = 0;
    ApprovalState state = ApprovalState::Unknown;
    QString decidedBy;
    qint64 decidedMs = 0;
    QString decisionReason;
    Mismatch mismatch;
};

struct MismatchChange {
    enum class Kind : quint8 { Created, Updated, Resolved };
    Kind kind = Kind::Updated;
    quint64 sequence = 0;
    Mismatch row;
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::Mismatch)
Q_DECLARE_METATYPE(wf::MismatchPage)
Q_DECLARE_METATYPE(wf::MismatchSummary)
Q_DECLARE_METATYPE(wf::MismatchDetail)
Q_DECLARE_METATYPE(wf::Approval)
Q_DECLARE_METATYPE(QVector<wf::Approval>)
