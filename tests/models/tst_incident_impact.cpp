// The impact of an incident from the journey metrics, against hand-worked
// numbers: minutes below the SLO, failed events, the budget share, failed
// checkouts and the revenue-at-risk estimate, only for the incident's
// journeys and regions and only inside its window.
#include "health_store.h"
#include "incident_impact.h"

#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 kT0 = 1'795'615'200'000;  // 2026-11-25 14:00 UTC
constexpr qint64 kTick = 10'000;
constexpr qint64 kDayMs = 86'400'000;

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
    c.averageOrderValue = {6000, QStringLiteral("USD")};  // 60.00 USD
    return c;
}

// One hour of 10 s samples, 1000 events each; payment-authorization in
// eu-west fails half of them from minute 20 to minute 30.
HealthBatch hour(const PlatformCatalog& c)
{
    HealthBatch b;
    for (int t = 0; t < 360; ++t)
        for (int s = 0; s < c.seriesCount(); ++s) {
            HealthPoint p;
            p.startMs = kT0 + t * kTick;
            p.intervalMs = kTick;
            p.valid = 1000;
            const bool bad = s == c.seriesIndex(1, 1) && t >= 120 && t < 180;
            p.good = bad ? 500 : 1000;
            p.sequence = quint64(t) * quint64(c.seriesCount()) + quint64(s) + 1;
            b.append({s, p});
        }
    return b;
}

// A history in which only series `s` has data: `fine` and 5-minute `coarse`.
HealthHistory historyOf(const PlatformCatalog& c, int s, const QVector<HealthPoint>& fine,
                        const QVector<HealthPoint>& coarse)
{
    HealthHistory history;
    history.fine.resize(c.seriesCount());
    history.coarse.resize(c.seriesCount());
    history.fine[s] = fine;
    history.coarse[s] = coarse;
    history.coarseResolutionMs = 300'000;
    history.platformTimeMs = kT0 + 3600'000;
    return history;
}

// Twelve 5-minute buckets from 14:00 of 30'000 events each, the ones in
// `halfFailed` with half of them failed.
QVector<HealthPoint> buckets(std::initializer_list<int> halfFailed)
{
    QVector<HealthPoint> out;
    for (int b = 0; b < 12; ++b) {
        HealthPoint p;
        p.startMs = kT0 + b * 300'000;
        p.intervalMs = 300'000;
        p.valid = 30'000;
        p.good = std::find(halfFailed.begin(), halfFailed.end(), b) != halfFailed.end() ? 15'000
                                                                                        : 30'000;
        out.append(p);
    }
    return out;
}

}  // namespace

class TestIncidentImpact : public QObject {
    Q_OBJECT
private slots:
    void figuresFromTheMetrics()
    {
        HealthStore store;
        const PlatformCatalog c = catalog();
        store.setCatalog(c);
        store.ingest(hour(c));
        Incident i;
        i.journeys = {QStringLiteral("payment-authorization")};
        i.regions = {QStringLiteral("eu-west")};
        i.milestones.startedMs = kT0 + 15 * 60'000;    // 14:15
        i.milestones.mitigatedMs = kT0 + 35 * 60'000;  // 14:35
        const IncidentImpact impact = computeIncidentImpact(store, i, kT0 + 3600'000);
        QVERIFY(impact.hasData);
        QCOMPARE(impact.journeys.size(), 1);  // only its journey and region
        const JourneyImpact& j = impact.journeys[0];
        QCOMPARE(j.region, QStringLiteral("eu-west"));
        // 60 bad ticks of 10 s = 10 minutes below 99.9%.
        QCOMPARE(j.minutesBelowSlo, 10);
        // 60 ticks x 500 failed; the window 14:15-14:35 holds 120 ticks x 1000.
        QCOMPARE(j.failed, 30'000);
        QCOMPARE(j.valid, 120'000);
        // Budget: the store holds the 35 minutes (210 ticks, 210'000 events)
        // of the 28-day window before 14:35; at that rate the window holds
        // 210'000 x (28 x 1440 min / 35 min) = 210'000 x 1152 = 241'920'000
        // events, 0.1% of which is 241'920; 30'000 / 241'920 = 12.40%.
        QCOMPARE(qRound(j.budgetSpent * 10000), 1240);
        QCOMPARE(impact.failedCheckouts, 30'000);
        // 30'000 x 60.00 USD = 1,800,000.00 USD (in cents: 180'000'000).
        QCOMPARE(impact.revenueAtRisk, (Money{180'000'000, QStringLiteral("USD")}));
        const QString text = incidentImpactText(impact);
        QVERIFY(
            text.contains(QStringLiteral("10 min below the SLO, 30000 of 120000 failed, 12.4% "
                                         "of the 28-day error budget")));
        QVERIFY2(text.contains(QStringLiteral("Revenue at risk (estimate: failed checkouts × "
                                              "average order value): 1,800,000.00 USD")),
                 qPrintable(text));

        // A platform that gives no order value: no estimate, said so.
        PlatformCatalog noValue = c;
        noValue.averageOrderValue = {};
        HealthStore plain;
        plain.setCatalog(noValue);
        plain.ingest(hour(noValue));
        const IncidentImpact unpriced = computeIncidentImpact(plain, i, kT0 + 3600'000);
        QCOMPARE(unpriced.failedCheckouts, 30'000);
        QVERIFY(incidentImpactText(unpriced).contains(
            QStringLiteral("Revenue at risk: not estimated")));
    }

    void nothingOutsideTheWindowOrWithoutData()
    {
        HealthStore store;
        const PlatformCatalog c = catalog();
        store.setCatalog(c);
        store.ingest(hour(c));
        Incident i;
        i.journeys = {QStringLiteral("payment-authorization")};
        i.regions = {QStringLiteral("eu-west")};
        i.milestones.startedMs = kT0 + 40 * 60'000;  // after the failures
        i.milestones.mitigatedMs = kT0 + 50 * 60'000;
        const IncidentImpact quiet = computeIncidentImpact(store, i, kT0 + 3600'000);
        QCOMPARE(quiet.journeys.size(), 1);
        QCOMPARE(quiet.journeys[0].failed, 0);
        QCOMPARE(quiet.journeys[0].minutesBelowSlo, 0);
        // A window with no samples at all: no figures, no words.
        i.milestones.startedMs = kT0 + 2 * 3600'000;
        i.milestones.mitigatedMs = kT0 + 3 * 3600'000;
        const IncidentImpact none = computeIncidentImpact(store, i, kT0 + 4 * 3600'000);
        QVERIFY(!none.hasData);
        QVERIFY(incidentImpactText(none).isEmpty());
    }

    void olderIncidentsFromTheCoarseBuckets()
    {
        // The same hour, but the 10-second samples kept only from 14:40 on
        // (as after a day): the failures (14:20-14:30) are in the 5-minute
        // buckets only.
        HealthStore store;
        const PlatformCatalog c = catalog();
        store.setCatalog(c);
        const HealthBatch all = hour(c);
        QVector<HealthPoint> fine;
        const int s = c.seriesIndex(1, 1);
        const QVector<HealthPoint> coarse = buckets({4, 5});  // 14:20-14:30 half failed
        for (const auto& [series, p] : all)
            if (series == s && p.startMs >= kT0 + 40 * 60'000)
                fine.append(p);
        store.setHistory(historyOf(c, s, fine, coarse));
        Incident i;
        i.journeys = {QStringLiteral("payment-authorization")};
        i.regions = {QStringLiteral("eu-west")};
        i.milestones.startedMs = kT0 + 15 * 60'000;
        i.milestones.mitigatedMs = kT0 + 45 * 60'000;
        const IncidentImpact impact = computeIncidentImpact(store, i, kT0 + 3600'000);
        QVERIFY(impact.hasData);
        const JourneyImpact& j = impact.journeys[0];
        // Buckets 14:15, 14:20, 14:25, 14:30, 14:35 (5 x 30'000 events, two of
        // them half failed) then the fine ticks 14:40-14:45 (30 x 1'000).
        QCOMPARE(j.failed, 2 * 15'000);
        QCOMPARE(j.valid, 5 * 30'000 + 30 * 1'000);
        QCOMPARE(j.minutesBelowSlo, 10);

        // Wholly older than the fine samples (14:15-14:25): the buckets of
        // its window only, not everything up to where the fine ones begin.
        i.milestones.mitigatedMs = kT0 + 25 * 60'000;
        const IncidentImpact older = computeIncidentImpact(store, i, kT0 + 3600'000);
        QCOMPARE(older.journeys[0].valid, 2 * 30'000);  // 14:15 and 14:20
        QCOMPARE(older.journeys[0].failed, 15'000);     // 14:20 half failed
        QCOMPARE(older.journeys[0].minutesBelowSlo, 5);
    }

    void fineSamplesOffABucketEdgeAreNotCountedTwice()
    {
        // Fine samples kept from 14:42 (mid-bucket): the 14:40 bucket counts
        // for 14:40-14:45, the fine samples from 14:45 on.
        HealthStore store;
        const PlatformCatalog c = catalog();
        store.setCatalog(c);
        const int s = c.seriesIndex(1, 1);
        QVector<HealthPoint> fine;
        const QVector<HealthPoint> coarse = buckets({});
        for (const auto& [series, p] : hour(c))
            if (series == s && p.startMs >= kT0 + 42 * 60'000)
                fine.append(p);
        store.setHistory(historyOf(c, s, fine, coarse));
        Incident i;
        i.journeys = {QStringLiteral("payment-authorization")};
        i.regions = {QStringLiteral("eu-west")};
        i.milestones.startedMs = kT0 + 30 * 60'000;
        i.milestones.mitigatedMs = kT0 + 50 * 60'000;
        const IncidentImpact impact = computeIncidentImpact(store, i, kT0 + 3600'000);
        // Buckets 14:30, 14:35, 14:40 (3 x 30'000) + fine 14:45-14:50 (30 x 1'000).
        QCOMPARE(impact.journeys[0].valid, 3 * 30'000 + 30 * 1'000);
    }
};

QTEST_GUILESS_MAIN(TestIncidentImpact)
#include "tst_incident_impact.moc"
