// The bad-input scenario: NaN latency, negative counts, more good than valid,
// an unknown journey, an oversized message and a reset stream. The client
// says what happened, keeps every good sample, and keeps running.
#include "health_recorder.h"
#include "journey_health_client.h"
#include "sim_fixture.h"

#include <QtTest>

using namespace wf;
using namespace wf::test;

class TestBadStreamInput : public QObject {
    Q_OBJECT
private slots:
    void badInputIsReportedAndSurvived()
    {
        // Faults every 10 simulated s = every 2 wall s, so each is reported.
        SimFixture sim(simOptions(QStringLiteral("bad-input"), 5, 3));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        JourneyHealthClient client;
        HealthRecorder rec(&client);
        EndpointConfig c;
        c.target = sim.endpoint();
        client.start(c);

        // The last fault is at 80 simulated s (16 wall s); wait beyond it.
        QTRY_VERIFY_WITH_TIMEOUT(rec.histories.size() >= 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(client.counters().rejected.load() >= 4, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(
            rec.lastDetail().contains(QStringLiteral("larger than the console accepts")), 30000);
        const size_t afterFaults = rec.sequences.size();
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() > afterFaults + 15 * 4, 30000);

        const QString all = rec.problems.join('\n');
        QVERIFY2(all.contains(QStringLiteral("not a number")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("negative count")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("more good events than valid")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("unknown journey \"teleportation\"")),
                 qPrintable(all));
        // Good samples around the faults were all kept, in order.
        QCOMPARE(rec.histories.size(), qsizetype(1));
        QCOMPARE(rec.checkContiguous(), QString());
        client.stop();
    }
};

QTEST_MAIN(TestBadStreamInput)
#include "tst_bad_stream_input.moc"
