// Rollback and kill switch end to end against the simulator: the platform
// confirms, the journey recovers, a lost response retried with the same key
// applies once (by the simulator's own count), a stale version is refused
// with the current one, and a viewer cannot act.
#include "action_executor.h"
#include "change_feed_client.h"
#include "health_store.h"
#include "journey_health_client.h"
#include "platform_channel.h"
#include "sim_fixture.h"
#include "watchfloor/v1/simulator_control.grpc.pb.h"

#include <grpcpp/create_channel.h>
#include <QSignalSpy>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

EndpointConfig endpoint(const SimFixture& sim, const QString& role)
{
    EndpointConfig c;
    c.target = sim.endpoint();
    c.token = sim.token(role);
    c.callDeadlineMs = 3000;
    return c;
}

// Everything a console holds, without the widgets.
struct Console {
    HealthStore store;
    JourneyHealthClient health;
    DeployFeedClient deploys;
    FlagFeedClient flags;
    ActionExecutor actions;
    QVector<Deploy> deployList;
    QVector<Flag> flagList;
    QVector<ActionOutcome> outcomes;

    explicit Console(const EndpointConfig& c)
    {
        store.setRecomputeInterval(20);
        QObject::connect(&health, &JourneyHealthClient::catalogReady, &store,
                         &HealthStore::setCatalog);
        QObject::connect(&health, &JourneyHealthClient::historyReady, &store,
                         &HealthStore::setHistory);
        QObject::connect(&health, &JourneyHealthClient::samplesReceived, &store,
                         &HealthStore::ingest);
        QObject::connect(&deploys, &DeployFeedClient::deploysLoaded, &store,
                         [this](const QVector<Deploy>& d, qint64) { deployList = d; });
        QObject::connect(&deploys, &DeployFeedClient::deployChanged, &store,
                         [this](const Deploy& d) {
                             for (Deploy& x : deployList)
                                 if (x.id == d.id) {
                                     x = d;
                                     return;
                                 }
                             deployList.append(d);
                         });
        QObject::connect(&flags, &FlagFeedClient::flagsLoaded, &store,
                         [this](const QVector<Flag>& f) { flagList = f; });
        QObject::connect(&flags, &FlagFeedClient::flagChanged, &store,
                         [this](const FlagChangeEvent& e) {
                             for (Flag& f : flagList)
                                 if (f.key == e.flag.key)
                                     f = e.flag;
                         });
        QObject::connect(&actions, &ActionExecutor::actionUpdated, &store,
                         [this](const ActionOutcome& o) { outcomes.append(o); });
        actions.setEndpoint(c);
        actions.setRetryDelayMs(100);
        health.start(c);
        deploys.start(c);
        flags.start(c);
    }
    ~Console()
    {
        health.stop();
        deploys.stop();
        flags.stop();
        actions.waitForIdle();
    }
    // The scenario's deploy: versions are per service and region (the
    // history's deploys are named by date, so "2026.11.25-7" is also another
    // service's, or payments-api's in another region, on that day), so all
    // three find it.
    const Deploy* findDeploy(const QString& version,
                             const QString& service = QStringLiteral("payments-api"),
                             const QString& region = QStringLiteral("eu-west")) const
    {
        for (const Deploy& d : deployList)
            if (d.version == version && d.service == service && d.region == region)
                return &d;
        return nullptr;
    }
    const Flag* findFlag(const QString& key) const
    {
        for (const Flag& f : flagList)
            if (f.key == key)
                return &f;
        return nullptr;
    }
    double sli(const QString& journey, const QString& region) const
    {
        const int j = store.catalog().journeyIndex(journey);
        const int r = store.catalog().regionIndex(region);
        return j < 0 || r < 0 ? qQNaN() : store.status(j, r).sliNow;
    }
    std::optional<ActionOutcome> finalOutcome(const QString& key) const
    {
        for (const ActionOutcome& o : outcomes)
            if (o.request.idempotencyKey == key && o.state != ActionOutcome::State::Pending)
                return o;
        return std::nullopt;
    }
};

QVector<watchfloor::v1::AppliedAction> appliedActions(const SimFixture& sim)
{
    auto stub = watchfloor::v1::SimulatorControl::NewStub(
        grpc::CreateChannel(sim.endpoint().toStdString(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    prepareCall(ctx, endpoint(sim, QStringLiteral("incident-commander")), 3000);
    watchfloor::v1::ListAppliedActionsResponse resp;
    stub->ListAppliedActions(&ctx, {}, &resp);
    return QVector<watchfloor::v1::AppliedAction>(resp.actions().begin(), resp.actions().end());
}

void dropNextResponses(const SimFixture& sim, int n)
{
    auto stub = watchfloor::v1::SimulatorControl::NewStub(
        grpc::CreateChannel(sim.endpoint().toStdString(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    prepareCall(ctx, endpoint(sim, QStringLiteral("incident-commander")), 3000);
    watchfloor::v1::SetFaultsRequest req;
    req.set_drop_next_action_responses(n);
    watchfloor::v1::SetFaultsResponse resp;
    QVERIFY(stub->SetFaults(&ctx, req, &resp).ok());
}

int countKey(const QVector<watchfloor::v1::AppliedAction>& actions, const QString& key)
{
    int n = 0;
    for (const auto& a : actions)
        n += QString::fromStdString(a.idempotency_key()) == key;
    return n;
}

}  // namespace

class TestActions : public QObject {
    Q_OBJECT
private slots:
    void rollbackRestoresTheJourney()
    {
        SimFixture sim(simOptions(QStringLiteral("bad-deploy"), 120, 21));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        Console console(endpoint(sim, QStringLiteral("incident-commander")));
        QTRY_VERIFY_WITH_TIMEOUT(console.findDeploy(QStringLiteral("2026.11.25-7")), 20000);
        const Deploy bad = *console.findDeploy(QStringLiteral("2026.11.25-7"));
        QCOMPARE(bad.service, QStringLiteral("payments-api"));
        QCOMPARE(bad.region, QStringLiteral("eu-west"));
        QVERIFY(bad.journeys.contains(QStringLiteral("payment-authorization")));
        // The deploy bites: eu-west authorization over the last 5 min falls well below 99.9%.
        QTRY_VERIFY_WITH_TIMEOUT(
            console.sli(QStringLiteral("payment-authorization"), QStringLiteral("eu-west")) < 0.95,
            20000);

        ActionRequest r;
        r.kind = ActionRequest::Kind::RollbackDeploy;
        r.deployId = bad.id;
        r.reason = QStringLiteral("payment authorization down in eu-west since this deploy");
        r.summary = QStringLiteral("roll back");
        // The canary may still be stepping: a step that lands between what the console
        // shows and the click is refused as stale (nothing applied). Like an operator,
        // wait until the console shows the newer version and roll back again.
        QString key;
        for (int attempt = 0; attempt < 5; ++attempt) {
            r.expectedVersion = console.findDeploy(QStringLiteral("2026.11.25-7"))->resourceVersion;
            key = console.actions.submit(r);
            QTRY_VERIFY_WITH_TIMEOUT(console.finalOutcome(key), 10000);
            const ActionOutcome first = *console.finalOutcome(key);
            if (first.errorReason != QStringLiteral("STALE_VERSION"))
                break;
            QCOMPARE(countKey(appliedActions(sim), key), 0);
            QTRY_VERIFY_WITH_TIMEOUT(
                console.findDeploy(QStringLiteral("2026.11.25-7"))->resourceVersion >=
                    first.currentVersion,
                10000);
        }
        const ActionOutcome o = *console.finalOutcome(key);
        QVERIFY2(o.state == ActionOutcome::State::Done, qPrintable(o.message));
        QVERIFY(!o.replayed);
        QVERIFY(!o.actionId.isEmpty());
        QCOMPARE(o.actor, QStringLiteral("ic@sim"));
        // The stream shows it rolled back, and the journey recovers (2 min drain + the 5 min
        // window).
        QTRY_COMPARE_WITH_TIMEOUT(console.findDeploy(QStringLiteral("2026.11.25-7"))->status,
                                  DeployStatus::RolledBack, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            console.sli(QStringLiteral("payment-authorization"), QStringLiteral("eu-west")) > 0.998,
            30000);
        QCOMPARE(countKey(appliedActions(sim), key), 1);
    }

    void killSwitchRestoresTheJourney()
    {
        SimFixture sim(simOptions(QStringLiteral("kill-switch"), 120, 22));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        Console console(endpoint(sim, QStringLiteral("incident-commander")));
        const QString key3ds = QStringLiteral("payments.3ds-v2-flow");
        QTRY_VERIFY_WITH_TIMEOUT(console.findFlag(key3ds), 20000);
        QCOMPARE(console.findFlag(key3ds)->kind, FlagKind::KillSwitch);
        QTRY_VERIFY_WITH_TIMEOUT(
            console.sli(QStringLiteral("payment-authorization"), QStringLiteral("eu-west")) < 0.95,
            20000);
        const Flag* f = console.findFlag(key3ds);
        QVERIFY(f->state(QStringLiteral("production"), QStringLiteral("eu-west"))->enabled);

        ActionRequest r;
        r.kind = ActionRequest::Kind::SetFlagState;
        r.flagKey = key3ds;
        r.environment = QStringLiteral("production");
        r.region = QStringLiteral("eu-west");
        r.enabled = false;
        r.expectedVersion = f->resourceVersion;
        r.reason = QStringLiteral("3DS v2 challenges time out; switching it off");
        const QString key = console.actions.submit(r);
        QTRY_VERIFY_WITH_TIMEOUT(console.finalOutcome(key), 10000);
        QVERIFY2(console.finalOutcome(key)->state == ActionOutcome::State::Done,
                 qPrintable(console.finalOutcome(key)->message));
        QTRY_VERIFY_WITH_TIMEOUT(
            !console.findFlag(key3ds)
                 ->state(QStringLiteral("production"), QStringLiteral("eu-west"))
                 ->enabled,
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            console.sli(QStringLiteral("payment-authorization"), QStringLiteral("eu-west")) > 0.998,
            30000);
    }

    void lostResponseRetriedAppliesOnce()
    {
        SimFixture sim(simOptions(QStringLiteral("bad-deploy"), 60, 23));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        Console console(endpoint(sim, QStringLiteral("incident-commander")));
        QTRY_VERIFY_WITH_TIMEOUT(console.findFlag(QStringLiteral("cart.saved-for-later")), 20000);

        // A flag change whose first response is lost.
        dropNextResponses(sim, 1);
        const Flag* f = console.findFlag(QStringLiteral("cart.saved-for-later"));
        ActionRequest r;
        r.kind = ActionRequest::Kind::SetFlagState;
        r.flagKey = f->key;
        r.environment = QStringLiteral("staging");
        r.region = QStringLiteral("us-east");
        r.enabled = !f->state(r.environment, r.region)->enabled;
        r.expectedVersion = f->resourceVersion;
        r.reason = QStringLiteral("retry test");
        const QString key = console.actions.submit(r);
        QTRY_VERIFY_WITH_TIMEOUT(console.finalOutcome(key), 10000);
        ActionOutcome o = *console.finalOutcome(key);
        QVERIFY2(o.state == ActionOutcome::State::Done, qPrintable(o.message));
        QCOMPARE(o.attempt, 2);
        QVERIFY(o.replayed);
        QCOMPARE(countKey(appliedActions(sim), key), 1);

        // The same for a rollback.
        QTRY_VERIFY_WITH_TIMEOUT(console.findDeploy(QStringLiteral("2026.11.25-7")), 20000);
        // (The simulator drops only responses to calls that apply a change;
        // the retry is answered from its idempotency store.)
        dropNextResponses(sim, 1);
        ActionRequest rb;
        rb.kind = ActionRequest::Kind::RollbackDeploy;
        rb.deployId = console.findDeploy(QStringLiteral("2026.11.25-7"))->id;
        rb.expectedVersion = console.findDeploy(QStringLiteral("2026.11.25-7"))->resourceVersion;
        rb.reason = QStringLiteral("retry test");
        const QString rbKey = console.actions.submit(rb);
        QTRY_VERIFY_WITH_TIMEOUT(console.finalOutcome(rbKey), 10000);
        o = *console.finalOutcome(rbKey);
        QVERIFY2(o.state == ActionOutcome::State::Done, qPrintable(o.message));
        QCOMPARE(o.attempt, 2);
        QVERIFY(o.replayed);
        QCOMPARE(countKey(appliedActions(sim), rbKey), 1);
    }

    void staleVersionIsRefusedWithTheCurrentOne()
    {
        SimFixture sim(simOptions(QStringLiteral("quiet-day"), 60, 24));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        Console console(endpoint(sim, QStringLiteral("incident-commander")));
        QTRY_VERIFY_WITH_TIMEOUT(console.findFlag(QStringLiteral("cart.saved-for-later")), 20000);
        const Flag f = *console.findFlag(QStringLiteral("cart.saved-for-later"));
        ActionRequest r;
        r.kind = ActionRequest::Kind::SetFlagState;
        r.flagKey = f.key;
        r.environment = QStringLiteral("production");
        r.region = QStringLiteral("eu-west");
        r.enabled = true;
        r.expectedVersion = f.resourceVersion + 7;  // not what the platform has
        r.reason = QStringLiteral("stale");
        const QString key = console.actions.submit(r);
        QTRY_VERIFY_WITH_TIMEOUT(console.finalOutcome(key), 10000);
        const ActionOutcome o = *console.finalOutcome(key);
        QCOMPARE(o.state, ActionOutcome::State::Failed);
        QCOMPARE(o.errorReason, QStringLiteral("STALE_VERSION"));
        QCOMPARE(o.currentVersion, f.resourceVersion);
        QCOMPARE(o.attempt, 1);  // a refusal is never retried
        QCOMPARE(countKey(appliedActions(sim), key), 0);
    }

    void rolesDecideWhoMayAct()
    {
        SimFixture sim(simOptions(QStringLiteral("bad-deploy"), 60, 25));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        {
            Console viewer(endpoint(sim, QStringLiteral("viewer")));
            QSignalSpy session(&viewer.actions, &ActionExecutor::sessionChanged);
            viewer.actions.refreshSession();
            QTRY_COMPARE_WITH_TIMEOUT(session.count(), 1, 10000);
            QCOMPARE(viewer.actions.session().role, Role::Viewer);
            QVERIFY(!viewer.actions.session().may(QStringLiteral("deploys.rollback")));
            QTRY_VERIFY_WITH_TIMEOUT(viewer.findDeploy(QStringLiteral("2026.11.25-7")), 20000);
            ActionRequest r;
            r.kind = ActionRequest::Kind::RollbackDeploy;
            r.deployId = viewer.findDeploy(QStringLiteral("2026.11.25-7"))->id;
            r.expectedVersion = viewer.findDeploy(QStringLiteral("2026.11.25-7"))->resourceVersion;
            r.reason = QStringLiteral("viewer tries anyway");
            const QString key = viewer.actions.submit(r);
            QTRY_VERIFY_WITH_TIMEOUT(viewer.finalOutcome(key), 10000);
            const ActionOutcome o = *viewer.finalOutcome(key);
            QCOMPARE(o.state, ActionOutcome::State::Failed);
            QCOMPARE(o.statusCode, int(grpc::StatusCode::PERMISSION_DENIED));
            QVERIFY2(o.message.startsWith(QStringLiteral("Your role may not do this")),
                     qPrintable(o.message));
            QCOMPARE(countKey(appliedActions(sim), key), 0);
        }
        {
            Console op(endpoint(sim, QStringLiteral("operator")));
            QSignalSpy session(&op.actions, &ActionExecutor::sessionChanged);
            op.actions.refreshSession();
            QTRY_COMPARE_WITH_TIMEOUT(session.count(), 1, 10000);
            QCOMPARE(op.actions.session().role, Role::Operator);
            QVERIFY(op.actions.session().may(QStringLiteral("flags.set")));
            QVERIFY(!op.actions.session().may(QStringLiteral("flags.set.kill_switch")));
            QTRY_VERIFY_WITH_TIMEOUT(op.findFlag(QStringLiteral("payments.3ds-v2-flow")), 20000);
            ActionRequest r;
            r.kind = ActionRequest::Kind::SetFlagState;
            r.flagKey = QStringLiteral("payments.3ds-v2-flow");
            r.environment = QStringLiteral("production");
            r.region = QStringLiteral("us-east");
            r.enabled = false;
            r.expectedVersion = op.findFlag(r.flagKey)->resourceVersion;
            r.reason = QStringLiteral("operator tries a kill switch");
            const QString key = op.actions.submit(r);
            QTRY_VERIFY_WITH_TIMEOUT(op.finalOutcome(key), 10000);
            QCOMPARE(op.finalOutcome(key)->statusCode, int(grpc::StatusCode::PERMISSION_DENIED));
            QVERIFY(op.finalOutcome(key)->message.contains(QStringLiteral("kill")));
        }
    }
};

QTEST_MAIN(TestActions)
#include "tst_actions.moc"
