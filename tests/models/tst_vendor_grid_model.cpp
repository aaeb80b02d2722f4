// The vendor grid: consistent under the model tester, flags a status page
// that disagrees with what we measure, and never shows unknown as healthy.
#include "vendor_grid_model.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace wf;

namespace {

VendorRegionState state(const QString& region, PublishedStatus published, BreakerState breaker,
                        double errorRate, bool serving)
{
    VendorRegionState s;
    s.region = region;
    s.published = published;
    s.breaker = breaker;
    s.errorRate = errorRate;
    s.calls = 600;
    s.p50Ms = 120;
    s.p95Ms = 300;
    s.p99Ms = 450;
    s.serving = serving;
    return s;
}

Vendor vendor(const QString& id, VendorCategory c, QVector<VendorRegionState> regions)
{
    Vendor v;
    v.id = id;
    v.displayName = id;
    v.category = c;
    v.regions = std::move(regions);
    v.journeys = {QStringLiteral("payment-authorization")};
    return v;
}

}  // namespace

class TestVendorGridModel : public QObject {
    Q_OBJECT
private slots:
    void gridDiscrepancyAndRouting()
    {
        VendorGridModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString us = QStringLiteral("us-east"), eu = QStringLiteral("eu-west");
        CategoryRouting routing{VendorCategory::PaymentProvider,
                                eu,
                                QStringLiteral("acme"),
                                QStringLiteral("globex"),
                                QStringLiteral("acme"),
                                1,
                                0,
                                {},
                                {}};
        model.setVendors(
            {vendor(QStringLiteral("globex"), VendorCategory::PaymentProvider,
                    {state(us, PublishedStatus::Operational, BreakerState::Closed, 0.001, false),
                     state(eu, PublishedStatus::Operational, BreakerState::Closed, 0.001, false)}),
             vendor(QStringLiteral("acme"), VendorCategory::PaymentProvider,
                    {state(us, PublishedStatus::Operational, BreakerState::Closed, 0.002, true),
                     state(eu, PublishedStatus::Operational, BreakerState::Open, 0.7, true)}),
             vendor(QStringLiteral("ledger"), VendorCategory::Tax,
                    {state(us, PublishedStatus::Unknown, BreakerState::Unknown, 0.0, true)})},
            {routing});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 4);  // vendor, category, us-east, eu-west
        QCOMPARE(model.vendorAt(0).id, QStringLiteral("acme"));  // by category, then id

        // acme in eu-west: the breaker is open but the status page says operational.
        const QModelIndex acmeEu = model.index(0, VendorGridModel::FirstRegionColumn + 1);
        QCOMPARE(acmeEu.data(VendorGridModel::RegionRole).toString(), eu);
        QCOMPARE(acmeEu.data(VendorGridModel::DisagreementRole).toString(),
                 QStringLiteral("breaker open, vendor says operational"));
        QVERIFY(acmeEu.data().toString().startsWith(
            QStringLiteral("⚠ Operational · breaker open · 70.0% err")));
        QVERIFY(acmeEu.data().toString().contains(QStringLiteral("primary, serving")));
        QCOMPARE(
            model.disagreements(),
            QStringList{QStringLiteral("acme in eu-west: breaker open, vendor says operational")});

        // Unknown is never healthy, and says so.
        const QModelIndex ledgerUs = model.index(2, VendorGridModel::FirstRegionColumn);
        QVERIFY(!ledgerUs.data(VendorGridModel::HealthyRole).toBool());
        QVERIFY(ledgerUs.data().toString().startsWith(QStringLiteral("Unknown · breaker unknown")));
        // A vendor missing from a region says so rather than looking fine.
        QCOMPARE(model.index(2, VendorGridModel::FirstRegionColumn + 1).data().toString(),
                 QStringLiteral("not in this region"));

        // Failover: routing moves; the grid shows the secondary serving.
        routing.servingVendorId = QStringLiteral("globex");
        routing.resourceVersion = 2;
        model.applyRouting(routing);
        QCOMPARE(model.routing(VendorCategory::PaymentProvider, eu)->servingVendorId,
                 QStringLiteral("globex"));
        Vendor globex = model.vendorAt(1);
        globex.regions[1].serving = true;
        model.applyVendor(globex);
        QVERIFY(model.index(1, VendorGridModel::FirstRegionColumn + 1)
                    .data()
                    .toString()
                    .contains(QStringLiteral("secondary, serving")));
    }
};

QTEST_GUILESS_MAIN(TestVendorGridModel)
#include "tst_vendor_grid_model.moc"
