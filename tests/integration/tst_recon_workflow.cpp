// Reconciliation actions from the console's side against the simulator:
// each action really changes the platform's data; money above the threshold
// waits for a second person, who can never be the maker; a bulk run whose
// responses are dropped applies each item exactly once.
#include "action_executor.h"
#include "platform_channel.h"
#include "recon_bulk_run.h"
#include "recon_query_client.h"
#include "sim_fixture.h"
#include "watchfloor/v1/simulator_control.grpc.pb.h"

#include <grpcpp/create_channel.h>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

EndpointConfig endpointAs(const SimFixture& sim, const QString& role)
{
    EndpointConfig c;
    c.target = sim.endpoint();
    c.token = sim.token(role);
    return c;
}

// Synchronous reads for the test, through the console's own client.
struct Reader {
    ReconQueryClient client;
    quint64 generation = 0;

    QVector<Mismatch> page(const MismatchQuery& q, int limit = 50)
    {
        QSignalSpy spy(&client, &ReconQueryClient::pageLoaded);
        client.fetchPage(++generation, q, 0, limit);
        // The answer comes from another thread and may come before a wait()
        // would start: wait for the spy to hold it instead.
        if (!QTest::qWaitFor([&] { return !spy.isEmpty(); }, 5000))
            return {};
        return spy[0][0].value<MismatchPage>().rows;
    }
    MismatchDetail detail(const QString& id)
    {
        QSignalSpy spy(&client, &ReconQueryClient::detailLoaded);
        QSignalSpy failed(&client, &ReconQueryClient::detailFailed);
        client.fetchDetail(id);
        if (!QTest::qWaitFor([&] { return !spy.isEmpty() || !failed.isEmpty(); }, 5000) ||
            spy.isEmpty()) {
            qWarning("detail of %s: %s", qPrintable(id),
                     failed.isEmpty() ? "no answer" : qPrintable(failed[0][1].toString()));
            return {};
        }
        return spy[0][0].value<MismatchDetail>();
    }
    QVector<Approval> approvals()
    {
        QSignalSpy spy(&client, &ReconQueryClient::approvalsLoaded);
        client.fetchApprovals(false);
        if (!QTest::qWaitFor([&] { return !spy.isEmpty(); }, 5000))
            return {};
        return spy[0][0].value<QVector<Approval>>();
    }
};

// Runs one action to its end and returns the final outcome.
ActionOutcome run(ActionExecutor& executor, ActionRequest r)
{
    ActionOutcome last;
    QObject guard;
    r.idempotencyKey =
        r.idempotencyKey.isEmpty() ? ActionExecutor::newIdempotencyKey() : r.idempotencyKey;
    QObject::connect(&executor, &ActionExecutor::actionUpdated, &guard,
                     [&](const ActionOutcome& o) {
                         if (o.request.idempotencyKey == r.idempotencyKey &&
                             o.state != ActionOutcome::State::Pending)
                             last = o;
                     });
    executor.submit(r);
    // Pending with a message until the end: "no answer" is a failure too.
    last.message = QStringLiteral("no final outcome within 10 s");
    (void)QTest::qWaitFor([&] { return last.state != ActionOutcome::State::Pending; }, 10000);
    return last;
}

ActionRequest resolveRequest(const Mismatch& m, ResolutionAction a, const QString& note = {})
{
    ActionRequest r;
    r.kind = ActionRequest::Kind::ResolveMismatch;
    r.mismatchId = m.id;
    r.resolution = a;
    r.expectedVersion = m.version;
    r.reason = QStringLiteral("test: %1").arg(resolutionActionName(a));
    r.note = note;
    r.summary = r.reason;
    return r;
}

MismatchQuery ofType(MismatchType t, qint64 minAmount = 0, qint64 maxAmount = 0)
{
    MismatchQuery q;
    q.filter.types = {t};
    q.filter.statuses = {MismatchStatus::Open};
    q.filter.currencies = {QStringLiteral("EUR"), QStringLiteral("USD")};
    q.filter.minAmountMinor = minAmount;
    q.filter.maxAmountMinor = maxAmount;
    return q;
}

// Transactions of a kind that went through (a failed capture attempt is
// part of some mismatches' story, not a capture).
int countOf(const MismatchDetail& d, TransactionKind k)
{
    return int(std::count_if(d.transactions.begin(), d.transactions.end(),
                             [k](const ProviderTransaction& t) {
                                 return t.kind == k && t.status == QLatin1String("succeeded");
                             }));
}

QVector<watchfloor::v1::AppliedAction> appliedActions(const SimFixture& sim)
{
    auto stub = watchfloor::v1::SimulatorControl::NewStub(
        grpc::CreateChannel(sim.endpoint().toStdString(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    prepareCall(ctx, endpointAs(sim, QStringLiteral("incident-commander")), 3000);
    watchfloor::v1::ListAppliedActionsResponse resp;
    stub->ListAppliedActions(&ctx, {}, &resp);
    return {resp.actions().begin(), resp.actions().end()};
}

}  // namespace

class TestReconWorkflow : public QObject {
    Q_OBJECT
private slots:
    void eachActionChangesThePlatformsData()
    {
        SimulatorOptions o = simOptions(QStringLiteral("quiet-day"), 10, 21);
        o.extraArguments << QStringLiteral("--recon-size") << QStringLiteral("4000")
                         << QStringLiteral("--approval-threshold-minor")
                         << QStringLiteral("100000000");  // nothing waits for approval here
        SimFixture sim(o);
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        Reader read;
        read.client.setEndpoint(endpointAs(sim, QStringLiteral("viewer")));
        ActionExecutor ops;
        ops.setEndpoint(endpointAs(sim, QStringLiteral("operator")));

        const QVector<Mismatch> noCapture = read.page(ofType(MismatchType::OrderWithoutCapture));
        const QVector<Mismatch> noOrder = read.page(ofType(MismatchType::CapturedWithoutOrder));
        const QVector<Mismatch> duplicate = read.page(ofType(MismatchType::DuplicateCapture));
        const QVector<Mismatch> fee = read.page(ofType(MismatchType::FeeDiscrepancy));
        QVERIFY(noCapture.size() >= 3 && noOrder.size() >= 2 && !duplicate.isEmpty() &&
                !fee.isEmpty());

        // Retry capture: the capture now exists and the mismatch is resolved.
        MismatchDetail before = read.detail(noCapture[0].id);
        QVERIFY(before.applicable.contains(ResolutionAction::RetryCapture));
        ActionOutcome out = run(ops, resolveRequest(noCapture[0], ResolutionAction::RetryCapture));
        QVERIFY2(out.state == ActionOutcome::State::Done, qPrintable(out.message));
        QCOMPARE(out.mismatch->status, MismatchStatus::Resolved);
        MismatchDetail after = read.detail(noCapture[0].id);
        QCOMPARE(countOf(after, TransactionKind::Capture),
                 countOf(before, TransactionKind::Capture) + 1);
        QCOMPARE(after.mismatch.status, MismatchStatus::Resolved);
        QVERIFY(after.mismatch.version > noCapture[0].version);
        QVERIFY(after.applicable.isEmpty());  // nothing left to do on it

        // Void the authorization instead.
        before = read.detail(noCapture[1].id);
        out = run(ops, resolveRequest(noCapture[1], ResolutionAction::VoidAuthorization));
        QVERIFY2(out.state == ActionOutcome::State::Done, qPrintable(out.message));
        QCOMPARE(countOf(read.detail(noCapture[1].id), TransactionKind::Void),
                 countOf(before, TransactionKind::Void) + 1);

        // Write off needs a note, and keeps it.
        out = run(ops, resolveRequest(noCapture[2], ResolutionAction::WriteOff));
        QCOMPARE(out.state, ActionOutcome::State::Failed);
        QCOMPARE(out.statusCode, int(grpc::StatusCode::INVALID_ARGUMENT));
        out = run(ops, resolveRequest(noCapture[2], ResolutionAction::WriteOff,
                                      QStringLiteral("customer never paid; below recovery cost")));
        QVERIFY2(out.state == ActionOutcome::State::Done, qPrintable(out.message));
        after = read.detail(noCapture[2].id);
        QCOMPARE(after.mismatch.status, MismatchStatus::WrittenOff);
        QVERIFY(std::any_of(after.notes.begin(), after.notes.end(), [](const MismatchNote& n) {
            return n.text.contains(QStringLiteral("below recovery cost"));
        }));

        // The missing order record is created.
        QVERIFY(!read.detail(noOrder[0].id).hasOrder);
        out = run(ops, resolveRequest(noOrder[0], ResolutionAction::CreateOrderRecord));
        QVERIFY2(out.state == ActionOutcome::State::Done, qPrintable(out.message));
        after = read.detail(noOrder[0].id);
        QVERIFY(after.hasOrder);
        QCOMPARE(after.mismatch.status, MismatchStatus::Resolved);

        // A refund goes back to the customer.
        before = read.detail(noOrder[1].id);
        out = run(ops, resolveRequest(noOrder[1], ResolutionAction::Refund));
        QVERIFY2(out.state == ActionOutcome::State::Done, qPrintable(out.message));
        QCOMPARE(countOf(read.detail(noOrder[1].id), TransactionKind::Refund),
                 countOf(before, TransactionKind::Refund) + 1);

        // Mark matched with a note; escalate to the provider.
        out = run(ops, resolveRequest(duplicate[0], ResolutionAction::MarkMatched,
                                      QStringLiteral("second capture is a split shipment")));
        QVERIFY2(out.state == ActionOutcome::State::Done, qPrintable(out.message));
        QCOMPARE(read.detail(duplicate[0].id).mismatch.status, MismatchStatus::Resolved);
        out = run(ops, resolveRequest(fee[0], ResolutionAction::EscalateToProvider));
        QVERIFY2(out.state == ActionOutcome::State::Done, qPrintable(out.message));
        QCOMPARE(read.detail(fee[0].id).mismatch.status, MismatchStatus::Escalated);

        // An action that does not apply is refused in words.
        out = run(ops, resolveRequest(fee[0], ResolutionAction::CreateOrderRecord));
        QCOMPARE(out.state, ActionOutcome::State::Failed);
        QVERIFY2(!out.message.isEmpty(), "no message");
        // So is one based on a version someone else has moved on from.
        out = run(
            ops, resolveRequest(noOrder[0], ResolutionAction::MarkMatched, QStringLiteral("late")));
        QCOMPARE(out.state, ActionOutcome::State::Failed);
        QVERIFY2(out.errorReason == QLatin1String("STALE_VERSION") ||
                     out.errorReason == QLatin1String("ALREADY_RESOLVED"),
                 qPrintable(out.errorReason));
        read.client.stop();
        ops.waitForIdle();
    }

    void moneyAboveTheThresholdNeedsASecondPerson()
    {
        SimulatorOptions o = simOptions(QStringLiteral("quiet-day"), 10, 22);
        o.extraArguments << QStringLiteral("--recon-size") << QStringLiteral("4000");
        SimFixture sim(o);
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        Reader read;
        read.client.setEndpoint(endpointAs(sim, QStringLiteral("viewer")));
        ActionExecutor maker, approver;
        maker.setEndpoint(endpointAs(sim, QStringLiteral("operator")));
        approver.setEndpoint(endpointAs(sim, QStringLiteral("payments-approver")));

        // 500.00 and up waits (the default threshold).
        const QVector<Mismatch> big = read.page(ofType(MismatchType::OrderWithoutCapture, 50000));
        QVERIFY(big.size() >= 2);
        ActionOutcome held = run(maker, resolveRequest(big[0], ResolutionAction::RetryCapture));
        QVERIFY2(held.state == ActionOutcome::State::Done, qPrintable(held.message));
        QVERIFY(held.approval);
        QCOMPARE(held.approval->state, ApprovalState::Pending);
        QCOMPARE(held.mismatch->status, MismatchStatus::PendingApproval);
        // Not applied yet: no new capture.
        const MismatchDetail waiting = read.detail(big[0].id);
        const int capturesBefore = countOf(waiting, TransactionKind::Capture);
        QCOMPARE(capturesBefore, 0);
        QCOMPARE(waiting.mismatch.status, MismatchStatus::PendingApproval);
        const QVector<Approval> waitingList = read.approvals();
        QVERIFY(std::any_of(waitingList.begin(), waitingList.end(),
                            [&](const Approval& a) { return a.id == held.approval->id; }));

        // The maker's role cannot approve at all.
        ActionRequest decide;
        decide.kind = ActionRequest::Kind::DecideApproval;
        decide.approvalId = held.approval->id;
        decide.approve = true;
        decide.reason = QStringLiteral("looks right");
        ActionOutcome refused = run(maker, decide);
        QCOMPARE(refused.state, ActionOutcome::State::Failed);
        QCOMPARE(refused.statusCode, int(grpc::StatusCode::PERMISSION_DENIED));

        // The approver can: now the capture exists.
        ActionOutcome approved = run(approver, decide);
        QVERIFY2(approved.state == ActionOutcome::State::Done, qPrintable(approved.message));
        QCOMPARE(approved.approval->state, ApprovalState::Approved);
        const MismatchDetail done = read.detail(big[0].id);
        QCOMPARE(done.mismatch.status, MismatchStatus::Resolved);
        QCOMPARE(countOf(done, TransactionKind::Capture), capturesBefore + 1);

        // An approver who asked for it cannot approve it themselves.
        ActionOutcome own = run(approver, resolveRequest(big[1], ResolutionAction::RetryCapture));
        QVERIFY2(own.state == ActionOutcome::State::Done && own.approval, qPrintable(own.message));
        decide.approvalId = own.approval->id;
        const ActionOutcome self = run(approver, decide);
        QCOMPARE(self.state, ActionOutcome::State::Failed);
        QCOMPARE(self.errorReason, QStringLiteral("SELF_APPROVAL"));
        QCOMPARE(read.detail(big[1].id).mismatch.status, MismatchStatus::PendingApproval);
        read.client.stop();
        maker.waitForIdle();
        approver.waitForIdle();
    }

    void aBulkRunWithDroppedResponsesAppliesEachItemOnce()
    {
        SimulatorOptions o = simOptions(QStringLiteral("quiet-day"), 10, 23);
        o.extraArguments << QStringLiteral("--recon-size") << QStringLiteral("3000")
                         << QStringLiteral("--drop-action-responses") << QStringLiteral("4");
        SimFixture sim(o);
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        Reader read;
        read.client.setEndpoint(endpointAs(sim, QStringLiteral("viewer")));
        ActionExecutor ops;
        ops.setRetryDelayMs(50);
        ops.setEndpoint(endpointAs(sim, QStringLiteral("operator")));
        const QVector<Mismatch> rows = read.page(ofType(MismatchType::FeeDiscrepancy), 12);
        QCOMPARE(rows.size(), 12);

        QVector<ActionRequest> items;
        for (const Mismatch& m : rows)
            items.append(resolveRequest(m, ResolutionAction::MarkMatched,
                                        QStringLiteral("fee table updated; within tolerance")));
        int replayed = 0, retries = 0;
        connect(&ops, &ActionExecutor::actionUpdated, this, [&](const ActionOutcome& o) {
            replayed += o.state == ActionOutcome::State::Done && o.replayed;
            retries += o.state == ActionOutcome::State::Pending && o.attempt > 0;
        });
        ReconBulkRun bulk(&ops, [&](const ActionRequest& r) { ops.submit(r); });
        QSignalSpy finished(&bulk, &ReconBulkRun::finished);
        bulk.start(items, QStringLiteral("bulk-test-1"));
        QVERIFY(finished.wait(20000));
        QCOMPARE(bulk.succeeded(), 12);
        QCOMPARE(bulk.failedCount(), 0);

        auto resolves = [&] {
            int n = 0;
            for (const auto& a : appliedActions(sim))
                n += a.kind() == "recon.resolve";
            return n;
        };
        QCOMPARE(resolves(), 12);  // four answers were lost; nothing applied twice
        QCOMPARE(retries, 4);
        QCOMPARE(replayed, 4);  // the retries found the change already made
        for (const Mismatch& m : rows)
            QCOMPARE(read.detail(m.id).mismatch.status, MismatchStatus::Resolved);

        // Running the same bulk again (same run key) changes nothing.
        ReconBulkRun again(&ops, [&](const ActionRequest& r) { ops.submit(r); });
        QSignalSpy finishedAgain(&again, &ReconBulkRun::finished);
        again.start(items, QStringLiteral("bulk-test-1"));
        QVERIFY(finishedAgain.wait(20000));
        QCOMPARE(again.succeeded(), 12);
        QCOMPARE(resolves(), 12);
        read.client.stop();
        ops.waitForIdle();
    }
};

QTEST_MAIN(TestReconWorkflow)
#include "tst_recon_workflow.moc"
