#include "health_store.h"
#include "journey_board_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 kT0 = 1'699'999'800'000;  // a multiple of 5 min
constexpr qint32 kTick = 10'000;

PlatformCatalog catalog()
{
    PlatformCatalog c;
    c.regions = {QStringLiteral("us-east"), QStringLiteral("eu-west")};
    for (const char* id : {"checkout-availability", "payment-authorization"}) {
        JourneyDefinition d;
        d.id = QString::fromLatin1(id);
        d.displayName = d.id;
        d.objective = 0.999;
        d.sloWindowMs = 28 * kDayMs;
        d.regions = c.regions;
        c.journeys.append(d);
    }
    c.platformTimeMs = kT0;
    return c;
}

// `ticks` 10 s samples per series from kT0; payment-authorization in eu-west
// fails `badShare` of its events during the last `badTicks` ticks.
HealthBatch samples(const PlatformCatalog& c, int fromTick, int ticks, int badTicks,
                    double badShare)
{
    HealthBatch b;
    for (int t = fromTick; t < fromTick + ticks; ++t) {
        for (int s = 0; s < c.seriesCount(); ++s) {
            HealthPoint p;
            p.startMs = kT0 + qint64(t) * kTick;
            p.intervalMs = kTick;
            p.valid = 1000;
            const bool bad = s == c.seriesIndex(1, 1) && t >= fromTick + ticks - badTicks;
            p.good = bad ? qint64(1000 * (1.0 - badShare)) : 1000;
            p.p50Ms = 100;
            p.p95Ms = 200;
            p.p99Ms = 400;
            p.sequence = quint64(t) * quint64(c.seriesCount()) + quint64(s) + 1;
            b.append({s, p});
        }
    }
    return b;
}

}  // namespace

class TestJourneyBoardModel : public QObject {
    Q_OBJECT
private slots:
    void modelIsConsistentThroughItsLife()
    {
        HealthStore store;
        JourneyBoardModel model(&store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);

        const PlatformCatalog c = catalog();
        store.setCatalog(c);
        QCOMPARE(model.rowCount(), 2 * 3);  // per journey: all regions + 2 regions
        QCOMPARE(model.columnCount(), int(JourneyBoardModel::ColumnCount));

        store.ingest(samples(c, 0, 360, 0, 0.0));  // one quiet hour
        store.recompute();
        const QModelIndex overall =
            model.index(model.rowFor(1, -1), JourneyBoardModel::AlertColumn);
        QCOMPARE(overall.data(JourneyBoardModel::AlertLevelRole).toInt(), int(AlertLevel::Ok));
        QCOMPARE(model.index(0, JourneyBoardModel::RegionColumn).data().toString(),
                 QStringLiteral("all regions"));

        // 10 minutes at 50% errors in eu-west: 5 m burn 500; 1 h burn
        // (60 ticks * 500 bad) / (360 * 1000) / 0.001 = 83.3 -> page.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        store.ingest(samples(c, 360, 60, 60, 0.5));
        store.recompute();
        QVERIFY(changed.count() >= 1);
        const QModelIndex euWest = model.index(model.rowFor(1, 1), JourneyBoardModel::AlertColumn);
        QCOMPARE(euWest.data(JourneyBoardModel::AlertLevelRole).toInt(), int(AlertLevel::Page));
        QCOMPARE(euWest.data().toString(), QStringLiteral("Page"));
        QVERIFY(euWest.data(Qt::ToolTipRole).toString().contains(QStringLiteral("FIRING")));
        // us-east of the same journey stays OK; the row under it is not confused.
        const QModelIndex usEast = model.index(model.rowFor(1, 0), JourneyBoardModel::AlertColumn);
        QCOMPARE(usEast.data(JourneyBoardModel::AlertLevelRole).toInt(), int(AlertLevel::Ok));
        QCOMPARE(model.index(model.rowFor(0, 1), JourneyBoardModel::AlertColumn)
                     .data(JourneyBoardModel::AlertLevelRole)
                     .toInt(),
                 int(AlertLevel::Ok));

        model.setStale(true);
        QVERIFY(euWest.data().toString().endsWith(QStringLiteral("(stale)")));
        model.setStale(false);

        // A new catalog resets the model cleanly.
        PlatformCatalog smaller = c;
        smaller.journeys.removeLast();
        store.setCatalog(smaller);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, JourneyBoardModel::AlertColumn)
                     .data(JourneyBoardModel::AlertLevelRole)
                     .toInt(),
                 int(AlertLevel::Unknown));
    }

    void duplicatesAreCountedNotShown()
    {
        HealthStore store;
        const PlatformCatalog c = catalog();
        store.setCatalog(c);
        const HealthBatch b = samples(c, 0, 10, 0, 0.0);
        store.ingest(b);
        store.ingest(b);  // the same samples again, as after a bad resume
        QCOMPARE(store.counters().samples, qint64(b.size()));
        QCOMPARE(store.counters().duplicates, qint64(b.size()));
        QCOMPARE(store.series(0, 0).window(store.latestMs(), 100 * kTick).valid, qint64(10 * 1000));
    }
};

QTEST_MAIN(TestJourneyBoardModel)
#include "tst_journey_board_model.moc"
