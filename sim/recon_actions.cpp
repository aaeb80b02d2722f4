#include "recon_actions.h"

#include "error_status.h"
#include "proto_time.h"
#include "recon_money.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr uint64_t kActionReferenceSalt = 100;

}  // namespace

std::vector<ReconActions::Action> ReconActions::applicable(const ReconRow& row,
                                                           const ReconFacts& facts)
{
    if (row.status != v1::MISMATCH_STATUS_OPEN && row.status != v1::MISMATCH_STATUS_ESCALATED)
        return {};
    std::vector<Action> out;
    switch (row.type) {
        case v1::MISMATCH_TYPE_CAPTURED_WITHOUT_ORDER:
            out = {v1::RESOLUTION_ACTION_REFUND, v1::RESOLUTION_ACTION_MARK_MATCHED,
                   v1::RESOLUTION_ACTION_CREATE_ORDER_RECORD};
            break;
        case v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE:
            out = {v1::RESOLUTION_ACTION_RETRY_CAPTURE, v1::RESOLUTION_ACTION_VOID_AUTHORIZATION,
                   v1::RESOLUTION_ACTION_MARK_MATCHED, v1::RESOLUTION_ACTION_WRITE_OFF};
            break;
        case v1::MISMATCH_TYPE_AMOUNT_MISMATCH:
            if (facts.capturedAmount < facts.orderAmount) {
                out = {v1::RESOLUTION_ACTION_RETRY_CAPTURE, v1::RESOLUTION_ACTION_MARK_MATCHED,
                       v1::RESOLUTION_ACTION_WRITE_OFF};
            } else {
                out = {v1::RESOLUTION_ACTION_REFUND, v1::RESOLUTION_ACTION_MARK_MATCHED};
            }
            break;
        case v1::MISMATCH_TYPE_DUPLICATE_CAPTURE:
            out = {v1::RESOLUTION_ACTION_REFUND, v1::RESOLUTION_ACTION_MARK_MATCHED};
            break;
        case v1::MISMATCH_TYPE_SETTLED_WITHOUT_CAPTURE:
            out = {v1::RESOLUTION_ACTION_MARK_MATCHED};
            break;
        default: out = {v1::RESOLUTION_ACTION_MARK_MATCHED, v1::RESOLUTION_ACTION_WRITE_OFF}; break;
    }
    if (row.status != v1::MISMATCH_STATUS_ESCALATED)
        out.push_back(v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER);
    std::sort(out.begin(), out.end());
    return out;
}

bool ReconActions::movesMoney(Action action)
{
    return action == v1::RESOLUTION_ACTION_RETRY_CAPTURE ||
           action == v1::RESOLUTION_ACTION_REFUND || action == v1::RESOLUTION_ACTION_WRITE_OFF;
}

bool ReconActions::needsNote(Action action)
{
    return action == v1::RESOLUTION_ACTION_MARK_MATCHED ||
           action == v1::RESOLUTION_ACTION_WRITE_OFF;
}

std::string ReconActions::slug(Action action)
{
    std::string name = v1::ResolutionAction_Name(action);
    constexpr std::string_view kPrefix = "RESOLUTION_ACTION_";
    if (!name.starts_with(kPrefix))
        return std::to_string(static_cast<int>(action));
    name.erase(0, kPrefix.size());
    for (char& c : name)
        c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

std::string ReconActions::names(const std::vector<Action>& actions)
{
    std::string out;
    for (Action a : actions) {
        std::string name = slug(a);
        for (char& c : name)
            c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out += (out.empty() ? "" : ", ") + name;
    }
    return out.empty() ? "none" : out;
}

grpc::Status ReconActions::amountOf(const v1::ResolveMismatchRequest& request, const ReconRow& row,
                                    const v1::MismatchDetail& detail, v1::Money* amount)
{
    const std::string code = ReconMoney::currencies()[row.currency].code;
    switch (request.action()) {
        case v1::RESOLUTION_ACTION_RETRY_CAPTURE: {
            const int64_t order = detail.has_order() ? detail.order().amount().amount_minor() : 0;
            *amount = ReconMoney::money(
                std::max<int64_t>(0, order - ReconDetail::capturedNet(detail, code)), row.currency);
            return grpc::Status::OK;
        }
        case v1::RESOLUTION_ACTION_WRITE_OFF:
            *amount = ReconMoney::money(row.amountMinor, row.currency);
            return grpc::Status::OK;
        case v1::RESOLUTION_ACTION_REFUND: break;
        default: amount->Clear(); return grpc::Status::OK;
    }
    const bool given = request.has_amount() && (request.amount().amount_minor() != 0 ||
                                                !request.amount().currency_code().empty());
    *amount = given ? request.amount() : ReconMoney::money(row.amountMinor, row.currency);
    if (amount->amount_minor() <= 0) {
        return ErrorStatus::make(
            grpc::StatusCode::INVALID_ARGUMENT,
            "a refund must be a positive amount, got " + std::to_string(amount->amount_minor()),
            "INVALID_AMOUNT", "amount.amount_minor");
    }
    if (amount->currency_code() != code) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "a refund is in the mismatch's currency, " + code + ", not \"" +
                                     amount->currency_code() + "\"",
                                 "WRONG_CURRENCY", "amount.currency_code",
                                 {{"expected_currency", code}});
    }
    const int64_t captured = ReconDetail::capturedNet(detail, code);
    if (amount->amount_minor() > captured) {
        return ErrorStatus::make(
            grpc::StatusCode::INVALID_ARGUMENT,
            "cannot refund " + ReconMoney::text(amount->amount_minor(), row.currency) + ": only " +
                ReconMoney::text(captured, row.currency) + " was captured (net of refunds)",
            "AMOUNT_ABOVE_CAPTURED", "amount.amount_minor",
            {{"captured_minor", std::to_string(captured)}});
    }
    return grpc::Status::OK;
}

void ReconActions::apply(Action action, const ReconGenerator& generator, uint32_t index,
                         const ReconFacts& facts, const v1::MismatchDetail& detail,
                         const v1::Money& amount, int64_t nowMs, ReconRow* row, ReconExtras* extras)
{
    const std::string payment = ReconGenerator::providerReference(*row);
    const auto add = [&](v1::TransactionKind kind, const std::string& reference,
                         const v1::Money& money) {
        v1::ProviderTransaction t;
        t.set_provider_reference(reference);
        t.set_kind(kind);
        *t.mutable_amount() = money;
        proto_time::setMs(t.mutable_at(), nowMs);
        t.set_status("succeeded");
        char last4[8];
        std::snprintf(last4, sizeof last4, "%04d", facts.cardLast4);
        t.set_card_last4(last4);
        extras->transactions.push_back(std::move(t));
    };
    row->status = v1::MISMATCH_STATUS_RESOLVED;
    switch (action) {
        case v1::RESOLUTION_ACTION_RETRY_CAPTURE:
            add(v1::TRANSACTION_KIND_CAPTURE, payment, amount);
            break;
        case v1::RESOLUTION_ACTION_VOID_AUTHORIZATION:
            add(v1::TRANSACTION_KIND_VOID, payment,
                ReconMoney::money(facts.orderAmount, row->currency));
            break;
        case v1::RESOLUTION_ACTION_REFUND:
            add(v1::TRANSACTION_KIND_REFUND,
                generator.derivedReference(index, *row, "re_3N", "rf_",
                                           kActionReferenceSalt + extras->transactions.size()),
                amount);
            break;
        case v1::RESOLUTION_ACTION_CREATE_ORDER_RECORD: {
            const std::string code =
                ReconMoney::currencies()[static_cast<size_t>(facts.captureCurrency)].code;
            v1::OrderRecord order;
            order.set_order_id(ReconGenerator::orderId(*row));
            *order.mutable_amount() =
                ReconMoney::money(ReconDetail::capturedNet(detail, code), facts.captureCurrency);
            proto_time::setMs(order.mutable_created_at(), nowMs);
            char customer[16];
            std::snprintf(customer, sizeof customer, "cus-%06x", facts.customer);
            order.set_customer_ref(customer);
            extras->order = std::move(order);
            row->flags |= ReconRow::kHasOrder | ReconRow::kOrderCreated;
            break;
        }
        case v1::RESOLUTION_ACTION_WRITE_OFF: row->status = v1::MISMATCH_STATUS_WRITTEN_OFF; break;
        case v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER:
            row->status = v1::MISMATCH_STATUS_ESCALATED;
            break;
        default: break;  // MARK_MATCHED: resolved, nothing else
    }
}

}  // namespace wfsim
