// The whole console for 10 minutes (or `bench_soak SECONDS`) on a busy
// simulator (speed 1000: 1,500 samples a second), every tab shown in turn:
// memory growth after the warm-up, the longest UI event-loop stall, and
// samples lost or duplicated.
#include "bench_report.h"
#include "health_store.h"
#include "main_window.h"
#include "soak_run.h"

#include <QApplication>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace wf;
using namespace wf::bench;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int seconds = argc > 1 ? std::max(60, atoi(argv[1])) : 600;
    QTemporaryDir dir;
    MainWindow window;
    window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
    window.resize(1280, 800);
    window.show();
    SimulatorOptions o;
    o.scenario = QStringLiteral("demo");
    o.speed = 1000;
    o.seed = 4;
    window.startSimulator(o);
    if (!QTest::qWaitFor([&] { return window.store()->latestMs() > 0; }, 30000)) {
        std::fprintf(stderr, "bench_soak: no live data\n");
        return 1;
    }
    const wf::test::SoakResult r = wf::test::runSoak(window, seconds, 30);
    report("soak_seconds", r.seconds, "s");
    report("soak_rss_growth", r.rssEndMb - r.rssWarmMb, "MB");
    report("soak_rss_end", r.rssEndMb, "MB");
    report("soak_longest_ui_stall", r.longestStallMs, "ms");
    report("soak_samples_lost", double(std::max<qint64>(0, r.expectedSamples - r.samples)),
           "samples");
    report("soak_samples_duplicated", double(r.duplicates), "samples");
    return 0;
}
