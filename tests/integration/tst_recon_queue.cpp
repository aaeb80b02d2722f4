// The reconciliation queue against the simulator: the first page and any
// page scrolled to arrive by offset; filters and sort are the server's; the
// model stays valid (QAbstractItemModelTester) while pages load and a
// settlement file's burst streams in; counts follow the stream.
#include "recon_feed_client.h"
#include "recon_query_client.h"
#include "recon_queue_model.h"
#include "sim_fixture.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

EndpointConfig endpointOf(const SimFixture& sim)
{
    EndpointConfig c;
    c.target = sim.endpoint();
    c.token = sim.token(QStringLiteral("viewer"));
    return c;
}

qint64 summaryCount(const MismatchSummary& s, MismatchType t)
{
    for (const TypeSummary& x : s.types)
        if (x.type == t)
            return x.count;
    return 0;
}

}  // namespace

class TestReconQueue : public QObject {
    Q_OBJECT
private slots:
    void pagesFilterAndSortComeFromTheServer()
    {
        SimulatorOptions o = simOptions(QStringLiteral("quiet-day"), 10, 5);
        o.extraArguments << QStringLiteral("--recon-size") << QStringLiteral("20000");
        SimFixture sim(o);
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        ReconQueryClient client;
        client.setEndpoint(endpointOf(sim));
        ReconQueueModel model(&client);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQuery({});
        QTRY_VERIFY_WITH_TIMEOUT(model.firstPageLoaded(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(model.summary().total > 0, 5000);
        QCOMPARE(qint64(model.rowCount()), model.summary().total);
        QVERIFY(model.rowCount() > 15000);  // the open queue: most of the 20,000
        QVERIFY(model.isLoaded(0));
        QVERIFY(!model.isLoaded(model.rowCount() - 1));  // never everything at once
        // Oldest first by default.
        QVERIFY(model.mismatchAt(0)->detectedMs <= model.mismatchAt(1)->detectedMs);

        // Scrolling to the end fetches that page only.
        const qint64 before = client.pagesRequested();
        model.setVisibleRows(model.rowCount() - 30, model.rowCount() - 1);
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(model.rowCount() - 1), 5000);
        QVERIFY(client.pagesRequested() - before <= 2);
        QVERIFY(model.loadedRowCount() <= 3 * model.pageSize());
        const auto last = model.mismatchAt(model.rowCount() - 1);
        QVERIFY(last && !last->id.isEmpty());
        QCOMPARE(model.index(model.rowCount() - 1, ReconQueueModel::AmountColumn).data().toString(),
                 last->amount.format());

        // A filter: every row is of that type, and the count is the summary's.
        MismatchQuery q;
        q.filter.types = {MismatchType::AmountMismatch};
        q.sort = MismatchSort::Amount;
        q.descending = true;
        model.setQuery(q);
        QTRY_VERIFY_WITH_TIMEOUT(model.firstPageLoaded(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(model.summary().generation == model.generation(), 5000);
        QCOMPARE(qint64(model.rowCount()),
                 summaryCount(model.summary(), MismatchType::AmountMismatch));
        QVERIFY(model.rowCount() > 100);
        for (int i = 0; i + 1 < model.pageSize() && i + 1 < model.rowCount(); ++i) {
            const auto a = model.mismatchAt(i), b = model.mismatchAt(i + 1);
            QVERIFY(a && b);
            QCOMPARE(a->type, MismatchType::AmountMismatch);
            QVERIFY2(a->amount.minor >= b->amount.minor, qPrintable(a->id + " " + b->id));
        }
        // The summary ignores the type filter: other types keep their counts.
        QVERIFY(summaryCount(model.summary(), MismatchType::FeeDiscrepancy) > 0);

        // Free text on order id or provider reference.
        const QString order = model.mismatchAt(3)->orderId;
        q = {};
        q.filter.text = order.mid(2, 7).toLower();
        model.setQuery(q);
        QTRY_VERIFY_WITH_TIMEOUT(model.firstPageLoaded(), 5000);
        QVERIFY(model.rowCount() >= 1);
        bool found = false;
        for (int i = 0; i < model.rowCount() && i < model.pageSize(); ++i)
            found = found || model.mismatchAt(i)->orderId == order;
        QVERIFY(found);

        // A filter the server refuses is reported in words, nothing crashes.
        q = {};
        q.filter.text = QString(500, 'x');
        QSignalSpy failed(&model, &ReconQueueModel::loadFailed);
        model.setQuery(q);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QVERIFY2(failed[0][0].toString().contains(QStringLiteral("128")),
                 qPrintable(failed[0][0].toString()));
        QCOMPARE(model.rowCount(), 0);
        client.stop();
    }

    void aSettlementFileStreamsInAndCountsFollow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("burst.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"name": "burst", "description": "3,000 mismatches 20 s in.",
          "events": [{"at": "20s", "recon_settlement_file":
            {"count": 3000, "provider": "payments-globex"}}]})");
        f.close();
        SimulatorOptions o = simOptions(path, 10, 9);
        o.extraArguments << QStringLiteral("--recon-size") << QStringLiteral("1000");
        SimFixture sim(o);
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        ReconQueryClient client;
        client.setEndpoint(endpointOf(sim));
        ReconFeedClient feed;
        ReconQueueModel model(&client);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&feed, &ReconFeedClient::changesAvailable, &model,
                [&] { model.applyChanges(feed.takeChanges()); });
        feed.start(endpointOf(sim));
        model.setQuery({});
        model.setVisibleRows(0, 40);
        QTRY_VERIFY_WITH_TIMEOUT(model.firstPageLoaded(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(model.summary().total > 0, 5000);
        const qint64 before = model.summary().total;
        QCOMPARE(qint64(model.rowCount()), before);
        const QString firstId = model.mismatchAt(0)->id;

        // At 10x, 20 simulated seconds are 2 s of wall time.
        QTRY_VERIFY_WITH_TIMEOUT(feed.changesReceived() >= 3000, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(model.summary().total, before + 3000, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(model.rowCount()), before + 3000, 5000);
        // Oldest first: the new ones went to the end, the top row stayed.
        QCOMPARE(model.mismatchAt(0)->id, firstId);
        QCOMPARE(model.rowOf(firstId), 0);
        feed.stop();
        client.stop();
    }
};

QTEST_MAIN(TestReconQueue)
#include "tst_recon_queue.moc"
