// The vendor outage against the simulator: the breaker opens while the status
// page says operational (flagged), failover restores payment authorization,
// and failback is refused while the provider still fails.
#include "action_executor.h"
#include "change_feed_client.h"
#include "health_store.h"
#include "journey_health_client.h"
#include "sim_fixture.h"
#include "vendor_grid_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

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

        // The snapshot came with half an hour of history per cell, and the
        // breaker opening is a vendor event on payment authorization's axis.
        const QVector<VendorPoint>& acme =
            vendors.history().points(QStringLiteral("payments-acme"), eu);
        QVERIFY2(acme.size() >= 170, qPrintable(QString::number(acme.size())));
        QVERIFY(acme.last().atMs - acme.first().atMs >= 29 * 60 * 1000);
        QCOMPARE(vendors
                     .index(vendors.rowOf(QStringLiteral("payments-acme")),
                            VendorGridModel::FirstRegionColumn + int(vendors.regions().indexOf(eu)))
                     .data(VendorGridModel::ErrorHistoryRole)
                     .value<QList<QPointF>>()
                     .size(),
                 acme.size());
        QVERIFY(acme.last().errorRate > 0.5);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(vendors.history().events().begin(), vendors.history().events().end(),
                        [&](const VendorEvent& e) {
                            return e.kind == VendorEvent::Kind::Breaker && e.region == eu &&
                                   !e.probe && e.vendorId == QStringLiteral("payments-acme") &&
                                   e.journeys.contains(QStringLiteral("payment-authorization")) &&
                                   e.text.endsWith(QStringLiteral("closed → open"));
                        }),
            10000);

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
        // Who routed it and why travels with the routing, onto the axis.
        const CategoryRouting* after = vendors.routing(VendorCategory::PaymentProvider, eu);
        QCOMPARE(after->changedBy, QStringLiteral("ic@sim"));
        QCOMPARE(after->changeReason, over.reason);
        const auto routed =
            std::find_if(vendors.history().events().begin(), vendors.history().events().end(),
                         [](const VendorEvent& e) { return e.kind == VendorEvent::Kind::Routing; });
        QVERIFY(routed != vendors.history().events().end());
        QCOMPARE(routed->atMs, after->changedAtMs);
        QVERIFY2(routed->text.contains(QStringLiteral("failed over to Globex Pay by ic@sim: ")),
                 qPrintable(routed->text));

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

    // Both providers fail in eu-west: failing over to the other one would
    // not help, and the server says so before routing anything.
    void failoverToAFailingTargetIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("both-fail.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"name": "both-fail", "description": "Both payment providers fail in eu-west.",
          "events": [
            {"at": "0s", "duration": "1h", "vendor": {"id": "payments-acme", "region": "eu-west",
             "error_rate": 0.6, "latency_factor": 1.0}},
            {"at": "0s", "duration": "1h", "vendor": {"id": "payments-globex", "region": "eu-west",
             "error_rate": 0.8, "latency_factor": 1.0}}]})");
        file.close();
        SimFixture sim(simOptions(path, 60, 7));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        EndpointConfig c;
        c.target = sim.endpoint();
        c.token = sim.token(QStringLiteral("incident-commander"));
        VendorGridModel vendors;
        VendorFeedClient feed;
        ActionExecutor actions;
        QVector<ActionOutcome> outcomes;
        connect(&feed, &VendorFeedClient::vendorsLoaded, &vendors, &VendorGridModel::setVendors);
        connect(&feed, &VendorFeedClient::vendorChanged, &vendors, &VendorGridModel::applyVendor);
        connect(&actions, &ActionExecutor::actionUpdated, this, [&](const ActionOutcome& o) {
            if (o.state != ActionOutcome::State::Pending)
                outcomes.append(o);
        });
        actions.setEndpoint(c);
        feed.start(c);
        const QString eu = QStringLiteral("eu-west");
        // Wait until a minute of the outage is measured for the target.
        QTRY_VERIFY_WITH_TIMEOUT(
            vendors.vendor(QStringLiteral("payments-globex")) &&
                vendors.vendor(QStringLiteral("payments-globex"))->region(eu)->errorRate > 0.6,
            20000);
        const CategoryRouting* routing = vendors.routing(VendorCategory::PaymentProvider, eu);
        QVERIFY(routing);
        ActionRequest over;
        over.kind = ActionRequest::Kind::Failover;
        over.category = VendorCategory::PaymentProvider;
        over.region = eu;
        over.targetVendorId = routing->secondaryVendorId;
        over.expectedVersion = routing->resourceVersion;
        over.reason = QStringLiteral("acme failing");
        actions.submit(over);
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), qsizetype(1), 10000);
        QCOMPARE(outcomes[0].state, ActionOutcome::State::Failed);
        QCOMPARE(outcomes[0].errorReason, QStringLiteral("TARGET_UNHEALTHY"));
        QVERIFY2(outcomes[0].message.contains(QStringLiteral("failing too")),
                 qPrintable(outcomes[0].message));
        // Nothing was routed.
        QCOMPARE(vendors.routing(VendorCategory::PaymentProvider, eu)->servingVendorId,
                 routing->primaryVendorId);
        feed.stop();
        actions.waitForIdle();
    }
};

QTEST_MAIN(TestVendorFailover)
#include "tst_vendor_failover.moc"
