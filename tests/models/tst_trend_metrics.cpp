// The trend figures against hand-worked data; the arithmetic is written
// next to each expected value. Empty ranges, a single incident, and
// incidents missing a milestone (left out, and counted as left out).
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
        // Objective 99%: hour 0 fails 20% (burn 0.2 / 0.01 = 20 >= 14.4: paging);
        // hour 1 fails 7% (burn 7: not paging; trailing 6 h = (200 + 70) / 2,000
        // = 13.5% -> burn 13.5 >= 6: ticket); hour 2 fails 0% (trailing 6 h =
        // 270 / 3,000 = 9% -> burn 9 >= 6: ticket); hours 3..8 perfect: at hour 6
        // the trailing 6 h are hours 1..6 = 70 / 6,000 -> burn 1.17: no ticket.
        QVector<TrendPoint> points{hour(0, 800, 1000), hour(1, 930, 1000), hour(2, 1000, 1000)};
        for (int h = 3; h < 9; ++h)
            points.append(hour(h, 1000, 1000));
        const SloTrend t = computeSloTrend(points, 0.99, kMonday, kMonday + 9 * kHour);
        QCOMPARE(t.pageMs, kHour);
        // Tickets: hours 1, 2 and 3 (270/4,000 = 6.75% -> burn 6.75); hour 4 is
        // 270/5,000 = 5.4% -> 5.4 < 6, hour 5 270/6,000 -> 4.5: not; 3 hours.
        QCOMPARE(t.ticketMs, 3 * kHour);
        // Failures 270 of 9,000 valid; allowed 1% x 9,000 = 90: remaining 1 - 270/90 = -2.
        QVERIFY(qAbs(*t.budgetRemaining - (-2.0)) < 1e-12);
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
        QVERIFY(!c.failureRate);
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
            {"dep-000001", "payments-api", "eu-west", t0, false},
            {"dep-000002", "checkout-web", "us-east", t0 + kHour, true},  // rolled back
            {"dep-000003", "orders-api", "eu-west", t0 + 2 * kHour, false},
            {"dep-000004", "orders-api", "eu-west", t0 + 3 * kHour, false},
            {"dep-000005", "payments-api", "eu-west", kMonday - kHour, false},  // before range
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
        // In range: 4 deploys; failed: dep-000001 (incident) and dep-000002 (rolled back) = 2;
        // CFR = 2 / 4 = 0.5.
        const ChangeStats c =
            changeStats(deploys, incidents, 2 * kHour, kMonday, kMonday + 7 * 24 * kHour);
        QCOMPARE(c.deploys, 4);
        QCOMPARE(c.failed, 2);
        QCOMPARE(c.rolledBack, 1);
        QCOMPARE(*c.failureRate, 0.5);
        QCOMPARE(c.failedIds, (QStringList{"dep-000001", "dep-000002"}));
        QCOMPARE(c.deploysPerWeek.size(), 1);
        QCOMPARE(c.deploysPerWeek[0].second, 4);
        QCOMPARE(c.failuresPerWeek[0].second, 2);
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
