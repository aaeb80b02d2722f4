// A short soak of the whole console on a busy simulator (1,500 samples a
// second), every tab shown in turn: it keeps running, every sample the
// platform made arrives once (none lost, none twice, none refused). The
// memory growth and the longest UI stall are printed (bench_soak measures
// them over 10 minutes); they are not asserted here.
#include "health_store.h"
#include "main_window.h"
#include "sim_fixture.h"
#include "soak_run.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

class TestSoak : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void wholeConsoleOnABusyPlatform()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
        window.resize(1280, 800);
        window.show();
        window.startSimulator(simOptions(QStringLiteral("demo"), 1000, 4));
        QTRY_VERIFY_WITH_TIMEOUT(window.store()->latestMs() > 0, 20000);
        const SoakResult r = runSoak(window, 40, 10);
        qInfo(
            "soak %.0f s: %lld samples (platform made %lld), %lld duplicates, rss %.1f -> %.1f "
            "MB, longest stall %.1f ms, %d tab switches",
            r.seconds, r.samples, r.expectedSamples, r.duplicates, r.rssWarmMb, r.rssEndMb,
            r.longestStallMs, r.tabSwitches);
        QVERIFY(r.tabSwitches >= 10);
        QVERIFY(r.expectedSamples > 15 * 100 * 20);  // the platform was busy
        QCOMPARE(r.duplicates, 0);
        QCOMPARE(r.rejected, 0);
        // None lost: what arrived is what the platform made, give or take the
        // ticks in flight at either end.
        QVERIFY2(qAbs(r.samples - r.expectedSamples) <= 15 * 100 * 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(r.samples).arg(r.expectedSamples)));
    }
};

QTEST_MAIN(TestSoak)
#include "tst_soak.moc"
