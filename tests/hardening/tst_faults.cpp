// The console's clients under a misbehaving platform, through a loopback
// proxy between them and the real simulator: latency on everything the
// platform sends, and a platform that stops answering (connections open,
// nothing arrives) for longer than the stream's silence limit. The stream
// keeps every sample exactly once (no gap, no duplicate shown as data),
// the state goes from live to reconnecting with the reason in words and
// back to live when the platform answers again, and an action sent under
// latency is applied once. Events the platform's transport duplicates or
// swaps are neither shown twice nor lost. (Responses lost after an action was applied,
// cut connections and a restarted platform are covered in tst_actions and
// tst_journey_stream.)
#include "action_executor.h"
#include "change_conversion.h"
#include "change_feed_client.h"
#include "health_recorder.h"
#include "journey_health_client.h"
#include "platform_channel.h"
#include "sim_fixture.h"
#include "watchfloor/v1/deploy.grpc.pb.h"
#include "watchfloor/v1/flag.grpc.pb.h"
#include "watchfloor/v1/simulator_control.grpc.pb.h"

#include <grpcpp/create_channel.h>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

EndpointConfig through(const QString& target, const SimFixture& sim)
{
    EndpointConfig c;
    c.target = target;
    c.token = sim.token(QStringLiteral("incident-commander"));
    c.callDeadlineMs = 3000;
    c.streamIdleTimeoutMs = 2000;
    return c;
}

// A stub of the simulator's control service, and a call context with the
// incident commander's token.
std::unique_ptr<watchfloor::v1::SimulatorControl::Stub> control(const SimFixture& sim,
                                                                grpc::ClientContext* ctx)
{
    EndpointConfig c;
    c.token = sim.token(QStringLiteral("incident-commander"));
    prepareCall(*ctx, c, 3000);
    return watchfloor::v1::SimulatorControl::NewStub(
        grpc::CreateChannel(sim.endpoint().toStdString(), grpc::InsecureChannelCredentials()));
}

int appliedWithKey(const SimFixture& sim, const QString& key)
{
    grpc::ClientContext ctx;
    auto stub = control(sim, &ctx);
    watchfloor::v1::ListAppliedActionsResponse resp;
    if (!stub->ListAppliedActions(&ctx, {}, &resp).ok())
        return -1;
    int n = 0;
    for (const auto& a : resp.actions())
        n += QString::fromStdString(a.idempotency_key()) == key;
    return n;
}

bool setStreamFaults(const SimFixture& sim, int duplicates, int reorders)
{
    grpc::ClientContext ctx;
    auto stub = control(sim, &ctx);
    watchfloor::v1::SetFaultsRequest req;
    req.set_duplicate_stream_events(duplicates);
    req.set_reorder_stream_events(reorders);
    watchfloor::v1::SetFaultsResponse resp;
    return stub->SetFaults(&ctx, req, &resp).ok();
}

// Every deploy the platform has: id -> resource version.
QHash<QString, qint64> serverDeployVersions(const SimFixture& sim, qint64 startedFromMs)
{
    auto stub = watchfloor::v1::DeployService::NewStub(
        grpc::CreateChannel(sim.endpoint().toStdString(), grpc::InsecureChannelCredentials()));
    EndpointConfig c;
    c.token = sim.token(QStringLiteral("incident-commander"));
    QHash<QString, qint64> out;
    watchfloor::v1::ListDeploysRequest req;
    req.mutable_page()->set_page_size(1000);
    do {
        grpc::ClientContext ctx;
        prepareCall(ctx, c, 5000);
        watchfloor::v1::ListDeploysResponse resp;
        if (!stub->ListDeploys(&ctx, req, &resp).ok())
            return {};
        for (const auto& d : resp.deploys()) {
            const Deploy deploy = toDeploy(d);
            if (deploy.startedMs >= startedFromMs)
                out.insert(deploy.id, deploy.resourceVersion);
        }
        req.mutable_page()->set_page_token(resp.page().next_page_token());
    } while (!req.page().page_token().empty());
    return out;
}

}  // namespace

class TestFaults : public QObject {
    Q_OBJECT
private slots:
    void latency()
    {
        SimFixture sim(simOptions(QStringLiteral("quiet-day"), 120, 9));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        LoopbackProxy proxy;
        QVERIFY(proxy.start(sim.endpoint()) > 0);
        proxy.setDelay(400);
        JourneyHealthClient client;
        HealthRecorder rec(&client);
        client.start(through(proxy.endpoint(), sim));
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= 15 * 30, 20000);
        QVERIFY(rec.sawState(ConnectionState::Live));
        QCOMPARE(rec.checkContiguous(), QString());
        QCOMPARE(client.counters().duplicates.load(), qint64(0));

        // An action under the same latency: confirmed, applied once.
        ActionExecutor actions;
        actions.setEndpoint(through(proxy.endpoint(), sim));
        QVector<ActionOutcome> done;
        connect(&actions, &ActionExecutor::actionUpdated, this, [&](const ActionOutcome& o) {
            if (o.state != ActionOutcome::State::Pending)
                done.append(o);
        });
        auto flags = watchfloor::v1::FlagService::NewStub(
            grpc::CreateChannel(sim.endpoint().toStdString(), grpc::InsecureChannelCredentials()));
        grpc::ClientContext ctx;
        prepareCall(ctx, through(sim.endpoint(), sim), 3000);
        watchfloor::v1::ListFlagsRequest list;
        list.set_text("cart.saved-for-later");
        watchfloor::v1::ListFlagsResponse found;
        QVERIFY(flags->ListFlags(&ctx, list, &found).ok());
        QCOMPARE(found.flags_size(), 1);
        bool enabled = false;
        for (const auto& st : found.flags(0).states())
            if (st.environment() == "staging" && st.region() == "us-east")
                enabled = st.enabled();
        ActionRequest r;
        r.kind = ActionRequest::Kind::SetFlagState;
        r.flagKey = QStringLiteral("cart.saved-for-later");
        r.environment = QStringLiteral("staging");
        r.region = QStringLiteral("us-east");
        r.enabled = !enabled;
        r.expectedVersion = found.flags(0).resource_version();
        r.reason = QStringLiteral("latency test");
        const QString key = actions.submit(r);
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 15000);
        QVERIFY2(done.first().state == ActionOutcome::State::Done,
                 qPrintable(done.first().message));
        QCOMPARE(appliedWithKey(sim, key), 1);
        client.stop();
        actions.waitForIdle();
    }

    void platformStopsAnsweringThenComesBack()
    {
        SimFixture sim(simOptions(QStringLiteral("quiet-day"), 120, 10));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        LoopbackProxy proxy;
        QVERIFY(proxy.start(sim.endpoint()) > 0);
        JourneyHealthClient client;
        HealthRecorder rec(&client);
        client.start(through(proxy.endpoint(), sim));
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= 15 * 20, 20000);
        const qsizetype statusesBefore = rec.statuses.size();

        proxy.setFrozen(true);
        // Silence past the limit: the stream is given up and reopened, and
        // the state says so in words.
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(rec.statuses.begin() + statusesBefore, rec.statuses.end(),
                        [](const ConnectionStatus& s) {
                            return s.state == ConnectionState::Reconnecting && !s.detail.isEmpty();
                        }),
            15000);
        const size_t duringFreeze = rec.sequences.size();
        QTest::qWait(1500);
        QVERIFY(rec.sequences.size() <=
                duringFreeze + 15 * 60);  // nothing new flows, nothing invented

        proxy.setFrozen(false);
        QTRY_VERIFY_WITH_TIMEOUT(rec.statuses.last().state == ConnectionState::Live, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= duringFreeze + 15 * 30, 20000);
        // Every sample once, in order, across the silence.
        QCOMPARE(rec.checkContiguous(), QString());
        QCOMPARE(client.counters().duplicates.load(), qint64(0));
        client.stop();
    }

    // The platform's transport sends events twice and swaps pairs of events:
    // no sample is shown twice, none goes missing, the console says what
    // happened while it re-reads, and it is live again once the fault ends.
    void duplicatedAndReorderedEvents()
    {
        SimFixture sim(simOptions(QStringLiteral("quiet-day"), 120, 11));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        JourneyHealthClient client;
        HealthRecorder rec(&client);
        client.start(through(sim.endpoint(), sim));
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= 15 * 10, 20000);
        const qsizetype statusesBefore = rec.statuses.size();

        QVERIFY(setStreamFaults(sim, 12, 12));
        QTRY_VERIFY_WITH_TIMEOUT(client.counters().duplicates.load() >= 15 * 3, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(client.counters().gaps.load() >= 3, 20000);
        QVERIFY(std::any_of(rec.statuses.begin() + statusesBefore, rec.statuses.end(),
                            [](const ConnectionStatus& s) {
                                return s.state == ConnectionState::Reconnecting &&
                                       s.detail.contains(QStringLiteral("out of order"));
                            }));
        // The fault counts run out: live again, and the samples keep coming.
        const size_t afterFaults = rec.sequences.size();
        QTRY_VERIFY_WITH_TIMEOUT(rec.statuses.last().state == ConnectionState::Live, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= afterFaults + 15 * 30, 20000);
        // Every sample once, in order, through all of it.
        QCOMPARE(rec.checkContiguous(), QString());
        client.stop();
    }

    // The same transport faults on a change feed (deploys): each deploy ends
    // up as the platform has it, with no change lost to a swap.
    void duplicatedAndReorderedChanges()
    {
        SimFixture sim(simOptions(QStringLiteral("quiet-day"), 600, 12));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        DeployFeedClient client;
        QHash<QString, Deploy> deploys;
        qint64 snapshotMs = 0;
        int changes = 0;
        QVector<ConnectionStatus> statuses;
        connect(&client, &DeployFeedClient::deploysLoaded, this,
                [&](const QVector<Deploy>& list, qint64 platformTimeMs) {
                    deploys.clear();
                    for (const Deploy& d : list)
                        deploys.insert(d.id, d);
                    snapshotMs = platformTimeMs;
                });
        connect(&client, &DeployFeedClient::deployChanged, this, [&](const Deploy& d) {
            deploys.insert(d.id, d);
            ++changes;
        });
        connect(&client, &FeedWorker::statusChanged, this,
                [&](const ConnectionStatus& st) { statuses.append(st); });
        client.start(through(sim.endpoint(), sim));
        QTRY_VERIFY_WITH_TIMEOUT(changes >= 5, 30000);

        QVERIFY(setStreamFaults(sim, 10, 10));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(statuses.begin(), statuses.end(),
                        [](const ConnectionStatus& st) {
                            return st.detail.contains(QStringLiteral("out of order"));
                        }),
            30000);
        const int afterFaults = changes;
        QTRY_VERIFY_WITH_TIMEOUT(changes >= afterFaults + 40, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(statuses.last().state == ConnectionState::Live, 10000);
        // What the console shows equals the platform's deploys (changes keep
        // coming, so compare until a moment both agree).
        const auto agree = [&] {
            const QHash<QString, qint64> server =
                serverDeployVersions(sim, snapshotMs - 24 * 3600 * 1000LL);
            if (server.isEmpty())
                return false;
            for (auto it = server.begin(); it != server.end(); ++it)
                if (!deploys.contains(it.key()) ||
                    deploys.value(it.key()).resourceVersion != it.value())
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(agree(), 20000);
        client.stop();
    }
};

QTEST_MAIN(TestFaults)
#include "tst_faults.moc"
