#include "health_series.h"

#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 kT0 = 1'699'999'800'000;  // a multiple of 5 min since the epoch
constexpr qint32 kTick = 10'000;

HealthPoint point(int tick, qint64 good, qint64 valid, quint64 seq)
{
    HealthPoint p;
    p.startMs = kT0 + qint64(tick) * kTick;
    p.intervalMs = kTick;
    p.good = good;
    p.valid = valid;
    p.p50Ms = 100;
    p.p95Ms = 200;
    p.p99Ms = 300;
    p.sequence = seq;
    return p;
}

}  // namespace

class TestHealthSeries : public QObject {
    Q_OBJECT
private slots:
    void windowCountsFromFineTier()
    {
        HealthSeries s;
        // 60 ticks (10 min); tick i has 100 valid and i % 10 bad.
        for (int i = 0; i < 60; ++i)
            QCOMPARE(s.append(point(i, 100 - i % 10, 100, quint64(i + 1))),
                     HealthSeries::AppendResult::Appended);
        const qint64 end = kT0 + 60 * kTick;
        // Last 5 minutes = ticks 30..59: 3000 valid; bad = 3 * (0+1+...+9) = 135.
        const WindowCounts w = s.window(end, 5 * kMinuteMs);
        QCOMPARE(w.valid, qint64(3000));
        QCOMPARE(w.good, qint64(3000 - 135));
        QCOMPARE(w.coveredMs, 5 * kMinuteMs);
        QCOMPARE(w.coverage(), 1.0);
        QCOMPARE(s.latestEndMs(), end);
        QCOMPARE(s.lastSequence(), quint64(60));
    }

    void duplicatesAndOutOfOrderAreRefused()
    {
        HealthSeries s;
        QCOMPARE(s.append(point(0, 10, 10, 1)), HealthSeries::AppendResult::Appended);
        QCOMPARE(s.append(point(1, 10, 10, 2)), HealthSeries::AppendResult::Appended);
        QCOMPARE(s.append(point(1, 10, 10, 2)), HealthSeries::AppendResult::Duplicate);
        QCOMPARE(s.append(point(0, 10, 10, 3)), HealthSeries::AppendResult::OutOfOrder);
        QCOMPARE(s.window(kT0 + 2 * kTick, 2 * kTick).valid, qint64(20));
    }

    void liveSamplesFoldIntoCoarseBuckets()
    {
        HealthSeries s;  // 5-minute buckets = 30 ticks
        for (int i = 0; i < 45; ++i)
            s.append(point(i, 99, 100, quint64(i + 1)));
        QCOMPARE(s.coarse().points.size(), size_t(2));
        QCOMPARE(s.coarse().points[0].valid, qint64(3000));
        QCOMPARE(s.coarse().points[1].valid, qint64(1500));
        QCOMPARE(s.coarse().points[1].intervalMs, 15 * kTick);
        QCOMPARE(s.coarse().points[1].sequence, quint64(45));
    }

    void longWindowsUseCoarseTier()
    {
        // 3 days of coarse history, then fine history for the last hour.
        QVector<HealthPoint> coarse, fine;
        const qint64 bucket = 5 * kMinuteMs;
        const int buckets = int(3 * kDayMs / bucket);
        for (int b = 0; b < buckets; ++b) {
            HealthPoint p;
            p.startMs = kT0 + b * bucket;
            p.intervalMs = qint32(bucket);
            p.valid = 3000;
            p.good = 2997;  // 1 per mille bad
            coarse.append(p);
        }
        const qint64 end = kT0 + buckets * bucket;
        for (int i = 0; i < 360; ++i) {
            HealthPoint p = point(0, 99, 100, 0);
            p.startMs = end - kHourMs + qint64(i) * kTick;
            fine.append(p);
        }
        HealthSeries s;
        s.setHistory(fine, coarse);
        // The 1 h window comes from the fine tier: 360 * 100 valid.
        QCOMPARE(s.window(end, kHourMs).valid, qint64(36000));
        // 3 d from the coarse tier: every bucket.
        const WindowCounts w3d = s.window(end, 3 * kDayMs);
        QCOMPARE(w3d.valid, qint64(3000) * buckets);
        QCOMPARE(w3d.bad(), qint64(3) * buckets);
        QCOMPARE(w3d.coverage(), 1.0);
        // 28 d: the same data covers only 3/28 of the window.
        const WindowCounts w28 = s.window(end, 28 * kDayMs);
        QVERIFY(std::abs(w28.coverage() - 3.0 / 28.0) < 1e-9);
    }

    void trimKeepsWindowsRight()
    {
        HealthSeries s;
        const int ticks = 6 * 3600;  // 60 h of 10 s ticks
        for (int i = 0; i < ticks; ++i)
            s.append(point(i, 99, 100, quint64(i + 1)));
        const qint64 end = kT0 + qint64(ticks) * kTick;
        const WindowCounts before = s.window(end, kHourMs);
        s.trim(8 * kHourMs, 30 * kDayMs);
        QVERIFY(s.fine().points.size() <= size_t(8 * 360 + 1));
        const WindowCounts after = s.window(end, kHourMs);
        QCOMPARE(after.valid, before.valid);
        QCOMPARE(after.good, before.good);
        // Older than the fine tier: answered from the coarse tier.
        QCOMPARE(s.window(end, 48 * kHourMs).valid, qint64(48 * 360 * 100));
    }
};

QTEST_GUILESS_MAIN(TestHealthSeries)
#include "tst_health_series.moc"
