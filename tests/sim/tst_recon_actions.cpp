// Reconciliation actions on the simulator, in process through real stubs:
// roles, what each action does to the data, stale versions, idempotent
// replay (also of a lost response), approvals by a second person above the
// threshold, the change stream, and a settlement file's burst.

#include "action_fixture.h"
#include "recon_money.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUuid>
#include <algorithm>
#include <set>

using namespace wfsim;
using namespace wfsim::test;

namespace {

v1::ErrorDetail detailOf(const grpc::Status& status)
{
    v1::ErrorDetail detail;
    detail.ParseFromString(status.error_details());
    return detail;
}

std::string newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

PlatformSettings reconSettings(int size, int64_t threshold, const char* scenario = "quiet-day",
                               double speed = 1)
{
    PlatformSettings settings = settingsFor(scenario, speed);
    settings.reconSize = size;
    settings.approvalThresholdMinor = threshold;
    return settings;
}

class Recon {
public:
    explicit Recon(ActionFixture& sim) : sim_(sim) {}

    v1::ListMismatchesResponse list(const v1::ListMismatchesRequest& request)
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListMismatchesResponse response;
        const grpc::Status status = sim_.recon->ListMismatches(&context, request, &response);
        if (!status.ok())
            qWarning("ListMismatches: %s", status.error_message().c_str());
        return response;
    }

    // The first open mismatch of `type` whose amount is in [min, max] (0: no bound).
    v1::Mismatch first(v1::MismatchType type, int64_t min = 0, int64_t max = 0,
                       std::vector<std::string> currencies = {})
    {
        v1::ListMismatchesRequest request;
        request.mutable_filter()->add_types(type);
        request.mutable_filter()->add_statuses(v1::MISMATCH_STATUS_OPEN);
        request.mutable_filter()->set_min_amount_minor(min);
        request.mutable_filter()->set_max_amount_minor(max);
        for (const std::string& c : currencies)
            request.mutable_filter()->add_currency_codes(c);
        request.mutable_page()->set_page_size(1);
        const v1::ListMismatchesResponse r = list(request);
        if (r.mismatches_size() == 0) {
            qWarning("no open %s in [%lld, %lld]", v1::MismatchType_Name(type).c_str(),
                     (long long)min, (long long)max);
            return {};
        }
        return r.mismatches(0);
    }

    v1::MismatchDetail get(const std::string& id)
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::GetMismatchRequest request;
        request.set_mismatch_id(id);
        v1::GetMismatchResponse response;
        const grpc::Status status = sim_.recon->GetMismatch(&context, request, &response);
        if (!status.ok())
            qWarning("GetMismatch: %s", status.error_message().c_str());
        return response.detail();
    }

    v1::ResolveMismatchRequest resolveOf(const v1::Mismatch& m, v1::ResolutionAction action,
                                         const std::string& note = {})
    {
        v1::ResolveMismatchRequest request;
        request.mutable_context()->set_idempotency_key(newKey());
        request.mutable_context()->set_reason("reconciling " + m.id());
        request.set_mismatch_id(m.id());
        request.set_action(action);
        request.set_expected_version(m.version());
        request.set_note(note);
        return request;
    }

    grpc::Status resolve(v1::Role role, const v1::ResolveMismatchRequest& request,
                         v1::ResolveMismatchResponse* response)
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, sim_.token(role));
        return sim_.recon->ResolveMismatch(&context, request, response);
    }

    grpc::Status assign(v1::Role role, const v1::Mismatch& m, const std::string& assignee,
                        v1::AssignMismatchResponse* response, int64_t version = -1)
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, sim_.token(role));
        v1::AssignMismatchRequest request;
        request.mutable_context()->set_idempotency_key(newKey());
        request.mutable_context()->set_reason("taking it");
        request.set_mismatch_id(m.id());
        request.set_assignee(assignee);
        request.set_expected_version(version >= 0 ? version : m.version());
        return sim_.recon->AssignMismatch(&context, request, response);
    }

    grpc::Status decide(v1::Role role, const std::string& approval, bool approve,
                        v1::DecideApprovalResponse* response, const std::string& key = newKey())
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, sim_.token(role));
        v1::DecideApprovalRequest request;
        request.mutable_context()->set_idempotency_key(key);
        request.mutable_context()->set_reason(approve ? "checked with the customer"
                                                      : "not without a ticket");
        request.set_approval_id(approval);
        request.set_approve(approve);
        return sim_.recon->DecideApproval(&context, request, response);
    }

    v1::ListApprovalsResponse approvals(bool includeDecided)
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListApprovalsRequest request;
        request.set_include_decided(includeDecided);
        v1::ListApprovalsResponse response;
        if (!sim_.recon->ListApprovals(&context, request, &response).ok())
            qWarning("ListApprovals failed");
        return response;
    }

    std::vector<v1::AppliedAction> applied(const std::string& kindPrefix)
    {
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListAppliedActionsResponse response;
        if (!sim_.control->ListAppliedActions(&context, {}, &response).ok())
            qWarning("ListAppliedActions failed");
        std::vector<v1::AppliedAction> out;
        for (const v1::AppliedAction& a : response.actions()) {
            if (a.kind().starts_with(kindPrefix))
                out.push_back(a);
        }
        return out;
    }

private:
    ActionFixture& sim_;
};

std::vector<v1::ProviderTransaction> transactionsOf(const v1::MismatchDetail& d,
                                                    v1::TransactionKind kind)
{
    std::vector<v1::ProviderTransaction> out;
    for (const v1::ProviderTransaction& t : d.transactions()) {
        if (t.kind() == kind && t.status() == "succeeded")
            out.push_back(t);
    }
    return out;
}

bool hasAction(const v1::MismatchDetail& d, v1::ResolutionAction action)
{
    return std::find(d.applicable_actions().begin(), d.applicable_actions().end(), action) !=
           d.applicable_actions().end();
}

StreamWatcher<v1::MismatchEvent>::Open mismatchEvents(ActionFixture& sim,
                                                      const std::string& epoch = {},
                                                      uint64_t after = 0)
{
    return [&sim, epoch, after](grpc::ClientContext* context) {
        v1::StreamMismatchEventsRequest request;
        request.set_stream_epoch(epoch);
        request.set_resume_after_sequence(after);
        return sim.recon->StreamMismatchEvents(context, request);
    };
}

std::vector<v1::MismatchEvent> changesOf(const std::vector<v1::MismatchEvent>& events)
{
    std::vector<v1::MismatchEvent> out;
    for (const v1::MismatchEvent& e : events) {
        if (e.sequence() > 0)
            out.push_back(e);
    }
    return out;
}

constexpr int64_t kNoApprovals = 1'000'000'000'000LL;

}  // namespace

class TestReconActions : public QObject {
    Q_OBJECT

private slots:
    void rolesDecideWhoMayDoWhat()
    {
        ActionFixture sim(reconSettings(2000, kNoApprovals));
        Recon recon(sim);
        const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_FEE_DISCREPANCY);
        {
            v1::AssignMismatchResponse response;
            const grpc::Status status = recon.assign(v1::ROLE_VIEWER, m, "dana@sim", &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
            QCOMPARE(detailOf(status).reason(), std::string("ROLE_FORBIDDEN"));
            QCOMPARE(status.error_message(),
                     std::string("role viewer may not assign reconciliation mismatches (needs "
                                 "recon.resolve)"));
        }
        {
            v1::ResolveMismatchResponse response;
            const grpc::Status status = recon.resolve(
                v1::ROLE_INCIDENT_COMMANDER,
                recon.resolveOf(m, v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER), &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
            QCOMPARE(detailOf(status).metadata().at("permission"), std::string("recon.resolve"));
            QCOMPARE(detailOf(status).metadata().at("role"), std::string("incident-commander"));
        }
        {
            v1::DecideApprovalResponse response;
            const grpc::Status status =
                recon.decide(v1::ROLE_OPERATOR, "apr-000001", true, &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
            QCOMPARE(detailOf(status).metadata().at("permission"), std::string("recon.approve"));
        }
        {  // a reason is required
            v1::ResolveMismatchRequest request =
                recon.resolveOf(m, v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER);
            request.mutable_context()->set_reason(" ");
            v1::ResolveMismatchResponse response;
            const grpc::Status status = recon.resolve(v1::ROLE_OPERATOR, request, &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QCOMPARE(detailOf(status).reason(), std::string("MISSING_FIELD"));
            QCOMPARE(detailOf(status).field(), std::string("context.reason"));
        }
        {  // unknown ids
            v1::Mismatch ghost = m;
            ghost.set_id("mm-999999999");
            v1::ResolveMismatchResponse response;
            const grpc::Status status = recon.resolve(
                v1::ROLE_OPERATOR,
                recon.resolveOf(ghost, v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER), &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::NOT_FOUND);
            QCOMPARE(detailOf(status).reason(), std::string("MISMATCH_NOT_FOUND"));
            v1::DecideApprovalResponse decided;
            const grpc::Status unknown =
                recon.decide(v1::ROLE_PAYMENTS_APPROVER, "apr-000001", true, &decided);
            QCOMPARE(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
            QCOMPARE(detailOf(unknown).reason(), std::string("APPROVAL_NOT_FOUND"));
        }
        QVERIFY(recon.applied("recon.").empty());
        // The payments approver may resolve too.
        v1::ResolveMismatchResponse response;
        const grpc::Status status = recon.resolve(
            v1::ROLE_PAYMENTS_APPROVER,
            recon.resolveOf(m, v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER), &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(response.receipt().role(), std::string("payments-approver"));
    }

    void assignAndStaleVersions()
    {
        ActionFixture sim(reconSettings(2000, kNoApprovals));
        Recon recon(sim);
        const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_AMOUNT_MISMATCH);
        v1::AssignMismatchResponse assigned;
        QVERIFY(recon.assign(v1::ROLE_OPERATOR, m, "li.wei@sim", &assigned).ok());
        QCOMPARE(assigned.mismatch().assignee(), std::string("li.wei@sim"));
        QCOMPARE(assigned.mismatch().version(), m.version() + 1);
        QCOMPARE(assigned.receipt().actor(), std::string("operator@sim"));
        QCOMPARE(recon.get(m.id()).mismatch().assignee(), std::string("li.wei@sim"));
        {  // the filter sees it
            v1::ListMismatchesRequest request;
            request.mutable_filter()->set_assignee("li.wei@sim");
            const v1::ListMismatchesResponse r = recon.list(request);
            QVERIFY(std::any_of(r.mismatches().begin(), r.mismatches().end(),
                                [&](const v1::Mismatch& x) { return x.id() == m.id(); }));
        }
        {  // the version the first operator saw is stale now
            v1::AssignMismatchResponse response;
            const grpc::Status status =
                recon.assign(v1::ROLE_OPERATOR, m, "sam@sim", &response, m.version());
            QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
            const v1::ErrorDetail d = detailOf(status);
            QCOMPARE(d.reason(), std::string("STALE_VERSION"));
            QCOMPARE(d.metadata().at("current_version"), std::to_string(m.version() + 1));
            QCOMPARE(d.metadata().at("current_assignee"), std::string("li.wei@sim"));
            QVERIFY(status.error_message().find("li.wei@sim") != std::string::npos);
            v1::ResolveMismatchResponse resolved;
            const grpc::Status stale = recon.resolve(
                v1::ROLE_OPERATOR, recon.resolveOf(m, v1::RESOLUTION_ACTION_MARK_MATCHED, "ok"),
                &resolved);
            QCOMPARE(detailOf(stale).reason(), std::string("STALE_VERSION"));
        }
        {  // "-" is the filter's word for unassigned, not a name
            v1::AssignMismatchResponse response;
            const grpc::Status status =
                recon.assign(v1::ROLE_OPERATOR, assigned.mismatch(), "-", &response);
            QCOMPARE(detailOf(status).reason(), std::string("INVALID_VALUE"));
            QCOMPARE(detailOf(status).field(), std::string("assignee"));
        }
        v1::AssignMismatchResponse unassigned;
        QVERIFY(recon.assign(v1::ROLE_OPERATOR, assigned.mismatch(), "", &unassigned).ok());
        QVERIFY(unassigned.mismatch().assignee().empty());
        const auto actions = recon.applied("recon.assign");
        QCOMPARE(actions.size(), size_t(2));
        QCOMPARE(actions[0].target(), m.id() + " -> li.wei@sim");
        QCOMPARE(actions[1].target(), m.id() + " -> nobody");
        // Closed mismatches are not reassigned.
        v1::ResolveMismatchResponse resolved;
        QVERIFY(recon
                    .resolve(v1::ROLE_OPERATOR,
                             recon.resolveOf(unassigned.mismatch(),
                                             v1::RESOLUTION_ACTION_MARK_MATCHED, "found it"),
                             &resolved)
                    .ok());
        v1::AssignMismatchResponse late;
        const grpc::Status status =
            recon.assign(v1::ROLE_OPERATOR, resolved.mismatch(), "sam@sim", &late);
        QCOMPARE(detailOf(status).reason(), std::string("ALREADY_RESOLVED"));
    }

    void eachActionChangesTheData()
    {
        ActionFixture sim(reconSettings(3000, kNoApprovals));
        Recon recon(sim);
        const auto apply = [&](const v1::Mismatch& m, v1::ResolutionAction action,
                               const std::string& note = {}) {
            v1::ResolveMismatchResponse response;
            const grpc::Status status =
                recon.resolve(v1::ROLE_OPERATOR, recon.resolveOf(m, action, note), &response);
            if (!status.ok())
                qWarning("%s: %s", m.id().c_str(), status.error_message().c_str());
            return response;
        };
        {  // retry capture: the order's amount is captured now
            const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE);
            QVERIFY(transactionsOf(recon.get(m.id()), v1::TRANSACTION_KIND_CAPTURE).empty());
            const v1::ResolveMismatchResponse r = apply(m, v1::RESOLUTION_ACTION_RETRY_CAPTURE);
            QCOMPARE(r.mismatch().status(), v1::MISMATCH_STATUS_RESOLVED);
            QCOMPARE(r.mismatch().version(), m.version() + 1);
            QVERIFY(!r.has_approval());
            const v1::MismatchDetail d = recon.get(m.id());
            const auto captures = transactionsOf(d, v1::TRANSACTION_KIND_CAPTURE);
            QCOMPARE(captures.size(), size_t(1));
            QCOMPARE(captures[0].amount().amount_minor(), d.order().amount().amount_minor());
            QCOMPARE(captures[0].provider_reference(), m.provider_reference());
            QCOMPARE(d.difference().amount_minor(), int64_t(0));
            QVERIFY(d.applicable_actions().empty());
        }
        {  // retry capture on an amount captured short: the rest
            v1::ListMismatchesRequest request;
            request.mutable_filter()->add_types(v1::MISMATCH_TYPE_AMOUNT_MISMATCH);
            request.mutable_filter()->add_statuses(v1::MISMATCH_STATUS_OPEN);
            request.mutable_page()->set_page_size(50);
            v1::Mismatch shortOne;
            const v1::ListMismatchesResponse amounts = recon.list(request);
            for (const v1::Mismatch& m : amounts.mismatches()) {
                if (hasAction(recon.get(m.id()), v1::RESOLUTION_ACTION_RETRY_CAPTURE)) {
                    shortOne = m;
                    break;
                }
            }
            QVERIFY(!shortOne.id().empty());
            const v1::MismatchDetail before = recon.get(shortOne.id());
            QCOMPARE(before.difference().amount_minor(), -shortOne.amount().amount_minor());
            QVERIFY(!hasAction(before, v1::RESOLUTION_ACTION_REFUND));
            apply(shortOne, v1::RESOLUTION_ACTION_RETRY_CAPTURE);
            const v1::MismatchDetail d = recon.get(shortOne.id());
            const auto captures = transactionsOf(d, v1::TRANSACTION_KIND_CAPTURE);
            QCOMPARE(captures.size(), size_t(2));
            QCOMPARE(captures[1].amount().amount_minor(), shortOne.amount().amount_minor());
            QCOMPARE(d.difference().amount_minor(), int64_t(0));
        }
        {  // void the authorization
            const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE);
            apply(m, v1::RESOLUTION_ACTION_VOID_AUTHORIZATION);
            const v1::MismatchDetail d = recon.get(m.id());
            const auto voids = transactionsOf(d, v1::TRANSACTION_KIND_VOID);
            QCOMPARE(voids.size(), size_t(1));
            QCOMPARE(voids[0].amount().amount_minor(), m.amount().amount_minor());
            QCOMPARE(d.mismatch().status(), v1::MISMATCH_STATUS_RESOLVED);
        }
        {  // refund a duplicate capture: the mismatch amount by default
            const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_DUPLICATE_CAPTURE);
            QVERIFY(!hasAction(recon.get(m.id()), v1::RESOLUTION_ACTION_RETRY_CAPTURE));
            apply(m, v1::RESOLUTION_ACTION_REFUND);
            const v1::MismatchDetail d = recon.get(m.id());
            const auto refunds = transactionsOf(d, v1::TRANSACTION_KIND_REFUND);
            QCOMPARE(refunds.size(), size_t(1));
            QCOMPARE(refunds[0].amount().amount_minor(), m.amount().amount_minor());
            QCOMPARE(refunds[0].amount().currency_code(), m.amount().currency_code());
            QVERIFY(refunds[0].provider_reference().starts_with("re_3N") ||
                    refunds[0].provider_reference().starts_with("rf_"));
            QCOMPARE(d.difference().amount_minor(), int64_t(0));
        }
        {  // refund amounts are checked
            const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_CAPTURED_WITHOUT_ORDER, 1000);
            const auto refusal = [&](int64_t amount, const std::string& currency) {
                v1::ResolveMismatchRequest request =
                    recon.resolveOf(m, v1::RESOLUTION_ACTION_REFUND);
                request.mutable_amount()->set_amount_minor(amount);
                request.mutable_amount()->set_currency_code(currency);
                v1::ResolveMismatchResponse response;
                const grpc::Status status = recon.resolve(v1::ROLE_OPERATOR, request, &response);
                return status.error_code() == grpc::StatusCode::INVALID_ARGUMENT
                           ? detailOf(status).reason()
                           : std::string("code ") + std::to_string(status.error_code());
            };
            const std::string currency = m.amount().currency_code();
            QCOMPARE(refusal(-5, currency), std::string("INVALID_AMOUNT"));
            QCOMPARE(refusal(100, currency == "USD" ? "EUR" : "USD"),
                     std::string("WRONG_CURRENCY"));
            QCOMPARE(refusal(m.amount().amount_minor() + 1, currency),
                     std::string("AMOUNT_ABOVE_CAPTURED"));
            // A part of it is fine.
            v1::ResolveMismatchRequest request = recon.resolveOf(m, v1::RESOLUTION_ACTION_REFUND);
            request.mutable_amount()->set_amount_minor(m.amount().amount_minor() / 2);
            request.mutable_amount()->set_currency_code(currency);
            v1::ResolveMismatchResponse response;
            QVERIFY(recon.resolve(v1::ROLE_OPERATOR, request, &response).ok());
            const auto refunds = transactionsOf(recon.get(m.id()), v1::TRANSACTION_KIND_REFUND);
            QCOMPARE(refunds.size(), size_t(1));
            QCOMPARE(refunds[0].amount().amount_minor(), m.amount().amount_minor() / 2);
        }
        {  // create the missing order record
            const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_CAPTURED_WITHOUT_ORDER);
            QVERIFY(m.order_id().empty());
            QVERIFY(!recon.get(m.id()).has_order());
            const v1::ResolveMismatchResponse r =
                apply(m, v1::RESOLUTION_ACTION_CREATE_ORDER_RECORD);
            QVERIFY(r.mismatch().order_id().starts_with("ord-"));
            const v1::MismatchDetail d = recon.get(m.id());
            QVERIFY(d.has_order());
            QCOMPARE(d.order().order_id(), r.mismatch().order_id());
            QCOMPARE(d.order().amount().amount_minor(), m.amount().amount_minor());
            QCOMPARE(d.difference().amount_minor(), int64_t(0));
            // Its order id is searchable now.
            v1::ListMismatchesRequest request;
            request.mutable_filter()->set_text(r.mismatch().order_id());
            request.mutable_filter()->add_statuses(v1::MISMATCH_STATUS_RESOLVED);
            QCOMPARE(recon.list(request).page().total_size(), int64_t(1));
        }
        {  // mark matched and write off need a note, which is kept
            const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_SETTLED_WITHOUT_CAPTURE);
            v1::ResolveMismatchResponse response;
            const grpc::Status status =
                recon.resolve(v1::ROLE_OPERATOR,
                              recon.resolveOf(m, v1::RESOLUTION_ACTION_MARK_MATCHED), &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QCOMPARE(detailOf(status).reason(), std::string("MISSING_FIELD"));
            QCOMPARE(detailOf(status).field(), std::string("note"));
            const v1::ResolveMismatchResponse r =
                apply(m, v1::RESOLUTION_ACTION_MARK_MATCHED, "capture is in the 11-23 file");
            const v1::MismatchDetail d = recon.get(m.id());
            QCOMPARE(d.mismatch().status(), v1::MISMATCH_STATUS_RESOLVED);
            QCOMPARE(d.notes(d.notes_size() - 1).text(),
                     std::string("capture is in the 11-23 file"));
            QCOMPARE(d.notes(d.notes_size() - 1).author(), std::string("operator@sim"));
            QCOMPARE(d.notes(d.notes_size() - 1).action_id(), r.receipt().action_id());

            const v1::Mismatch fee = recon.first(v1::MISMATCH_TYPE_FEE_DISCREPANCY);
            const v1::ResolveMismatchResponse w =
                apply(fee, v1::RESOLUTION_ACTION_WRITE_OFF, "below the cost of chasing it");
            QCOMPARE(w.mismatch().status(), v1::MISMATCH_STATUS_WRITTEN_OFF);
        }
        {  // escalate, once
            const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_CHARGEBACK_WITHOUT_ORDER);
            const v1::ResolveMismatchResponse r =
                apply(m, v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER);
            QCOMPARE(r.mismatch().status(), v1::MISMATCH_STATUS_ESCALATED);
            v1::ResolveMismatchResponse again;
            const grpc::Status status = recon.resolve(
                v1::ROLE_OPERATOR,
                recon.resolveOf(r.mismatch(), v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER), &again);
            QCOMPARE(detailOf(status).reason(), std::string("ACTION_NOT_APPLICABLE"));
            // Still open to a resolution while escalated.
            QVERIFY(hasAction(recon.get(m.id()), v1::RESOLUTION_ACTION_WRITE_OFF));
        }
        {  // what does not apply is refused, saying what does
            const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_DUPLICATE_CAPTURE);
            v1::ResolveMismatchResponse response;
            const grpc::Status status =
                recon.resolve(v1::ROLE_OPERATOR,
                              recon.resolveOf(m, v1::RESOLUTION_ACTION_RETRY_CAPTURE), &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
            QCOMPARE(detailOf(status).reason(), std::string("ACTION_NOT_APPLICABLE"));
            QCOMPARE(detailOf(status).metadata().at("applicable_actions"),
                     std::string("REFUND, MARK_MATCHED, ESCALATE_TO_PROVIDER"));
            // A resolved one takes nothing more.
            const v1::ResolveMismatchResponse done =
                apply(m, v1::RESOLUTION_ACTION_MARK_MATCHED, "same order paid twice, agreed");
            const grpc::Status closed = recon.resolve(
                v1::ROLE_OPERATOR, recon.resolveOf(done.mismatch(), v1::RESOLUTION_ACTION_REFUND),
                &response);
            QCOMPARE(detailOf(closed).reason(), std::string("ALREADY_RESOLVED"));
        }
        const auto journal = recon.applied("recon.resolve");
        QCOMPARE(journal.size(), size_t(10));
        for (const v1::AppliedAction& a : journal) {
            QCOMPARE(a.actor(), std::string("operator@sim"));
            QVERIFY(a.target().starts_with("mm-"));
        }
        QVERIFY(journal[0].target().find(" retry-capture ") != std::string::npos);
    }

    void replaysAreIdempotent()
    {
        ActionFixture sim(reconSettings(2000, kNoApprovals));
        Recon recon(sim);
        const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE);
        const v1::ResolveMismatchRequest request =
            recon.resolveOf(m, v1::RESOLUTION_ACTION_RETRY_CAPTURE);
        v1::ResolveMismatchResponse first, again;
        QVERIFY(recon.resolve(v1::ROLE_OPERATOR, request, &first).ok());
        QVERIFY(!first.receipt().replayed());
        QVERIFY(recon.resolve(v1::ROLE_OPERATOR, request, &again).ok());
        QVERIFY(again.receipt().replayed());
        QCOMPARE(again.receipt().action_id(), first.receipt().action_id());
        QCOMPARE(again.mismatch().version(), first.mismatch().version());
        QCOMPARE(transactionsOf(recon.get(m.id()), v1::TRANSACTION_KIND_CAPTURE).size(), size_t(1));
        QCOMPARE(recon.applied("recon.").size(), size_t(1));
        {  // the same key for another change
            v1::ResolveMismatchRequest other = request;
            other.set_action(v1::RESOLUTION_ACTION_VOID_AUTHORIZATION);
            v1::ResolveMismatchResponse response;
            const grpc::Status status = recon.resolve(v1::ROLE_OPERATOR, other, &response);
            QCOMPARE(detailOf(status).reason(), std::string("IDEMPOTENCY_KEY_REUSED"));
        }
        // A lost response: applied, answered UNAVAILABLE; the retry gets it.
        const v1::Mismatch next = recon.first(v1::MISMATCH_TYPE_FEE_DISCREPANCY);
        {
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::SetFaultsRequest faults;
            faults.set_drop_next_action_responses(1);
            v1::SetFaultsResponse ignored;
            QVERIFY(sim.control->SetFaults(&context, faults, &ignored).ok());
        }
        const v1::ResolveMismatchRequest write =
            recon.resolveOf(next, v1::RESOLUTION_ACTION_WRITE_OFF, "two cents");
        v1::ResolveMismatchResponse lost, retried;
        const grpc::Status dropped = recon.resolve(v1::ROLE_OPERATOR, write, &lost);
        QCOMPARE(dropped.error_code(), grpc::StatusCode::UNAVAILABLE);
        QCOMPARE(recon.get(next.id()).mismatch().status(), v1::MISMATCH_STATUS_WRITTEN_OFF);
        QVERIFY(recon.resolve(v1::ROLE_OPERATOR, write, &retried).ok());
        QVERIFY(retried.receipt().replayed());
        QCOMPARE(retried.mismatch().status(), v1::MISMATCH_STATUS_WRITTEN_OFF);
        QCOMPARE(recon.applied("recon.").size(), size_t(2));
        QCOMPARE(recon.get(next.id()).mismatch().version(), next.version() + 1);
    }

    void moneyAboveTheThresholdWaitsForASecondPerson()
    {
        ActionFixture sim(reconSettings(30000, 50000));
        Recon recon(sim);
        const v1::ListApprovalsResponse none = recon.approvals(true);
        QCOMPARE(none.approvals_size(), 0);
        std::map<std::string, int64_t> thresholds;
        for (const v1::Money& t : none.approval_thresholds())
            thresholds[t.currency_code()] = t.amount_minor();
        QCOMPARE(thresholds, (std::map<std::string, int64_t>{
                                 {"EUR", 50000}, {"GBP", 50000}, {"JPY", 75000}, {"USD", 50000}}));

        // Below the threshold: applied at once.
        const v1::Mismatch small =
            recon.first(v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE, 0, 49999, {"USD", "EUR", "GBP"});
        v1::ResolveMismatchResponse applied;
        QVERIFY(recon
                    .resolve(v1::ROLE_OPERATOR,
                             recon.resolveOf(small, v1::RESOLUTION_ACTION_RETRY_CAPTURE), &applied)
                    .ok());
        QCOMPARE(applied.mismatch().status(), v1::MISMATCH_STATUS_RESOLVED);

        // At or above it: held.
        const v1::Mismatch big =
            recon.first(v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE, 50000, 0, {"USD", "EUR", "GBP"});
        QVERIFY(big.amount().amount_minor() >= 50000);
        v1::ResolveMismatchResponse held;
        const grpc::Status status = recon.resolve(
            v1::ROLE_OPERATOR, recon.resolveOf(big, v1::RESOLUTION_ACTION_RETRY_CAPTURE), &held);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(held.mismatch().status(), v1::MISMATCH_STATUS_PENDING_APPROVAL);
        QVERIFY(held.has_approval());
        const v1::Approval& approval = held.approval();
        QCOMPARE(approval.id(), std::string("apr-000001"));
        QCOMPARE(held.mismatch().pending_approval_id(), approval.id());
        QCOMPARE(approval.state(), v1::APPROVAL_STATE_PENDING);
        QCOMPARE(approval.requested_by(), std::string("operator@sim"));
        QCOMPARE(approval.amount().amount_minor(), big.amount().amount_minor());
        QCOMPARE(approval.mismatch().id(), big.id());
        // Nothing moved yet, and nothing else may happen meanwhile.
        QVERIFY(transactionsOf(recon.get(big.id()), v1::TRANSACTION_KIND_CAPTURE).empty());
        QVERIFY(recon.get(big.id()).applicable_actions().empty());
        {
            v1::ResolveMismatchResponse response;
            const grpc::Status waiting = recon.resolve(
                v1::ROLE_OPERATOR,
                recon.resolveOf(held.mismatch(), v1::RESOLUTION_ACTION_VOID_AUTHORIZATION),
                &response);
            QCOMPARE(detailOf(waiting).reason(), std::string("PENDING_APPROVAL"));
            QCOMPARE(detailOf(waiting).metadata().at("approval_id"), approval.id());
        }
        QCOMPARE(recon.approvals(false).approvals_size(), 1);
        // The requester cannot approve it, an approver can.
        v1::DecideApprovalResponse decided;
        const std::string key = newKey();
        QVERIFY(recon.decide(v1::ROLE_PAYMENTS_APPROVER, approval.id(), true, &decided, key).ok());
        QCOMPARE(decided.approval().state(), v1::APPROVAL_STATE_APPROVED);
        QCOMPARE(decided.approval().decided_by(), std::string("approver@sim"));
        QCOMPARE(decided.approval().mismatch().status(), v1::MISMATCH_STATUS_RESOLVED);
        QVERIFY(decided.approval().mismatch().pending_approval_id().empty());
        const v1::MismatchDetail d = recon.get(big.id());
        const auto captures = transactionsOf(d, v1::TRANSACTION_KIND_CAPTURE);
        QCOMPARE(captures.size(), size_t(1));
        QCOMPARE(captures[0].amount().amount_minor(), big.amount().amount_minor());
        {  // replayed, not applied twice; decided is decided
            v1::DecideApprovalResponse again;
            QVERIFY(
                recon.decide(v1::ROLE_PAYMENTS_APPROVER, approval.id(), true, &again, key).ok());
            QVERIFY(again.receipt().replayed());
            const grpc::Status twice =
                recon.decide(v1::ROLE_PAYMENTS_APPROVER, approval.id(), false, &again);
            QCOMPARE(detailOf(twice).reason(), std::string("ALREADY_DECIDED"));
        }
        QCOMPARE(recon.approvals(false).approvals_size(), 0);
        QCOMPARE(recon.approvals(true).approvals_size(), 1);

        // An approver's own request needs another approver.
        const v1::Mismatch own = recon.first(v1::MISMATCH_TYPE_CHARGEBACK_WITHOUT_ORDER, 50000, 0,
                                             {"USD", "EUR", "GBP"});
        v1::ResolveMismatchResponse mine;
        QVERIFY(recon
                    .resolve(v1::ROLE_PAYMENTS_APPROVER,
                             recon.resolveOf(own, v1::RESOLUTION_ACTION_WRITE_OFF, "lost, sadly"),
                             &mine)
                    .ok());
        QCOMPARE(mine.approval().requested_by(), std::string("approver@sim"));
        {
            v1::DecideApprovalResponse response;
            const grpc::Status self =
                recon.decide(v1::ROLE_PAYMENTS_APPROVER, mine.approval().id(), true, &response);
            QCOMPARE(self.error_code(), grpc::StatusCode::PERMISSION_DENIED);
            QCOMPARE(detailOf(self).reason(), std::string("SELF_APPROVAL"));
            QCOMPARE(recon.get(own.id()).mismatch().status(), v1::MISMATCH_STATUS_PENDING_APPROVAL);
        }

        // Rejected: open again, nothing moved.
        const v1::Mismatch dup =
            recon.first(v1::MISMATCH_TYPE_DUPLICATE_CAPTURE, 50000, 0, {"USD", "EUR", "GBP"});
        v1::ResolveMismatchResponse refund;
        QVERIFY(recon
                    .resolve(v1::ROLE_OPERATOR, recon.resolveOf(dup, v1::RESOLUTION_ACTION_REFUND),
                             &refund)
                    .ok());
        QCOMPARE(refund.mismatch().status(), v1::MISMATCH_STATUS_PENDING_APPROVAL);
        v1::DecideApprovalResponse rejected;
        QVERIFY(recon.decide(v1::ROLE_PAYMENTS_APPROVER, refund.approval().id(), false, &rejected)
                    .ok());
        QCOMPARE(rejected.approval().state(), v1::APPROVAL_STATE_REJECTED);
        const v1::MismatchDetail back = recon.get(dup.id());
        QCOMPARE(back.mismatch().status(), v1::MISMATCH_STATUS_OPEN);
        QCOMPARE(back.mismatch().version(), dup.version() + 2);
        QVERIFY(transactionsOf(back, v1::TRANSACTION_KIND_REFUND).empty());
        QVERIFY(hasAction(back, v1::RESOLUTION_ACTION_REFUND));
        QCOMPARE(back.notes(back.notes_size() - 1).text(),
                 std::string("rejected: not without a ticket"));

        // Yen: the threshold's value in dollars, 75,000 JPY.
        const v1::Mismatch yen =
            recon.first(v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE, 75000, 0, {"JPY"});
        v1::ResolveMismatchResponse heldYen;
        QVERIFY(recon
                    .resolve(v1::ROLE_OPERATOR,
                             recon.resolveOf(yen, v1::RESOLUTION_ACTION_RETRY_CAPTURE), &heldYen)
                    .ok());
        QCOMPARE(heldYen.mismatch().status(), v1::MISMATCH_STATUS_PENDING_APPROVAL);

        std::vector<std::string> kinds;
        for (const v1::AppliedAction& a : recon.applied("recon."))
            kinds.push_back(a.kind());
        QCOMPARE(kinds, (std::vector<std::string>{
                            "recon.resolve", "recon.approval.request", "recon.approval.approve",
                            "recon.approval.request", "recon.approval.request",
                            "recon.approval.reject", "recon.approval.request"}));
        // Pending approvals, newest first.
        const v1::ListApprovalsResponse pending = recon.approvals(false);
        QCOMPARE(pending.approvals_size(), 2);
        QCOMPARE(pending.approvals(0).mismatch_id(), yen.id());
        QCOMPARE(pending.approvals(1).mismatch_id(), own.id());
        QCOMPARE(pending.page().total_size(), int64_t(2));
    }

    void changesAreStreamed()
    {
        ActionFixture sim(reconSettings(2000, kNoApprovals));
        Recon recon(sim);
        StreamWatcher<v1::MismatchEvent> watcher(mismatchEvents(sim));
        const v1::Mismatch m = recon.first(v1::MISMATCH_TYPE_AMOUNT_MISMATCH);
        QTRY_VERIFY_WITH_TIMEOUT(!watcher.events().empty(), 3000);  // a heartbeat
        v1::AssignMismatchResponse assigned;
        QVERIFY(recon.assign(v1::ROLE_OPERATOR, m, "noor@sim", &assigned).ok());
        v1::ResolveMismatchResponse resolved;
        QVERIFY(
            recon
                .resolve(v1::ROLE_OPERATOR,
                         recon.resolveOf(assigned.mismatch(), v1::RESOLUTION_ACTION_MARK_MATCHED,
                                         "rounding, agreed"),
                         &resolved)
                .ok());
        QTRY_COMPARE_WITH_TIMEOUT(changesOf(watcher.events()).size(), size_t(2), 5000);
        const auto changes = changesOf(watcher.events());
        QCOMPARE(changes[0].kind(), v1::MISMATCH_EVENT_KIND_UPDATED);
        QCOMPARE(changes[0].mismatch().assignee(), std::string("noor@sim"));
        QCOMPARE(changes[1].kind(), v1::MISMATCH_EVENT_KIND_RESOLVED);
        QCOMPARE(changes[1].mismatch().status(), v1::MISMATCH_STATUS_RESOLVED);
        QCOMPARE(changes[1].sequence(), changes[0].sequence() + 1);
        QCOMPARE(changes[0].stream_epoch(), sim.platform->streamEpoch());
        // A list says where the stream stood.
        QCOMPARE(recon.list({}).up_to_sequence(), changes[1].sequence());

        // Resume after the first change: the second, nothing twice.
        StreamWatcher<v1::MismatchEvent> resumed(
            mismatchEvents(sim, sim.platform->streamEpoch(), changes[0].sequence()));
        QTRY_COMPARE_WITH_TIMEOUT(changesOf(resumed.events()).size(), size_t(1), 5000);
        QCOMPARE(changesOf(resumed.events())[0].sequence(), changes[1].sequence());
        // Another epoch: start over.
        StreamWatcher<v1::MismatchEvent> stale(mismatchEvents(sim, "not-this-one", 1));
        QTRY_VERIFY_WITH_TIMEOUT(stale.done(), 5000);
    }

    // settlement-file: 50,000 mismatches land 30 simulated seconds in (half
    // a wall second at 60x) and are streamed at once.
    void aSettlementFileIsABurst()
    {
        ActionFixture sim(reconSettings(2000, 50000, "settlement-file", 60));
        Recon recon(sim);
        // From sequence 0 of this run, so nothing is missed however late it starts.
        StreamWatcher<v1::MismatchEvent> watcher(
            mismatchEvents(sim, sim.platform->streamEpoch(), 0), 60);
        QElapsedTimer timer;
        timer.start();
        QTRY_COMPARE_WITH_TIMEOUT(changesOf(watcher.events()).size(), size_t(50000), 30000);
        qInfo("50,000 created events streamed %lld ms after the start (the file lands at 500 ms)",
              timer.elapsed());
        const auto changes = changesOf(watcher.events());
        std::set<std::string> ids;
        for (size_t i = 0; i < changes.size(); ++i) {
            QCOMPARE(changes[i].sequence(), uint64_t(i + 1));
            QCOMPARE(changes[i].kind(), v1::MISMATCH_EVENT_KIND_CREATED);
            QCOMPARE(changes[i].mismatch().provider_id(), std::string("payments-globex"));
            ids.insert(changes[i].mismatch().id());
        }
        QCOMPARE(ids.size(), size_t(50000));
        QCOMPARE(*ids.begin(), std::string("mm-000002001"));
        const v1::ListMismatchesResponse list = recon.list({});
        QCOMPARE(list.page().total_size(), int64_t(52000));
        QCOMPARE(list.up_to_sequence(), uint64_t(50000));
        v1::ListMismatchesRequest globex;
        globex.mutable_filter()->add_provider_ids("payments-globex");
        globex.set_descending(true);
        const v1::ListMismatchesResponse newest = recon.list(globex);
        QVERIFY(newest.page().total_size() > 50000);
        QCOMPARE(newest.mismatches(0).detected_at().seconds(), kStart + 30);
        QCOMPARE(newest.mismatches(0).id(), std::string("mm-000002001"));  // ties by id
    }
};

QTEST_GUILESS_MAIN(TestReconActions)
#include "tst_recon_actions.moc"
