// Deploy and flag models under the model tester, their filters, action
// states, and the suspect finder.
#include "deploy_list_model.h"
#include "flag_list_model.h"
#include "health_store.h"
#include "record_filter_model.h"
#include "suspect_finder.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 kT0 = 1'699'999'800'000;  // a multiple of 5 min

Deploy deploy(const QString& id, const QString& service, const QString& region, qint64 startedMs,
              qint64 version = 1)
{
    Deploy d;
    d.id = id;
    d.service = service;
    d.region = region;
    d.environment = QStringLiteral("production");
    d.version = QStringLiteral("v-") + id;
    d.previousVersion = QStringLiteral("v-prev");
    d.author = QStringLiteral("dana");
    d.startedMs = startedMs;
    d.status = DeployStatus::Succeeded;
    d.resourceVersion = version;
    d.journeys = {service == QLatin1String("payments-api") ? QStringLiteral("payment-authorization")
                                                           : QStringLiteral("add-to-cart")};
    return d;
}

Flag flag(const QString& key, FlagKind kind, qint64 version = 1)
{
    Flag f;
    f.key = key;
    f.kind = kind;
    f.owner = QStringLiteral("team-payments");
    f.journeys = {QStringLiteral("payment-authorization")};
    f.resourceVersion = version;
    for (const char* r : {"us-east", "eu-west"})
        f.states.append({QStringLiteral("production"), QString::fromLatin1(r), true, kT0,
                         QStringLiteral("bot")});
    return f;
}

}  // namespace

class TestDeployFlagModels : public QObject {
    Q_OBJECT
private slots:
    void deploysNewestFirstThroughChanges()
    {
        DeployListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        RecordFilterModel proxy(DeployListModel::FilterTextRole, DeployListModel::SortRole);
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        model.setDeploys({deploy("d1", "payments-api", "eu-west", kT0),
                          deploy("d3", "cart-api", "us-east", kT0 + 3000),
                          deploy("d2", "payments-api", "us-east", kT0 + 2000)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.deployAt(0).id, QStringLiteral("d3"));
        QCOMPARE(model.deployAt(2).id, QStringLiteral("d1"));

        // A live deploy arrives: inserted at the top.
        model.applyChange(deploy("d4", "payments-api", "eu-west", kT0 + 4000));
        QCOMPARE(model.deployAt(0).id, QStringLiteral("d4"));
        QCOMPARE(model.rowOf(QStringLiteral("d1")), 3);

        // An update replaces; an older replayed event does not undo it.
        Deploy rolled = deploy("d4", "payments-api", "eu-west", kT0 + 4000, 3);
        rolled.status = DeployStatus::RolledBack;
        model.applyChange(rolled);
        model.applyChange(deploy("d4", "payments-api", "eu-west", kT0 + 4000, 2));
        QCOMPARE(model.deploy(QStringLiteral("d4"))->status, DeployStatus::RolledBack);
        const QModelIndex status = model.index(0, DeployListModel::StatusColumn);
        QCOMPARE(status.data().toString(), QStringLiteral("Rolled back (current)"));
        // Until a newer deploy of the same service and region replaces it.
        model.applyChange(deploy("d5", "payments-api", "eu-west", kT0 + 5000));
        QCOMPARE(model.index(model.rowOf(QStringLiteral("d4")), DeployListModel::StatusColumn)
                     .data()
                     .toString(),
                 QStringLiteral("Rolled back"));
        QVERIFY(model.index(model.rowOf(QStringLiteral("d1")), 0)
                    .data(DeployListModel::SupersededRole)
                    .toBool());

        // Filters: text (every word) and exact region.
        proxy.setFilterText(QStringLiteral("PAYMENTS eu-west"));
        QCOMPARE(proxy.rowCount(), 3);  // d5, d4, d1
        proxy.setExactFilter(DeployListModel::RegionRole, QStringLiteral("us-east"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), 2);  // d3, d2
        proxy.setExactFilter(DeployListModel::RegionRole, QVariant());
        QCOMPARE(proxy.rowCount(), 5);
    }

    void rollbackStatesShowOnTheRow()
    {
        DeployListModel model;
        model.setDeploys({deploy("d1", "payments-api", "eu-west", kT0)});
        ActionOutcome o;
        o.request.kind = ActionRequest::Kind::RollbackDeploy;
        o.request.deployId = QStringLiteral("d1");
        o.state = ActionOutcome::State::Pending;
        model.applyActionOutcome(o);
        const QModelIndex action = model.index(0, DeployListModel::ActionColumn);
        QCOMPARE(action.data().toString(), QStringLiteral("Rollback pending…"));
        o.state = ActionOutcome::State::Done;
        Deploy after = deploy("d1", "payments-api", "eu-west", kT0, 2);
        after.status = DeployStatus::RollingBack;
        o.deploy = after;
        model.applyActionOutcome(o);
        QCOMPARE(action.data().toString(), QStringLiteral("Rollback confirmed"));
        QCOMPARE(model.deploy(QStringLiteral("d1"))->status, DeployStatus::RollingBack);
    }

    void flagsByKeyWithChanges()
    {
        FlagListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFlags({flag("payments.3ds-v2-flow", FlagKind::KillSwitch),
                        flag("cart.saved-for-later", FlagKind::Release)});
        QCOMPARE(model.flagAt(0).key, QStringLiteral("cart.saved-for-later"));
        QCOMPARE(model.index(1, FlagListModel::ProductionColumn).data().toString(),
                 QStringLiteral("us-east on · eu-west on"));

        FlagChangeEvent c;
        c.flag = flag("payments.3ds-v2-flow", FlagKind::KillSwitch, 2);
        c.flag.states[1].enabled = false;
        c.environment = QStringLiteral("production");
        c.region = QStringLiteral("eu-west");
        c.enabled = false;
        c.actor = QStringLiteral("ic@sim");
        c.changedMs = kT0 + 60000;
        model.recordChange(c);
        QCOMPARE(model.index(1, FlagListModel::ProductionColumn).data().toString(),
                 QStringLiteral("us-east on · eu-west off"));
        QCOMPARE(model.changesBetween(kT0, kT0 + 120000).size(), qsizetype(1));
        QCOMPARE(model.changesBetween(kT0 + 120000, kT0 + 180000).size(), qsizetype(0));
        // A new flag arrives through the stream.
        c.flag = flag("orders.async-confirmation", FlagKind::KillSwitch);
        model.recordChange(c);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(QStringLiteral("orders.async-confirmation")), 1);

        RecordFilterModel proxy(FlagListModel::FilterTextRole, FlagListModel::SortRole);
        proxy.setSourceModel(&model);
        proxy.setExactFilter(FlagListModel::KindRole, int(FlagKind::KillSwitch));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterText(QStringLiteral("3ds"));
        QCOMPARE(proxy.rowCount(), 1);
    }

    void suspectIsTheNearestChangeBeforeTheBurn()
    {
        HealthStore store;
        PlatformCatalog c;
        c.regions = {QStringLiteral("us-east"), QStringLiteral("eu-west")};
        JourneyDefinition j;
        j.id = QStringLiteral("payment-authorization");
        j.displayName = j.id;
        j.objective = 0.999;
        j.sloWindowMs = 28 * kDayMs;
        c.journeys = {j};
        store.setCatalog(c);
        // One hour of 10 s samples; eu-west fails 15% of 1000 from minute 40 on.
        HealthBatch b;
        for (int t = 0; t < 360; ++t) {
            for (int r = 0; r < 2; ++r) {
                HealthPoint p;
                p.startMs = kT0 + qint64(t) * 10000;
                p.intervalMs = 10000;
                p.valid = 1000;
                p.good = (r == 1 && t >= 240) ? 850 : 1000;
                p.sequence = quint64(t * 2 + r + 1);
                b.append({c.seriesIndex(0, r), p});
            }
        }
        store.ingest(b);
        const auto start = burnStart(store, 0, 1);
        QVERIFY(start);
        QCOMPARE(*start, kT0 + 240 * 10000);
        QVERIFY(!burnStart(store, 0, 0));  // us-east is fine

        const QVector<Deploy> deploys{
            deploy("early", "payments-api", "eu-west", kT0 + 10 * kMinuteMs),
            deploy("suspect", "payments-api", "eu-west", kT0 + 38 * kMinuteMs),
            deploy("other-region", "payments-api", "us-east", kT0 + 39 * kMinuteMs),
            deploy("other-journey", "cart-api", "eu-west", kT0 + 39 * kMinuteMs),
            deploy("after", "payments-api", "eu-west", kT0 + 50 * kMinuteMs)};
        const auto s = findSuspect(store, 0, 1, deploys, {});
        QVERIFY(s);
        QCOMPARE(s->id, QStringLiteral("suspect"));
        // Budget share since the change: 120 ticks * 150 bad = 18,000 bad;
        // the window holds 360 * 1000 valid -> allowed 0.001 * 360,000 = 360.
        QVERIFY2(std::abs(s->budgetSpentShare - 18000.0 / 360.0) < 1e-9,
                 qPrintable(QString::number(s->budgetSpentShare)));
        QVERIFY(s->describe().contains(QStringLiteral("2 min before the burn began")));
        // A routine deploy hours before the burn is not a suspect.
        QVERIFY(!findSuspect(
            store, 0, 1,
            {deploy("routine", "payments-api", "eu-west", kT0 + 40 * kMinuteMs - 2 * kHourMs)},
            {}));
    }
};

QTEST_MAIN(TestDeployFlagModels)
#include "tst_deploy_flag_models.moc"
