#include "recon_conversion.h"
#include "timestamp_conversion.h"

#include "watchfloor/v1/reconciliation.pb.h"

#include <algorithm>

namespace wf {

namespace v1 = watchfloor::v1;

namespace {

// At most `max` characters; invalid UTF-8 becomes U+FFFD.
QString text(const std::string& s, int max, bool* cut = nullptr)
{
    // Never decode more than we keep (four bytes a character at most).
    const size_t bytes = std::min(s.size(), size_t(max) * 4 + 4);
    QString out = QString::fromUtf8(s.data(), qsizetype(bytes));
    const bool tooLong = out.size() > max || bytes < s.size();
    if (tooLong) {
        out.truncate(max - 1);
        out += QChar(0x2026);
    }
    if (cut)
        *cut = tooLong;
    return out;
}

void addProblem(Mismatch& m, const QString& p)
{
    m.problem += (m.problem.isEmpty() ? QString() : QStringLiteral("; ")) + p;
}

}  // namespace

MismatchType toMismatchType(int t)
{
    return t >= 1 && t < kMismatchTypeCount ? MismatchType(t) : MismatchType::Unknown;
}

int toProtoType(MismatchType t)
{
    return int(t);  // the enums share their numbers
}

MismatchStatus toMismatchStatus(int s)
{
    return s >= 1 && s <= int(MismatchStatus::WrittenOff) ? MismatchStatus(s)
                                                          : MismatchStatus::Unknown;
}

int toProtoStatus(MismatchStatus s)
{
    return int(s);
}

ResolutionAction toResolutionAction(int a)
{
    return a >= 1 && a <= int(ResolutionAction::EscalateToProvider) ? ResolutionAction(a)
                                                                    : ResolutionAction::Unknown;
}

int toProtoAction(ResolutionAction a)
{
    return int(a);
}

int toProtoSort(MismatchSort s)
{
    return int(s);
}

Money toMoney(const v1::Money& m)
{
    return {m.amount_minor(), text(m.currency_code(), 8)};
}

QString moneyProblem(const Money& m, bool mustBePositive)
{
    if (!m.valid())
        return QStringLiteral("unknown currency code \"%1\"").arg(m.currency);
    if (m.minor > kMaxSaneMinor || m.minor < -kMaxSaneMinor)
        return QStringLiteral("amount out of range (%1 minor units)").arg(m.minor);
    if (mustBePositive && m.minor <= 0)
        return QStringLiteral("amount %1 is not positive").arg(m.format());
    return {};
}

Mismatch toMismatch(const v1::Mismatch& p)
{
    Mismatch m;
    m.id = text(p.id(), kMaxIdLength);
    m.rawType = p.type();
    m.type = toMismatchType(p.type());
    if (m.type == MismatchType::Unknown)
        addProblem(m, QStringLiteral("unknown mismatch type %1").arg(m.rawType));
    m.status = toMismatchStatus(p.status());
    m.providerId = text(p.provider_id(), kMaxIdLength);
    m.region = text(p.region(), kMaxIdLength);
    m.orderId = text(p.order_id(), kMaxIdLength);
    m.providerReference = text(p.provider_reference(), kMaxIdLength);
    m.amount = toMoney(p.amount());
    const QString amountProblem = moneyProblem(m.amount, true);
    if (!amountProblem.isEmpty())
        addProblem(m, amountProblem);
    m.detectedMs = timestampMs(p.detected_at());
    m.assignee = text(p.assignee(), kMaxIdLength);
    m.version = p.version();
    bool cut = false;
    m.summary = text(p.summary(), kMaxSummaryLength, &cut);
    if (cut)
        addProblem(m, QStringLiteral("summary cut to %1 characters (it had %2 bytes)")
                          .arg(kMaxSummaryLength)
                          .arg(p.summary().size()));
    m.pendingApprovalId = text(p.pending_approval_id(), kMaxIdLength);
    if (m.id.isEmpty())
        addProblem(m, QStringLiteral("no id"));
    return m;
}

MismatchDetail toMismatchDetail(const v1::MismatchDetail& d)
{
    MismatchDetail out;
    out.mismatch = toMismatch(d.mismatch());
    out.hasOrder = d.has_order();
    if (out.hasOrder) {
        out.orderId = text(d.order().order_id(), kMaxIdLength);
        out.orderAmount = toMoney(d.order().amount());
        out.orderCreatedMs = timestampMs(d.order().created_at());
    }
    for (const v1::ProviderTransaction& t : d.transactions()) {
        ProviderTransaction x;
        x.reference = text(t.provider_reference(), kMaxIdLength);
        x.kind =
            t.kind() >= 1 && t.kind() <= 5 ? TransactionKind(t.kind()) : TransactionKind::Unknown;
        x.amount = toMoney(t.amount());
        x.atMs = timestampMs(t.at());
        x.status = text(t.status(), 32);
        // Only ever the last four digits, whatever the server sent.
        const QString last4 = text(t.card_last4(), 32);
        x.cardLast4 = last4.right(4);
        out.transactions.append(x);
    }
    for (const v1::SettlementLine& s : d.settlement_lines()) {
        SettlementLine x;
        x.batchId = text(s.settlement_batch_id(), kMaxIdLength);
        x.reference = text(s.provider_reference(), kMaxIdLength);
        x.gross = toMoney(s.gross());
        x.fee = toMoney(s.fee());
        x.net = toMoney(s.net());
        x.settledMs = timestampMs(s.settled_at());
        out.settlement.append(x);
    }
    out.expected = toMoney(d.expected());
    out.observed = toMoney(d.observed());
    out.difference = toMoney(d.difference());
    for (int a : d.applicable_actions()) {
        const ResolutionAction r = toResolutionAction(a);
        if (r != ResolutionAction::Unknown)
            out.applicable.append(r);
    }
    for (const v1::MismatchNote& n : d.notes())
        out.notes.append(
            {text(n.author(), kMaxIdLength), text(n.text(), kMaxNoteLength), timestampMs(n.at())});
    // Amounts that cannot be compared are said to be so, not added up.
    if (out.expected.valid() && out.observed.valid() &&
        out.expected.currency != out.observed.currency &&
        out.mismatch.type != MismatchType::CurrencyMismatch)
        addProblem(out.mismatch, QStringLiteral("expected and observed amounts are in different "
                                                "currencies (%1, %2)")
                                     .arg(out.expected.currency, out.observed.currency));
    return out;
}

Approval toApproval(const v1::Approval& a)
{
    Approval out;
    out.id = text(a.id(), kMaxIdLength);
    out.mismatchId = text(a.mismatch_id(), kMaxIdLength);
    out.action = toResolutionAction(a.action());
    out.amount = toMoney(a.amount());
    out.requestedBy = text(a.requested_by(), kMaxIdLength);
    out.reason = text(a.reason(), kMaxNoteLength);
    out.requestedMs = timestampMs(a.requested_at());
    out.state =
        a.state() >= 1 && a.state() <= 3 ? ApprovalState(a.state()) : ApprovalState::Unknown;
    out.decidedBy = text(a.decided_by(), kMaxIdLength);
    out.decidedMs = timestampMs(a.decided_at());
    out.decisionReason = text(a.decision_reason(), kMaxNoteLength);
    out.mismatch = toMismatch(a.mismatch());
    return out;
}

MismatchSummary toSummary(const v1::SummarizeMismatchesResponse& r)
{
    MismatchSummary out;
    out.total = std::max<qint64>(0, r.total_count());
    out.platformMs = timestampMs(r.platform_time());
    for (const v1::TypeSummary& t : r.types()) {
        TypeSummary s;
        s.type = toMismatchType(t.type());
        s.count = std::max<qint64>(0, t.count());
        for (const v1::Money& m : t.totals()) {
            const Money money = toMoney(m);
            if (moneyProblem(money, false).isEmpty())
                s.totals.append(money);
        }
        out.types.append(s);
    }
    return out;
}

void fillFilter(const MismatchFilter& f, v1::MismatchFilter* out)
{
    for (MismatchType t : f.types)
        out->add_types(v1::MismatchType(toProtoType(t)));
    for (MismatchStatus s : f.statuses)
        out->add_statuses(v1::MismatchStatus(toProtoStatus(s)));
    for (const QString& p : f.providerIds)
        out->add_provider_ids(p.toStdString());
    for (const QString& r : f.regions)
        out->add_regions(r.toStdString());
    for (const QString& c : f.currencies)
        out->add_currency_codes(c.toStdString());
    out->set_min_amount_minor(f.minAmountMinor);
    out->set_max_amount_minor(f.maxAmountMinor);
    out->set_min_age_seconds(f.minAgeSeconds);
    out->set_max_age_seconds(f.maxAgeSeconds);
    out->set_assignee(f.assignee.toStdString());
    out->set_text(f.text.toStdString());
}

}  // namespace wf
