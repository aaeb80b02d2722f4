// The vendor outage against the simulator: the breaker opens while the status
// page says operational (flagged), failover restores payment authorization,
// and failback is refused while the provider still fails.
#include "action_executor.h"
#include "change_feed_client.h"
#include "health_store.h"
#include "journey_health_client.h"
#include "sim_fixture.h"
#include "vendor_grid_model.h"

#include <QtTest>

using namespace wf;
using namespace wf::test;

class TestVendorFailover : public QObject {
    Q_OBJECT
private slots:
    void failoverRestoresPaymentsAndFailbackWaits()
    {
        SimFixture sim(simOptions(QStringLiteral("vendor-outage"), 120, 41));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        EndpointConfig c;
        c.target = sim.endpoint();
        c.token = sim.token(QStringLiteral("incident-commander"));
        HealthStore store;
        store.setRecomputeInterval(20);
        VendorGridModel vendors;
        JourneyHealthClient health;
        VendorFeedClient feed;
        ActionExecutor actions;
        actions.setRetryDelayMs(100);
        QVector<ActionOutcome> outcomes;
        connect(&health, &JourneyHealthClient::catalogReady, &store, &HealthStore::setCatalog);
        connect(&health, &JourneyHealthClient::historyReady, &store, &HealthStore::setHistory);
        connect(&health, &JourneyHealthClient::samplesReceived, &store, &HealthStore::ingest);
        connect(&feed, &VendorFeedClient::vendorsLoaded, &vendors, &VendorGridModel::setVendors);
        connect(&feed, &VendorFeedClient::vendorChanged, &vendors, &VendorGridModel::applyVendor);
        connect(&feed, &VendorFeedClient::routingChanged, &vendors, &VendorGridModel::applyRouting);
        connect(&actions, &ActionExecutor::actionUpdated, this, [&](const ActionOutcome& o) {
            vendors.applyActionOutcome(o);
            if (o.state != ActionOutcome::State::Pending)
                outcomes.append(o);
        });
        actions.setEndpoint(c);
        health.start(c);
        feed.start(c);
        const QString eu = QStringLiteral("eu-west");
        auto sli = [&] {
            const int j = store.catalog().journeyIndex(QStringLiteral("payment-authorization"));
            const int r = store.catalog().regionIndex(eu);
            return j < 0 || r < 0 ? qQNaN() : store.status(j, r).sliNow;
        };

        // The breaker opens while the vendor's page still says operational.
        // (The error rate is flagged first; then the breaker trips.)
        QTRY_VERIFY_WITH_TIMEOUT(vendors.disagreements().join('\n').contains(QStringLiteral(
                                     "in eu-west: breaker open, vendor says operational")),
                                 30000);
        QTRY_VERIFY_WITH_TIMEOUT(sli() < 0.95, 20000);

        const CategoryRouting* routing = vendors.routing(VendorCategory::PaymentProvider, eu);
        QVERIFY(routing);
        QCOMPARE(routing->servingVendorId, routing->primaryVendorId);
        ActionRequest over;
        over.kind = ActionRequest::Kind::Failover;
        over.category = VendorCategory::PaymentProvider;
        over.region = eu;
        over.targetVendorId = routing->secondaryVendorId;
        over.expectedVersion = routing->resourceVersion;
        over.reason = QStringLiteral("acme failing in eu-west; globex healthy");
        actions.submit(over);
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), qsizetype(1), 10000);
        QVERIFY2(outcomes[0].state == ActionOutcome::State::Done, qPrintable(outcomes[0].message));
        QTRY_COMPARE_WITH_TIMEOUT(
            vendors.routing(VendorCategory::PaymentProvider, eu)->servingVendorId,
            over.targetVendorId, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(sli() > 0.998, 30000);

        // Failing back while acme still fails is refused, in words.
        ActionRequest back;
        back.kind = ActionRequest::Kind::Failback;
        back.category = VendorCategory::PaymentProvider;
        back.region = eu;
        back.expectedVersion =
            vendors.routing(VendorCategory::PaymentProvider, eu)->resourceVersion;
        back.reason = QStringLiteral("too early");
        actions.submit(back);
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), qsizetype(2), 10000);
        QCOMPARE(outcomes[1].state, ActionOutcome::State::Failed);
        QCOMPARE(outcomes[1].errorReason, QStringLiteral("PRIMARY_UNHEALTHY"));
        QVERIFY2(outcomes[1].message.contains(QStringLiteral("still failing")),
                 qPrintable(outcomes[1].message));
        health.stop();
        feed.stop();
        actions.waitForIdle();
    }
};

QTEST_MAIN(TestVendorFailover)
#include "tst_vendor_failover.moc"
