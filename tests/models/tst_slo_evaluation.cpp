// The SLO engine against worked examples; the arithmetic is written out.
#include "slo_evaluation.h"

#include <QtTest>

using namespace wf;

namespace {

WindowCounts counts(qint64 good, qint64 valid, qint64 lengthMs, double coverage = 1.0)
{
    return WindowCounts{good, valid, qint64(double(lengthMs) * coverage), lengthMs};
}

// A quiet journey at 99.9%: every window at an error ratio of 0.0005 (burn 0.5).
SloInputs quiet()
{
    SloInputs in;
    for (int w = 0; w < BurnWindowCount; ++w)
        in.windows[w] = counts(199900, 200000, kBurnWindowMs[w]);
    in.sloWindow = counts(9995000, 10000000, 28 * kDayMs);
    return in;
}

bool near(double a, double b, double tol = 1e-6)
{
    return std::abs(a - b) <= tol;
}

}  // namespace

class TestSloEvaluation : public QObject {
    Q_OBJECT
private slots:
    void burnRateDefinition()
    {
        // burn = error ratio / (1 - SLO): 2% errors against a 99.9% SLO = 0.02 / 0.001 = 20.
        QVERIFY(near(burnRate(0.02, 0.999), 20.0, 1e-9));
        // A burn of 1 at 97%: 3% errors.
        QVERIFY(near(burnRate(0.03, 0.97), 1.0, 1e-9));
        QVERIFY(std::isnan(burnRate(qQNaN(), 0.999)));
        QVERIFY(std::isnan(burnRate(0.1, 1.0)));  // no budget at all: undefined
    }

    void quietJourneyIsOk()
    {
        const SloStatus s = evaluateSlo(quiet(), 0.999, 28 * kDayMs);
        QCOMPARE(s.level, AlertLevel::Ok);
        // 100 bad of 200000 = 0.0005; / 0.001 = 0.5 in every window.
        for (int w = 0; w < BurnWindowCount; ++w)
            QVERIFY2(near(s.burn[w], 0.5, 1e-9), qPrintable(QString::number(s.burn[w])));
        QVERIFY(near(s.sliNow, 0.9995));
        // SLO window: 5000 bad; allowed 0.001 * 10,000,000 = 10,000; left 1 - 5000/10000 = 50%.
        QVERIFY(near(s.budgetRemaining, 0.5));
        QVERIFY(!s.budgetPartial);
        // At burn 0.5 the remaining half lasts 0.5 * 28 d / 0.5 = 28 d.
        QVERIFY(s.timeToExhaustionMs);
        QVERIFY(std::abs(*s.timeToExhaustionMs - 28 * kDayMs) <= 1);
    }

    void fastBurnPages()
    {
        SloInputs in = quiet();
        // 5 m: 1000 valid, 980 good -> 0.02 -> burn 20 (> 14.4)
        in.windows[Window5m] = counts(980, 1000, 5 * kMinuteMs);
        // 1 h: 12000 valid, 11800 good -> 200/12000 = 0.016667 -> burn 16.67 (> 14.4)
        in.windows[Window1h] = counts(11800, 12000, kHourMs);
        const SloStatus s = evaluateSlo(in, 0.999, 28 * kDayMs);
        QVERIFY(near(s.burn[Window5m], 20.0, 1e-6));
        QVERIFY(near(s.burn[Window1h], 200.0 / 12000.0 / 0.001, 1e-6));
        QVERIFY(s.rules[0].fired());
        QVERIFY(!s.rules[1].fired());  // 6 h stays at 0.5
        QCOMPARE(s.level, AlertLevel::Page);
        QVERIFY(s.explanation().contains(QStringLiteral("FIRING")));
    }

    void shortWindowAloneDoesNotPage()
    {
        SloInputs in = quiet();
        in.windows[Window5m] = counts(900, 1000, 5 * kMinuteMs);  // burn 100
        // 1 h: 60 bad of 12000 = 0.005 -> burn 5 (< 14.4)
        in.windows[Window1h] = counts(11940, 12000, kHourMs);
        const SloStatus s = evaluateSlo(in, 0.999, 28 * kDayMs);
        QVERIFY(s.rules[0].shortOver);
        QVERIFY(!s.rules[0].longOver);
        QCOMPARE(s.level, AlertLevel::Ok);
        QVERIFY(s.explanation().contains(QStringLiteral("only the 5 m window is over")));
    }

    void slowBurnPagesThroughSixHourRule()
    {
        SloInputs in = quiet();
        // 6 h: 500 bad of 72000 = 0.006944 -> burn 6.94 (> 6)
        in.windows[Window6h] = counts(71500, 72000, 6 * kHourMs);
        // 30 m: 80 bad of 6000 = 0.01333 -> burn 13.3 (> 6)
        in.windows[Window30m] = counts(5920, 6000, 30 * kMinuteMs);
        const SloStatus s = evaluateSlo(in, 0.999, 28 * kDayMs);
        QVERIFY(!s.rules[0].fired());
        QVERIFY(s.rules[1].fired());
        QCOMPARE(s.level, AlertLevel::Page);
    }

    void ticketOnThreeDaysAndSixHours()
    {
        SloInputs in = quiet();
        // 3 d: 1000 bad of 864000 = 0.0011574 -> burn 1.157 (> 1)
        in.windows[Window3d] = counts(863000, 864000, 3 * kDayMs);
        // 6 h: 400 bad of 72000 = 0.005556 -> burn 5.56 (> 1, < 6)
        in.windows[Window6h] = counts(71600, 72000, 6 * kHourMs);
        // SLO window: 6000 bad of 1,000,000; allowed 1000... overspent: 1 - 6 = -5
        in.sloWindow = counts(994000, 1000000, 28 * kDayMs);
        const SloStatus s = evaluateSlo(in, 0.999, 28 * kDayMs);
        QCOMPARE(s.level, AlertLevel::Ticket);
        QVERIFY(near(s.burn[Window3d], 1000.0 / 864000.0 / 0.001, 1e-6));
        QVERIFY(near(s.budgetRemaining, -5.0, 1e-9));
        QVERIFY(s.timeToExhaustionMs);
        QCOMPARE(*s.timeToExhaustionMs, qint64(0));  // already spent
    }

    void timeToExhaustionAtOneHourBurn()
    {
        SloInputs in = quiet();
        // SLO window 1,000,000 valid, 600 bad; allowed 1000; left 0.4.
        in.sloWindow = counts(999400, 1000000, 28 * kDayMs);
        // 1 h burn 10: 120 bad of 12000 = 0.01.
        in.windows[Window1h] = counts(11880, 12000, kHourMs);
        const SloStatus s = evaluateSlo(in, 0.999, 28 * kDayMs);
        QVERIFY(near(s.budgetRemaining, 0.4, 1e-9));
        // 0.4 * 2,419,200,000 ms / 10 = 96,768,000 ms (26 h 52 min 48 s)
        QVERIFY(s.timeToExhaustionMs);
        QVERIFY(std::abs(*s.timeToExhaustionMs - 96768000) <= 100);
    }

    void missingRecentDataIsUnknownNotHealthy()
    {
        SloInputs in = quiet();
        in.windows[Window5m] = counts(0, 0, 5 * kMinuteMs, 0.0);
        SloStatus s = evaluateSlo(in, 0.999, 28 * kDayMs);
        QCOMPARE(s.level, AlertLevel::Unknown);
        QVERIFY(std::isnan(s.sliNow));
        QVERIFY(std::isnan(s.burn[Window5m]));

        // Data, but covering only 40% of the 5 minutes: still unknown.
        in.windows[Window5m] = counts(400, 400, 5 * kMinuteMs, 0.4);
        s = evaluateSlo(in, 0.999, 28 * kDayMs);
        QCOMPARE(s.level, AlertLevel::Unknown);
        QVERIFY(s.explanation().startsWith(QStringLiteral("No data")));
    }

    void halfEmptySloWindowIsPartial()
    {
        SloInputs in = quiet();
        in.sloWindow = counts(4997500, 5000000, 28 * kDayMs, 0.5);
        const SloStatus s = evaluateSlo(in, 0.999, 28 * kDayMs);
        QVERIFY(near(s.budgetCoverage, 0.5));
        QVERIFY(s.budgetPartial);
        QVERIFY(s.explanation().contains(QStringLiteral("partial")));
    }

    void aggregateCoverageIsTheLeastCovered()
    {
        WindowCounts a = counts(90, 100, kHourMs, 1.0);
        const WindowCounts b = counts(50, 100, kHourMs, 0.25);
        WindowCounts all;
        all += a;
        all += b;
        QCOMPARE(all.good, qint64(140));
        QCOMPARE(all.valid, qint64(200));
        QVERIFY(near(all.coverage(), 0.25));
        a += b;
        QVERIFY(near(a.errorRatio(), 60.0 / 200.0));
    }

    void formatting()
    {
        QCOMPARE(formatDuration(42 * 1000), QStringLiteral("42 s"));
        QCOMPARE(formatDuration(5 * kMinuteMs), QStringLiteral("5 min"));
        QCOMPARE(formatDuration(26 * kHourMs + 52 * kMinuteMs), QStringLiteral("26 h 52 min"));
        QCOMPARE(formatDuration(3 * kDayMs + 4 * kHourMs), QStringLiteral("3 d 4 h"));
        QCOMPARE(formatDuration(28 * kDayMs), QStringLiteral("28 d"));
        QCOMPARE(alertLevelName(AlertLevel::Unknown), QStringLiteral("No data"));
    }
};

QTEST_GUILESS_MAIN(TestSloEvaluation)
#include "tst_slo_evaluation.moc"
