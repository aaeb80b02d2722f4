#include "recon_detail.h"

#include "journey_catalog.h"
#include "proto_time.h"
#include "recon_money.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr uint64_t kSecondCaptureSalt = 2;
constexpr uint64_t kRefundSalt = 3;

const JourneyCatalog& regions()
{
    static const JourneyCatalog kCatalog;
    return kCatalog;
}

const char* providerShortName(int provider)
{
    return provider == 0 ? "acme" : "globex";
}

void setMoney(v1::Money* out, int64_t amountMinor, int currency)
{
    *out = ReconMoney::money(amountMinor, currency);
}

}  // namespace

std::string ReconDetail::dateText(int64_t seconds)
{
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    const int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char text[64];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day));
    return text;
}

std::string ReconDetail::summary(const ReconRow& row, const ReconFacts& f)
{
    const int cur = row.currency;
    const std::string order = ReconMoney::text(f.orderAmount, cur);
    const std::string provider = ReconGenerator::providerIds()[row.provider];
    switch (row.type) {
        case v1::MISMATCH_TYPE_CAPTURED_WITHOUT_ORDER:
            return "captured " + ReconMoney::text(f.capturedAmount, f.captureCurrency) +
                   " with no order";
        case v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE:
            return "authorized " + order + " for the order, never captured" +
                   (f.captureFailed ? " (a capture attempt failed)" : "");
        case v1::MISMATCH_TYPE_AMOUNT_MISMATCH:
            return "captured " + ReconMoney::text(f.capturedAmount, f.captureCurrency) +
                   ", order says " + order;
        case v1::MISMATCH_TYPE_CURRENCY_MISMATCH:
            return "captured " + ReconMoney::text(f.capturedAmount, f.captureCurrency) +
                   ", order is " + order;
        case v1::MISMATCH_TYPE_DUPLICATE_CAPTURE:
            return "captured " + ReconMoney::text(f.capturedAmount, f.captureCurrency) +
                   " twice for one order";
        case v1::MISMATCH_TYPE_REFUND_NOT_SETTLED:
            return "refunded " + ReconMoney::text(f.refundAmount, cur) + " on " +
                   dateText(f.refundedAt) + ", in no settlement since";
        case v1::MISMATCH_TYPE_SETTLED_WITHOUT_CAPTURE:
            return "settled " + ReconMoney::text(f.settledGross, f.captureCurrency) + ", but " +
                   provider + " has no capture";
        case v1::MISMATCH_TYPE_FEE_DISCREPANCY:
            return "fee " + ReconMoney::text(f.chargedFee, f.captureCurrency) + " on " +
                   ReconMoney::text(f.settledGross, f.captureCurrency) + ", contract says " +
                   ReconMoney::text(f.contractedFee, f.captureCurrency);
        case v1::MISMATCH_TYPE_CHARGEBACK_WITHOUT_ORDER:
            return "chargeback of " + ReconMoney::text(f.chargebackAmount, cur) +
                   " matches no order";
        default: return "unknown mismatch";
    }
}

void ReconDetail::row(uint32_t index, const ReconRow& row, const std::string& assignee,
                      const std::string& approvalId, v1::Mismatch* out) const
{
    const ReconFacts f = generator_.facts(index, row);
    out->set_id(ReconGenerator::mismatchId(index));
    out->set_type(static_cast<v1::MismatchType>(row.type));
    out->set_status(static_cast<v1::MismatchStatus>(row.status));
    out->set_provider_id(ReconGenerator::providerIds()[row.provider]);
    out->set_region(regions().region(row.region).id);
    if (row.hasOrder())
        out->set_order_id(ReconGenerator::orderId(row));
    out->set_provider_reference(ReconGenerator::providerReference(row));
    setMoney(out->mutable_amount(), row.amountMinor, row.currency);
    proto_time::setSeconds(out->mutable_detected_at(), row.detectedAt);
    out->set_assignee(assignee);
    out->set_version(row.version);
    out->set_summary(summary(row, f));
    out->set_pending_approval_id(approvalId);
}

void ReconDetail::detail(uint32_t index, const ReconRow& row, const ReconExtras* extras,
                         v1::MismatchDetail* out) const
{
    const ReconFacts f = generator_.facts(index, row);
    if (extras && extras->order) {
        *out->mutable_order() = *extras->order;
    } else if (f.hasOrder) {
        v1::OrderRecord* order = out->mutable_order();
        order->set_order_id(ReconGenerator::orderId(row));
        setMoney(order->mutable_amount(), f.orderAmount, row.currency);
        proto_time::setSeconds(order->mutable_created_at(), f.createdAt);
        char customer[16];
        std::snprintf(customer, sizeof customer, "cus-%06x", f.customer);
        order->set_customer_ref(customer);
    }
    transactions(index, row, f, out);
    if (extras) {
        for (const v1::ProviderTransaction& t : extras->transactions)
            *out->add_transactions() = t;
    }
    settlementLines(index, row, f, out);
    compare(row, f, out);
    if (row.flags & ReconRow::kEscalatedBefore) {
        v1::MismatchNote* note = out->add_notes();
        const auto& names = ReconGenerator::assigneeNames();
        note->set_author(names[f.customer % names.size()]);
        note->set_text("asked " + ReconGenerator::providerIds()[row.provider] +
                       " to trace the payment (case " + std::to_string(10000 + f.customer % 90000) +
                       ")");
        proto_time::setSeconds(note->mutable_at(), row.detectedAt);
    }
    if (extras) {
        for (const v1::MismatchNote& n : extras->notes)
            *out->add_notes() = n;
    }
}

void ReconDetail::transactions(uint32_t index, const ReconRow& row, const ReconFacts& f,
                               v1::MismatchDetail* out) const
{
    const std::string payment = ReconGenerator::providerReference(row);
    char last4[8];
    std::snprintf(last4, sizeof last4, "%04d", f.cardLast4);
    const auto add = [&](v1::TransactionKind kind, const std::string& reference, int64_t amount,
                         int currency, int64_t at, const char* status) {
        v1::ProviderTransaction* t = out->add_transactions();
        t->set_provider_reference(reference);
        t->set_kind(kind);
        setMoney(t->mutable_amount(), amount, currency);
        proto_time::setSeconds(t->mutable_at(), at);
        t->set_status(status);
        t->set_card_last4(last4);
    };
    if (row.type != v1::MISMATCH_TYPE_CHARGEBACK_WITHOUT_ORDER) {
        if (f.captures > 0) {
            add(v1::TRANSACTION_KIND_AUTHORIZATION, payment, f.capturedAmount, f.captureCurrency,
                f.authorizedAt, "succeeded");
        } else {
            add(v1::TRANSACTION_KIND_AUTHORIZATION, payment, f.orderAmount, row.currency,
                f.authorizedAt, "succeeded");
        }
    }
    for (int c = 0; c < f.captures; ++c) {
        const std::string reference =
            c == 0 ? payment
                   : generator_.derivedReference(index, row, "pi_3N", "ch_", kSecondCaptureSalt);
        add(v1::TRANSACTION_KIND_CAPTURE, reference, f.capturedAmount, f.captureCurrency,
            f.capturedAt + 23 * c, "succeeded");
    }
    if (f.captureFailed) {
        add(v1::TRANSACTION_KIND_CAPTURE, payment, f.orderAmount, row.currency, f.failedAt,
            "failed");
    }
    if (f.refundAmount > 0) {
        add(v1::TRANSACTION_KIND_REFUND,
            generator_.derivedReference(index, row, "re_3N", "rf_", kRefundSalt), f.refundAmount,
            row.currency, f.refundedAt, "succeeded");
    }
    if (f.chargebackAmount > 0) {
        add(v1::TRANSACTION_KIND_CHARGEBACK, payment, f.chargebackAmount, row.currency,
            f.chargebackAt, "succeeded");
    }
}

void ReconDetail::settlementLines(uint32_t index, const ReconRow& row, const ReconFacts& f,
                                  v1::MismatchDetail* out) const
{
    const std::string payment = ReconGenerator::providerReference(row);
    const auto add = [&](const std::string& reference, int64_t gross, int64_t fee, int64_t net,
                         int currency) {
        std::string code = ReconMoney::currencies()[static_cast<size_t>(currency)].code;
        for (char& c : code)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string date = dateText(f.settledAt);
        date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
        v1::SettlementLine* line = out->add_settlement_lines();
        line->set_settlement_batch_id("stl-" + std::string(providerShortName(row.provider)) + "-" +
                                      date + "-" + code);
        line->set_provider_reference(reference);
        setMoney(line->mutable_gross(), gross, currency);
        setMoney(line->mutable_fee(), fee, currency);
        setMoney(line->mutable_net(), net, currency);
        proto_time::setSeconds(line->mutable_settled_at(), f.settledAt);
    };
    for (int i = 0; i < f.settledLines; ++i) {
        const std::string reference =
            i == 0 ? payment
                   : generator_.derivedReference(index, row, "pi_3N", "ch_", kSecondCaptureSalt);
        add(reference, f.settledGross, f.chargedFee, f.settledGross - f.chargedFee,
            f.captureCurrency);
    }
    if (f.chargebackAmount > 0) {  // a debit: net is what was taken, amount plus dispute fee
        add(payment, f.chargebackAmount, f.disputeFee, f.chargebackAmount + f.disputeFee,
            row.currency);
    }
}

int64_t ReconDetail::capturedNet(const v1::MismatchDetail& detail, const std::string& currency)
{
    int64_t net = 0;
    for (const v1::ProviderTransaction& t : detail.transactions()) {
        if (t.status() != "succeeded" || t.amount().currency_code() != currency)
            continue;
        if (t.kind() == v1::TRANSACTION_KIND_CAPTURE)
            net += t.amount().amount_minor();
        else if (t.kind() == v1::TRANSACTION_KIND_REFUND)
            net -= t.amount().amount_minor();
    }
    return net;
}

void ReconDetail::compare(const ReconRow& row, const ReconFacts& f, v1::MismatchDetail* out)
{
    const int cur = row.currency;
    const int capture = f.captureCurrency;
    const std::string captureCode = ReconMoney::currencies()[static_cast<size_t>(capture)].code;
    const int64_t order = out->has_order() ? out->order().amount().amount_minor() : 0;
    switch (row.type) {
        case v1::MISMATCH_TYPE_REFUND_NOT_SETTLED: {
            int64_t refunded = 0;
            for (const v1::ProviderTransaction& t : out->transactions()) {
                if (t.kind() == v1::TRANSACTION_KIND_REFUND && t.status() == "succeeded")
                    refunded += t.amount().amount_minor();
            }
            setMoney(out->mutable_expected(), refunded, cur);
            setMoney(out->mutable_observed(), 0, cur);
            break;
        }
        case v1::MISMATCH_TYPE_SETTLED_WITHOUT_CAPTURE:
            setMoney(out->mutable_expected(), capturedNet(*out, captureCode), capture);
            setMoney(out->mutable_observed(), f.settledGross * f.settledLines, capture);
            break;
        case v1::MISMATCH_TYPE_FEE_DISCREPANCY:
            setMoney(out->mutable_expected(), f.contractedFee * f.settledLines, capture);
            setMoney(out->mutable_observed(), f.chargedFee * f.settledLines, capture);
            break;
        case v1::MISMATCH_TYPE_CHARGEBACK_WITHOUT_ORDER:
            setMoney(out->mutable_expected(), order, cur);
            setMoney(out->mutable_observed(), f.chargebackAmount, cur);
            break;
        default:
            setMoney(out->mutable_expected(), order, cur);
            setMoney(out->mutable_observed(), capturedNet(*out, captureCode), capture);
            break;
    }
    if (out->expected().currency_code() == out->observed().currency_code()) {
        out->mutable_difference()->set_amount_minor(out->observed().amount_minor() -
                                                    out->expected().amount_minor());
        out->mutable_difference()->set_currency_code(out->expected().currency_code());
    }
}

}  // namespace wfsim
