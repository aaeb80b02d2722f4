#include "soak_run.h"

#include "health_store.h"
#include "journey_health_client.h"
#include "main_window.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

namespace wf::test {

namespace {

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

}  // namespace

SoakResult runSoak(MainWindow& window, int seconds, int warmupSeconds)
{
    SoakResult r;
    QTabWidget* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabs"));
    QElapsedTimer wall;
    wall.start();
    // A 2 ms probe: the longest gap between its ticks, less its interval,
    // is the longest the event loop was busy elsewhere.
    QTimer probe;
    probe.setInterval(2);
    qint64 lastTick = 0;
    bool measuring = false;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = wall.nsecsElapsed();
        if (measuring && lastTick > 0)
            r.longestStallMs = std::max(r.longestStallMs, double(now - lastTick) / 1e6 - 2.0);
        lastTick = now;
    });
    probe.start();
    // Every tab in turn, so every view renders what streams in.
    QTimer cycle;
    cycle.setInterval(3000);
    QObject::connect(&cycle, &QTimer::timeout, [&] {
        if (tabs && tabs->count() > 0) {
            tabs->setCurrentIndex((tabs->currentIndex() + 1) % tabs->count());
            ++r.tabSwitches;
        }
    });
    cycle.start();

    QTest::qWait(warmupSeconds * 1000);
    r.rssWarmMb = rssMb();
    const qint64 samples0 = window.client()->counters().samples.load();
    const qint64 duplicates0 = window.client()->counters().duplicates.load();
    const qint64 rejected0 = window.client()->counters().rejected.load();
    const qint64 platform0 = window.store()->latestMs();
    measuring = true;
    lastTick = 0;
    QTest::qWait((seconds - warmupSeconds) * 1000);
    measuring = false;
    r.seconds = double(wall.elapsed()) / 1000.0;
    r.rssEndMb = rssMb();
    r.samples = window.client()->counters().samples.load() - samples0;
    r.duplicates = window.client()->counters().duplicates.load() - duplicates0;
    r.rejected = window.client()->counters().rejected.load() - rejected0;
    // 10-second ticks, 15 series each, between the two platform times seen.
    r.expectedSamples = (window.store()->latestMs() - platform0) / 10'000 * 15;
    return r;
}

}  // namespace wf::test
