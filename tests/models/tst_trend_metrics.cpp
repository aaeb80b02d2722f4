// The trend figures against hand-worked data; the arithmetic is written
// next to each expected value. Empty ranges, a single incident, incidents
// missing a milestone or with milestones out of order (left out, and
// counted as left out), the alert thresholds (exceeded, not reached), a
// rollback inside and outside the change window, a deploy whose incident
// starts after the range, the overall row, flag changes and services per
// week.
#include "trend_metrics.h"

#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 60 * kMin;
// Monday 2026-11-23 00:00 UTC.
constexpr qint64 kMonday = 1'795'392'000'000;

TrendPoint hour(int n, qint64 good, qint64 valid)
{
    return {kMonday + n * kHour, kHour, good, valid};
}

Incident incident(const QString& id, Severity s, qint64 started, std::optional<qint64> detected,
                  std::optional<qint64> acknowledged, std::optional<qint64> resolved)
{
    Incident i;
    i.id = id;
    i.title = QStringLiteral("incident ") + id;
    i.severity = s;
    i.milestones.startedMs = started;
    i.milestones.detectedMs = detected;
    i.milestones.acknowledgedMs = acknowledged;
    i.milestones.mitigatedMs = resolved;
    i.milestones.resolvedMs = resolved;
    i.declaredMs = detected.value_or(started);
    return i;
}

TrendIncident trend(const Incident& i, const QString& cause, const QStringList& factors,
                    const QString& text = {}, const QString& service = {})
{
    TrendIncident t;
    t.incident = i;
    t.cause = cause;
    t.factors = factors;
    t.text = text;
    t.service = service;
    return t;
}

}  // namespace

class TestTrendMetrics : public QObject {
    Q_OBJECT
private slots:
    void attainmentAndBudget()
    {
        // Objective 99.9%: 4 hours of 10,000 events each, 40,000 valid.
        // Failures: 5 + 5 + 20 + 0 = 30; good = 39,970.
        // Attainment = 39,970 / 40,000 = 0.99925.
        // Allowed failures = (1 - 0.999) x 40,000 = 40; remaining = 1 - 30/40 = 0.25.
        const QVector<TrendPoint> points{hour(0, 9995, 10000), hour(1, 9995, 10000),
                                         hour(2, 9980, 10000), hour(3, 10000, 10000)};
        const SloTrend t = computeSloTrend(points, 0.999, kMonday, kMonday + 4 * kHour);
        QCOMPARE(t.valid, 40000);
        QCOMPARE(t.good, 39970);
        QVERIFY(t.attainment);
        QVERIFY(qAbs(*t.attainment - 0.99925) < 1e-12);
        QVERIFY(qAbs(*t.budgetRemaining - 0.25) < 1e-12);
        // Burn-down after each hour: 1 - 5/40 = 0.875, 1 - 10/40 = 0.75, 1 - 30/40 = 0.25, 0.25.
        QCOMPARE(t.burnDown.size(), 4);
        const double expected[] = {0.875, 0.75, 0.25, 0.25};
        for (int i = 0; i < 4; ++i) {
            QVERIFY(qAbs(t.burnDown[i].y() - expected[i]) < 1e-12);
            QCOMPARE(qint64(t.burnDown[i].x()), kMonday + (i + 1) * kHour);
        }
        // Burn rates: hour 2 has 0.2% errors = 2x the 0.1% budget rate: no page;
        // trailing 6 h at hour 2: 30/30,000 = 0.1% = 1x: no ticket.
        QCOMPARE(t.pageMs, 0);
        QCOMPARE(t.ticketMs, 0);
        // Points outside the range are ignored.
        const SloTrend clipped =
            computeSloTrend(points, 0.999, kMonday + kHour, kMonday + 2 * kHour);
        QCOMPARE(clipped.valid, 10000);
    }

    void overspentBudgetAndAlertTime()
    {
        // Objective 99% (budget 1%), 1,000 events an hour. Page: the hour's own
        // burn > 14.4, or its trailing 6 h burn > 6. Ticket (when not paging):
        // trailing 3 d burn > 1 and trailing 6 h burn > 1.
        //   hour 0: 200 failed: own burn 20% / 1% = 20 > 14.4           -> page
        //   hour 1:  70 failed: own 7; 6 h (h0-1) 270/2,000 = 13.5 > 6  -> page
        //   hour 2:   0 failed: 6 h (h0-2) 270/3,000 = 9 > 6            -> page
        //   hour 3:   0 failed: 6 h (h0-3) 270/4,000 = 6.75 > 6         -> page
        //   hour 4:   0 failed: 6 h (h0-4) 270/5,000 = 5.4 (not > 6);
        //             3 d (h0-4) 5.4 > 1 and 6 h 5.4 > 1                -> ticket
        //   hour 5:   6 h (h0-5) 270/6,000 = 4.5; 3 d 4.5                 -> ticket
        //   hour 6:   6 h (h1-6)  70/6,000 = 1.17 > 1; 3 d (h0-6) 270/7,000 = 3.86 > 1
        //                                                               -> ticket
        //   hour 7:   6 h (h2-7) 0/6,000 = 0: not > 1 (3 d is 3.4)      -> nothing
        //   hour 8:   same                                              -> nothing
        QVector<TrendPoint> points{hour(0, 800, 1000), hour(1, 930, 1000), hour(2, 1000, 1000)};
        for (int h = 3; h < 9; ++h)
            points.append(hour(h, 1000, 1000));
        const SloTrend t = computeSloTrend(points, 0.99, kMonday, kMonday + 9 * kHour);
        QCOMPARE(t.pageMs, 4 * kHour);
        QCOMPARE(t.ticketMs, 3 * kHour);
        // Failures 270 of 9,000 valid; allowed 1% x 9,000 = 90: remaining 1 - 270/90 = -2.
        QVERIFY(qAbs(*t.budgetRemaining - (-2.0)) < 1e-12);
    }

    void alertThresholdsMustBeExceeded()
    {
        // Objective 0.9375 (budget 0.0625 = 1/16, exact in binary). One hour
        // with 625 good of 1,000: error 0.375, burn 0.375 / 0.0625 = 6 exactly:
        // own burn 6 is not > 14.4, 6 h burn 6 is not > 6: no page; 3 d and
        // 6 h burn 6 > 1: a ticket.
        const SloTrend atSix =
            computeSloTrend({hour(0, 625, 1000)}, 0.9375, kMonday, kMonday + kHour);
        QCOMPARE(atSix.pageMs, 0);
        QCOMPARE(atSix.ticketMs, kHour);
        // 624 good: error 0.376, burn 6.016 > 6: paging (6 h window).
        const SloTrend overSix =
            computeSloTrend({hour(0, 624, 1000)}, 0.9375, kMonday, kMonday + kHour);
        QCOMPARE(overSix.pageMs, kHour);
        QCOMPARE(overSix.ticketMs, 0);
        // One hour at error 0.0625 (9,375 good of 10,000): every window burns
        // exactly 1, not over 1: no ticket.
        const SloTrend atOne =
            computeSloTrend({hour(0, 9375, 10000)}, 0.9375, kMonday, kMonday + kHour);
        QCOMPARE(atOne.ticketMs, 0);
    }

    void ticketNeedsThreeDaysAndSixHours()
    {
        // Objective 99%. 66 perfect hours, then hour 66 with 7% failed:
        //   own burn 7 (not > 14.4); 6 h (h61-66) 70/6,000 = 1.17% -> 1.17 (not > 6);
        //   3 d (h0-66, 67 h) 70/67,000 = 0.104% -> 0.10: not > 1 -> no ticket.
        QVector<TrendPoint> points;
        for (int h = 0; h < 66; ++h)
            points.append(hour(h, 1000, 1000));
        points.append(hour(66, 930, 1000));
        const SloTrend quiet = computeSloTrend(points, 0.99, kMonday, kMonday + 67 * kHour);
        QCOMPARE(quiet.pageMs, 0);
        QCOMPARE(quiet.ticketMs, 0);
        // The same hour alone: 3 d = 6 h = own = 7% -> burn 7 > 6: paging (6 h).
        const SloTrend alone =
            computeSloTrend({hour(66, 930, 1000)}, 0.99, kMonday, kMonday + 67 * kHour);
        QCOMPARE(alone.pageMs, kHour);
        // Hour 66 with 3% failed after the 66 perfect hours, plus hours 60..65
        // at 2% failed instead of perfect:
        //   hour 60: own 2, 6 h (h55-60) 20/6,000 = 0.33: no ticket;
        //   ... hour 65: 6 h (h60-65) 120/6,000 = 2% -> 2 > 1, but 3 d (h0-65)
        //   120/66,000 = 0.18: no ticket;
        //   hour 66: 6 h (h61-66) (100 + 30)/6,000 = 2.17 > 1; 3 d 150/67,000 =
        //   0.22: no ticket. Nothing fires: the long window holds it back.
        for (int h = 60; h < 66; ++h)
            points[h] = hour(h, 980, 1000);
        points[66] = hour(66, 970, 1000);
        const SloTrend held = computeSloTrend(points, 0.99, kMonday, kMonday + 67 * kHour);
        QCOMPARE(held.ticketMs, 0);
        QCOMPARE(held.pageMs, 0);
    }

    void oneIncident()
    {
        // One incident dips one hour of four: objective 99.9%, 10,000 events an
        // hour, hour 1 fails 100 (1%).
        //   attainment = (40,000 - 100) / 40,000 = 0.9975;
        //   allowed = 0.1% x 40,000 = 40; budget left = 1 - 100/40 = -1.5;
        //   hour 1 burns 1% / 0.1% = 10: not > 14.4; its 6 h (h0-1) 100/20,000
        //   = 0.5% -> 5: not > 6; 3 d and 6 h 5 > 1: a ticket. Hour 2: 6 h
        //   100/30,000 -> 3.33 > 1: ticket; hour 3: 100/40,000 -> 2.5: ticket.
        const QVector<TrendPoint> points{hour(0, 10000, 10000), hour(1, 9900, 10000),
                                         hour(2, 10000, 10000), hour(3, 10000, 10000)};
        const SloTrend t = computeSloTrend(points, 0.999, kMonday, kMonday + 4 * kHour);
        QVERIFY(qAbs(*t.attainment - 0.9975) < 1e-12);
        QVERIFY(qAbs(*t.budgetRemaining - (-1.5)) < 1e-12);
        QCOMPARE(t.pageMs, 0);
        QCOMPARE(t.ticketMs, 3 * kHour);

        // Its change: one deploy at 10:00, the incident at 10:30 names it:
        // CFR = 1 / 1 = 100%.
        const qint64 t0 = kMonday + 10 * kHour;
        const TrendIncident one = trend(incident("a", Severity::Sev2, t0 + 30 * kMin,
                                                 t0 + 35 * kMin, t0 + 40 * kMin, t0 + 90 * kMin),
                                        "change", {}, "Deploy dep-000001 started");
        const ChangeStats c =
            changeStats({{"dep-000001", "payments-api", "eu-west", t0, false, std::nullopt}}, {one},
                        2 * kHour, kMonday, kMonday + 7 * 24 * kHour);
        QCOMPARE(c.deploys, 1);
        QCOMPARE(c.failed, 1);
        QCOMPARE(*c.failureRate, 1.0);
        // Its MTTx: MTTD 5 min, MTTA 5 min, MTTR 60 min: median = p90 = itself.
        for (auto [m, expected] :
             {std::pair(Mttx::Detect, 5 * kMin), std::pair(Mttx::Acknowledge, 5 * kMin),
              std::pair(Mttx::Recover, 60 * kMin)}) {
            const DurationStats d = mttxStats({one.incident}, m);
            QCOMPARE(d.count, 1);
            QCOMPARE(*d.medianMs, expected);
            QCOMPARE(*d.p90Ms, expected);
        }
    }
    void emptyRange()
    {
        const SloTrend t = computeSloTrend({}, 0.999, kMonday, kMonday + kHour);
        QVERIFY(!t.attainment);
        QVERIFY(!t.budgetRemaining);
        QVERIFY(t.burnDown.isEmpty());
        QCOMPARE(t.pageMs, 0);
        const DurationStats none = mttxStats({}, Mttx::Recover);
        QCOMPARE(none.count, 0);
        QCOMPARE(none.excluded, 0);
        QVERIFY(!none.medianMs && !none.p90Ms);
        QVERIFY(incidentsPerWeek({}, kMonday, kMonday).isEmpty());
        const ChangeStats c = changeStats({}, {}, kHour, kMonday, kMonday + 7 * 24 * kHour);
        QCOMPARE(c.deploys, 0);
        QCOMPARE(c.failed, 0);
        QVERIFY(!c.failureRate);
        QVERIFY(sumSeries({}).isEmpty());
        // A range with no valid events: no attainment, no alert time.
        const SloTrend nothing =
            computeSloTrend({hour(0, 0, 0), hour(1, 0, 0)}, 0.99, kMonday, kMonday + 2 * kHour);
        QVERIFY(!nothing.attainment);
        QCOMPARE(nothing.ticketMs, 0);
        QCOMPARE(c.deploysPerWeek.size(), 1);
        QVERIFY(recurringCauses({}).isEmpty());
    }

    void medianAndPercentile()
    {
        // Odd: 3, 9, 1, 7, 5 sorted 1 3 5 7 9 -> median 5; p90 rank ceil(4.5) = 5 -> 9.
        QCOMPARE(*medianOf({3, 9, 1, 7, 5}), 5);
        QCOMPARE(*percentileOf({3, 9, 1, 7, 5}, 0.9), 9);
        // Even: 10 20 30 40 -> median (20 + 30) / 2 = 25; p90 rank ceil(3.6) = 4 -> 40;
        // p50 rank ceil(2) = 2 -> 20.
        QCOMPARE(*medianOf({40, 10, 30, 20}), 25);
        QCOMPARE(*percentileOf({40, 10, 30, 20}, 0.9), 40);
        QCOMPARE(*percentileOf({40, 10, 30, 20}, 0.5), 20);
        // Ten values 1..10: p90 rank 9 -> 9.
        QCOMPARE(*percentileOf({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), 9);
        QCOMPARE(*medianOf({42}), 42);
        QCOMPARE(*percentileOf({42}, 0.9), 42);
        QVERIFY(!medianOf({}));
    }

    void mttxWithMissingMilestones()
    {
        const qint64 t0 = kMonday;
        const QVector<Incident> incidents{
            // started -> detected 10 min, -> ack 2 min, resolved at 60 min.
            incident("a", Severity::Sev1, t0, t0 + 10 * kMin, t0 + 12 * kMin, t0 + 60 * kMin),
            // 4 min, 6 min, 30 min.
            incident("b", Severity::Sev2, t0, t0 + 4 * kMin, t0 + 10 * kMin, t0 + 30 * kMin),
            // 20 min, no acknowledgement, 120 min.
            incident("c", Severity::Sev3, t0, t0 + 20 * kMin, std::nullopt, t0 + 120 * kMin),
            // Not resolved yet; detected at 1 min, acked 1 min later.
            incident("d", Severity::Sev2, t0, t0 + kMin, t0 + 2 * kMin, std::nullopt),
        };
        // MTTD: 10, 4, 20, 1 -> sorted 1 4 10 20: median (4 + 10) / 2 = 7 min; p90 rank 4 -> 20.
        const DurationStats d = mttxStats(incidents, Mttx::Detect);
        QCOMPARE(d.count, 4);
        QCOMPARE(d.excluded, 0);
        QCOMPARE(*d.medianMs, 7 * kMin);
        QCOMPARE(*d.p90Ms, 20 * kMin);
        // MTTA: 2, 6, 1 (c excluded) -> sorted 1 2 6: median 2; p90 rank ceil(2.7) = 3 -> 6.
        const DurationStats a = mttxStats(incidents, Mttx::Acknowledge);
        QCOMPARE(a.count, 3);
        QCOMPARE(a.excluded, 1);
        QCOMPARE(*a.medianMs, 2 * kMin);
        QCOMPARE(*a.p90Ms, 6 * kMin);
        // MTTR: 60, 30, 120 (d excluded) -> 30 60 120: median 60; p90 -> 120.
        const DurationStats r = mttxStats(incidents, Mttx::Recover);
        QCOMPARE(r.count, 3);
        QCOMPARE(r.excluded, 1);
        QCOMPARE(*r.medianMs, 60 * kMin);
        QCOMPARE(*r.p90Ms, 120 * kMin);
        // One incident: its own figure is the median and the p90.
        const DurationStats one = mttxStats({incidents[1]}, Mttx::Recover);
        QCOMPARE(*one.medianMs, 30 * kMin);
        QCOMPARE(*one.p90Ms, 30 * kMin);
        QVERIFY(
            mttxDefinition(Mttx::Acknowledge).contains(QStringLiteral("detected to acknowledged")));

        // Longest: c 120, a 60, b 30, d (open) from started to "now" = t0 + 45 min.
        const QVector<LongIncident> longest = longestIncidents(incidents, t0 + 45 * kMin, 3);
        QCOMPARE(longest.size(), 3);
        QCOMPARE(longest[0].id, QStringLiteral("c"));
        QCOMPARE(longest[1].id, QStringLiteral("a"));
        QCOMPARE(longest[2].id, QStringLiteral("d"));
        QCOMPARE(longest[2].durationMs, 45 * kMin);
    }

    void perWeekAndByService()
    {
        const qint64 week = 7 * 24 * kHour;
        const QVector<Incident> incidents{
            incident("a", Severity::Sev1, kMonday + 2 * kHour, {}, {}, {}),
            incident("b", Severity::Sev2, kMonday + 6 * 24 * kHour, {}, {}, {}),  // Sunday
            incident("c", Severity::Sev2, kMonday + week + kHour, {}, {}, {}),
            incident("d", Severity::Sev4, kMonday + 3 * week, {}, {}, {}),  // outside
        };
        // Range: from Wednesday of week 0 to the end of week 1 (two weeks shown).
        const QVector<WeekCounts> weeks =
            incidentsPerWeek(incidents, kMonday + 2 * 24 * kHour, kMonday + 2 * week);
        QCOMPARE(weeks.size(), 2);
        QCOMPARE(weeks[0].weekStartMs, kMonday);
        // a started before the range (Monday 02:00 < Wednesday): not counted; b is.
        QCOMPARE(weeks[0].bySeverity, (std::array<int, 4>{0, 1, 0, 0}));
        QCOMPARE(weeks[1].bySeverity, (std::array<int, 4>{0, 1, 0, 0}));
        QCOMPARE(weeks[1].total(), 1);
        QCOMPARE(weekStartMs(kMonday + 6 * 24 * kHour + 23 * kHour), kMonday);

        const QVector<NamedCount> services =
            incidentsByService({trend(incidents[0], "change", {}, {}, "payments-api"),
                                trend(incidents[1], "capacity", {}, {}, "payments-api"),
                                trend(incidents[2], "data", {}, {}, {})});
        QCOMPARE(services.size(), 2);
        QCOMPARE(services[0].name, QStringLiteral("payments-api"));
        QCOMPARE(services[0].count, 2);
        QCOMPARE(services[1].name, QStringLiteral("(not named)"));
    }

    void recurrence()
    {
        const Incident a = incident("a", Severity::Sev2, kMonday, {}, {}, {});
        const Incident b = incident("b", Severity::Sev3, kMonday, {}, {}, {});
        const Incident c = incident("c", Severity::Sev3, kMonday, {}, {}, {});
        // change: a (cause), b (cause), c (factor) = 3; monitoring gap: a, c = 2;
        // capacity: b only = 1 (does not recur); a names change twice: counted once.
        const QVector<NamedCount> r = recurringCauses(
            {trend(a, "change", {"monitoring gap", "change"}), trend(b, "change", {"capacity"}),
             trend(c, "data", {"change", "monitoring gap"})});
        QCOMPARE(r.size(), 2);
        QCOMPARE(r[0].name, QStringLiteral("change"));
        QCOMPARE(r[0].count, 3);
        QCOMPARE(r[0].incidentIds, (QStringList{"a", "b", "c"}));
        QCOMPARE(r[1].name, QStringLiteral("monitoring gap"));
        QCOMPARE(r[1].count, 2);
        QCOMPARE(r[1].titles, (QStringList{"incident a", "incident c"}));
    }

    void parsingThePostmortem()
    {
        QString service;
        QCOMPARE(parseCause("Cause: change. Service: payments-api.\nA bad config.", &service),
                 QStringLiteral("change"));
        QCOMPARE(service, QStringLiteral("payments-api"));
        QCOMPARE(parseCause("Cause: Dependency/Vendor.\nacme failed", &service),
                 QStringLiteral("dependency/vendor"));
        QVERIFY(service.isEmpty());
        QCOMPARE(parseCause("cause: monitoring gap. service: checkout-web.", &service),
                 QStringLiteral("monitoring gap"));
        QCOMPARE(service, QStringLiteral("checkout-web"));
        QVERIFY(parseCause("We think it was a change.").isEmpty());
        QVERIFY(parseCause("Cause: gremlins.").isEmpty());  // not in the taxonomy
        QCOMPARE(parseFactors("- capacity: pool too small\n- data: bad row\n* capacity: again\n"
                              "- weather: storms\nfree text"),
                 (QStringList{"capacity", "data"}));
    }

    void changeFailureRate()
    {
        const qint64 t0 = kMonday + 10 * kHour;
        const QVector<TrendDeploy> deploys{
            {"dep-000001", "payments-api", "eu-west", t0, false, std::nullopt},
            // Rolled back 40 min after it started: inside the 2 h window.
            {"dep-000002", "checkout-web", "us-east", t0 + kHour, true, t0 + kHour + 40 * kMin},
            {"dep-000003", "orders-api", "eu-west", t0 + 2 * kHour, false, std::nullopt},
            {"dep-000004", "orders-api", "eu-west", t0 + 3 * kHour, false, std::nullopt},
            {"dep-000005", "payments-api", "eu-west", kMonday - kHour, false,
             std::nullopt},  // before the range
        };
        const QVector<TrendIncident> incidents{
            // Names dep-000001, 30 min after it: a failure.
            trend(incident("a", Severity::Sev2, t0 + 30 * kMin, {}, {}, {}), "change", {},
                  "Deploy dep-000001 of payments-api started"),
            // Names dep-000003 but 5 h after it: outside the 2 h window.
            trend(incident("b", Severity::Sev3, t0 + 7 * kHour, {}, {}, {}), "change", {},
                  "dep-000003"),
            // Mentions dep-0000040 (another id), not dep-000004.
            trend(incident("c", Severity::Sev3, t0 + 3 * kHour + kMin, {}, {}, {}), "", {},
                  "see dep-0000040"),
        };
        // In range: 4 deploys; failed: dep-000001 (incident) and dep-000002 (rolled back
        // within the window) = 2; CFR = 2 / 4 = 0.5.
        const ChangeStats c =
            changeStats(deploys, incidents, 2 * kHour, kMonday, kMonday + 7 * 24 * kHour);
        QCOMPARE(c.deploys, 4);
        QCOMPARE(c.failed, 2);
        QCOMPARE(c.rolledBack, 1);
        QCOMPARE(c.rolledBackInWindow, 1);
        QCOMPARE(*c.failureRate, 0.5);
        QCOMPARE(c.failedIds, (QStringList{"dep-000001", "dep-000002"}));
        QCOMPARE(c.deploysPerWeek.size(), 1);
        QCOMPARE(c.deploysPerWeek[0].second, 4);
        QCOMPARE(c.failuresPerWeek[0].second, 2);
    }

    void rollbackInsideAndOutsideTheWindow()
    {
        const qint64 t0 = kMonday + 10 * kHour;
        const qint64 week = 7 * 24 * kHour;
        const QVector<TrendDeploy> deploys{
            // Rolled back 1 h 59 min after it started: inside a 2 h window.
            {"dep-1", "payments-api", "eu-west", t0, true, t0 + 119 * kMin},
            // Exactly 2 h after: inside (the window includes its end).
            {"dep-2", "payments-api", "eu-west", t0 + kHour, true, t0 + 3 * kHour},
            // 3 days after: a rollback, but not of a failed change.
            {"dep-3", "payments-api", "eu-west", t0 + 2 * kHour, true, t0 + 74 * kHour},
            // Rolling back, the platform does not say since when: counted.
            {"dep-4", "payments-api", "eu-west", t0 + 3 * kHour, true, std::nullopt},
        };
        // 2 h window: failed dep-1, dep-2, dep-4 = 3 of 4 = 0.75; 4 rollbacks, 3 within.
        const ChangeStats two = changeStats(deploys, {}, 2 * kHour, kMonday, kMonday + week);
        QCOMPARE(two.failedIds, (QStringList{"dep-1", "dep-2", "dep-4"}));
        QCOMPARE(*two.failureRate, 0.75);
        QCOMPARE(two.rolledBack, 4);
        QCOMPARE(two.rolledBackInWindow, 3);
        // 1 h window: dep-1 (119 min) and dep-2 (120 min) fall outside: dep-4
        // only = 1 / 4 = 0.25.
        const ChangeStats one = changeStats(deploys, {}, kHour, kMonday, kMonday + week);
        QCOMPARE(one.failedIds, (QStringList{"dep-4"}));
        QCOMPARE(*one.failureRate, 0.25);
        // 72 h window: dep-3 was rolled back 72 h after it started (t0 + 2 h ->
        // t0 + 74 h): inside, the window includes its end: all 4 = 1.0.
        const ChangeStats long3d = changeStats(deploys, {}, 72 * kHour, kMonday, kMonday + week);
        QCOMPARE(*long3d.failureRate, 1.0);
    }

    void deployNearTheEndFailsAfterIt()
    {
        // Range: one week. A deploy 30 min before the end; the incident naming
        // it starts 45 min later, 15 min after the range: the deploy is in the
        // range (1 deploy) and failed (1): CFR 100%. The incident is not an
        // incident of the range (incidentsPerWeek does not count it).
        const qint64 week = 7 * 24 * kHour;
        const qint64 end = kMonday + week;
        const TrendIncident after =
            trend(incident("late", Severity::Sev2, end + 15 * kMin, {}, {}, {}), "change", {},
                  "Deploy dep-9 started");
        const ChangeStats c = changeStats(
            {{"dep-9", "payments-api", "eu-west", end - 30 * kMin, false, std::nullopt}}, {after},
            2 * kHour, kMonday, end);
        QCOMPARE(c.deploys, 1);
        QCOMPARE(c.failedIds, (QStringList{"dep-9"}));
        QCOMPARE(*c.failureRate, 1.0);
        QCOMPARE(incidentsPerWeek({after.incident}, kMonday, end)[0].total(), 0);
    }

    void missingAndDisorderedMilestones()
    {
        const qint64 t0 = kMonday;
        Incident noDetected =
            incident("no-detected", Severity::Sev2, t0, std::nullopt, std::nullopt, t0 + 50 * kMin);
        Incident noStarted = incident("no-started", Severity::Sev2, t0, t0 + 10 * kMin,
                                      t0 + 15 * kMin, t0 + 40 * kMin);
        noStarted.milestones.startedMs.reset();
        // Detected 5 min before it started: out of order.
        Incident disordered = incident("disordered", Severity::Sev3, t0 + 20 * kMin, t0 + 15 * kMin,
                                       t0 + 25 * kMin, t0 + 80 * kMin);
        // Complete: MTTD 6 min, MTTA 3 min, MTTR 30 min.
        const Incident complete =
            incident("complete", Severity::Sev3, t0, t0 + 6 * kMin, t0 + 9 * kMin, t0 + 30 * kMin);
        const QVector<Incident> all{noDetected, noStarted, disordered, complete};
        // MTTD (started -> detected): no-detected (no detected), no-started (no
        // started) and disordered (detected < started) excluded: 3; measured:
        // complete only, 6 min.
        const DurationStats d = mttxStats(all, Mttx::Detect);
        QCOMPARE(d.excluded, 3);
        QCOMPARE(d.count, 1);
        QCOMPARE(*d.medianMs, 6 * kMin);
        // MTTA (detected -> acknowledged): no-detected excluded (1); no-started
        // 5 min, disordered 10 min, complete 3 min -> sorted 3 5 10: median 5,
        // p90 rank ceil(2.7) = 3 -> 10.
        const DurationStats a = mttxStats(all, Mttx::Acknowledge);
        QCOMPARE(a.excluded, 1);
        QCOMPARE(a.count, 3);
        QCOMPARE(*a.medianMs, 5 * kMin);
        QCOMPARE(*a.p90Ms, 10 * kMin);
        // MTTR (started -> resolved): no-started excluded (1); no-detected 50,
        // disordered 60, complete 30 -> 30 50 60: median 50, p90 rank 3 -> 60.
        const DurationStats r = mttxStats(all, Mttx::Recover);
        QCOMPARE(r.excluded, 1);
        QCOMPARE(r.count, 3);
        QCOMPARE(*r.medianMs, 50 * kMin);
        QCOMPARE(*r.p90Ms, 60 * kMin);
        // Resolved before it started: excluded from MTTR too.
        Incident backwards = complete;
        backwards.milestones.resolvedMs = t0 - kMin;
        QCOMPARE(mttxStats({backwards}, Mttx::Recover).excluded, 1);
        QVERIFY(!mttxStats({backwards}, Mttx::Recover).medianMs);
    }

    void overallIsTheRegionsSummed()
    {
        // Objective 99%. us-east: hours 0, 1 with 1,000 events, 10 and 0 failed;
        // eu-west: hours 0, 1 with 3,000 events, 0 and 90 failed; ap-south: hour
        // 1 only, 1,000 events, 0 failed (no data in hour 0).
        // Summed: hour 0: 4,000 valid, 10 failed; hour 1: 5,000 valid, 90 failed.
        //   attainment = (9,000 - 100) / 9,000 = 0.988889;
        //   allowed = 1% x 9,000 = 90; budget left = 1 - 100/90 = -0.111111;
        //   hour 0 burn 0.25% / 1% = 0.25; hour 1 burn 1.8% / 1% = 1.8, its 6 h
        //   (h0-1) 100/9,000 = 1.11% -> 1.11 > 1, 3 d the same: a ticket (1 h).
        const QVector<TrendPoint> us{hour(0, 990, 1000), hour(1, 1000, 1000)};
        const QVector<TrendPoint> eu{hour(0, 3000, 3000), hour(1, 2910, 3000)};
        const QVector<TrendPoint> ap{hour(1, 1000, 1000)};
        const QVector<TrendPoint> sum = sumSeries({us, eu, ap});
        QCOMPARE(sum.size(), 2);
        QCOMPARE(sum[0].valid, 4000);
        QCOMPARE(sum[0].good, 3990);
        QCOMPARE(sum[1].valid, 5000);
        QCOMPARE(sum[1].good, 4910);
        const SloTrend t = computeSloTrend(sum, 0.99, kMonday, kMonday + 2 * kHour);
        QVERIFY(qAbs(*t.attainment - 8900.0 / 9000.0) < 1e-12);
        QVERIFY(qAbs(*t.budgetRemaining - (1.0 - 100.0 / 90.0)) < 1e-12);
        QCOMPARE(t.pageMs, 0);
        QCOMPARE(t.ticketMs, kHour);
    }

    void flagChangesAndServicesPerWeek()
    {
        const qint64 week = 7 * 24 * kHour;
        auto flag = [](const char* env, qint64 at) {
            TrendFlagChange c;
            c.key = QStringLiteral("payments.apple-pay");
            c.environment = QLatin1String(env);
            c.atMs = at;
            return c;
        };
        // Two weeks. Production: week 0 two, week 1 one; staging (not counted)
        // one; one before the range, one at its end (outside: half-open).
        const QVector<QPair<qint64, int>> flags = flagChangesPerWeek(
            {flag("production", kMonday + kHour), flag("production", kMonday + 3 * 24 * kHour),
             flag("production", kMonday + week + kHour), flag("staging", kMonday + 2 * kHour),
             flag("production", kMonday - kHour), flag("production", kMonday + 2 * week)},
            kMonday, kMonday + 2 * week);
        QCOMPARE(flags.size(), 2);
        QCOMPARE(flags[0], (QPair<qint64, int>(kMonday, 2)));
        QCOMPARE(flags[1], (QPair<qint64, int>(kMonday + week, 1)));
        QVERIFY(flagChangesPerWeek({}, kMonday, kMonday).isEmpty());

        // Services: payments-api week 0 one, week 1 two (3); orders-api week 1
        // one; unnamed week 0 one; one incident after the range: not counted.
        const QVector<TrendIncident> incidents{
            trend(incident("a", Severity::Sev2, kMonday + kHour, {}, {}, {}), "change", {}, {},
                  "payments-api"),
            trend(incident("b", Severity::Sev2, kMonday + week + kHour, {}, {}, {}), "change", {},
                  {}, "payments-api"),
            trend(incident("c", Severity::Sev3, kMonday + week + 2 * kHour, {}, {}, {}), "data", {},
                  {}, "payments-api"),
            trend(incident("d", Severity::Sev3, kMonday + week + 3 * kHour, {}, {}, {}), "data", {},
                  {}, "orders-api"),
            trend(incident("e", Severity::Sev4, kMonday + 4 * kHour, {}, {}, {}), "", {}, {}, {}),
            trend(incident("f", Severity::Sev4, kMonday + 2 * week, {}, {}, {}), "", {}, {},
                  "orders-api"),
        };
        const ServiceWeeks sw = incidentsPerWeekByService(incidents, kMonday, kMonday + 2 * week);
        QCOMPARE(sw.weeks, (QVector<qint64>{kMonday, kMonday + week}));
        // Most first (3), then 1 and 1 by name: "(not named)" < "orders-api".
        QCOMPARE(sw.services, (QStringList{"payments-api", "(not named)", "orders-api"}));
        QCOMPARE(sw.counts[0], (QVector<int>{1, 2}));
        QCOMPARE(sw.counts[1], (QVector<int>{1, 0}));
        QCOMPARE(sw.counts[2], (QVector<int>{0, 1}));
        QVERIFY(incidentsPerWeekByService({}, kMonday, kMonday).weeks.isEmpty());
    }

    void openItemsByOwnerAndAge()
    {
        const qint64 now = kMonday + 10 * 24 * kHour;
        auto item = [&](const QString& owner, ActionItemStatus s, qint64 created, QDate due) {
            ActionItem a;
            a.owner = owner;
            a.status = s;
            a.createdMs = created;
            a.due = due;
            return a;
        };
        const QVector<OwnerItems> owners = openItemsByOwner(
            {item("lee", ActionItemStatus::Open, now - 5 * 24 * kHour, QDate(2026, 11, 30)),
             item("lee", ActionItemStatus::InProgress, now - 2 * 24 * kHour, QDate()),
             item("lee", ActionItemStatus::Done, now - 30 * 24 * kHour, QDate()),
             item("", ActionItemStatus::Open, now - kHour, QDate(2026, 12, 31)),
             item("sam", ActionItemStatus::WontDo, now, QDate())},
            now, QDate(2026, 12, 3));
        // lee: 2 open, oldest 5 days, 1 overdue (due 11-30 < 12-03); unassigned: 1.
        QCOMPARE(owners.size(), 2);
        QCOMPARE(owners[0].owner, QStringLiteral("lee"));
        QCOMPARE(owners[0].open, 2);
        QCOMPARE(owners[0].oldestAgeMs, 5 * 24 * kHour);
        QCOMPARE(owners[0].overdue, 1);
        QCOMPARE(owners[1].owner, QStringLiteral("(unassigned)"));
        QCOMPARE(owners[1].overdue, 0);
    }
};

QTEST_GUILESS_MAIN(TestTrendMetrics)
#include "tst_trend_metrics.moc"
