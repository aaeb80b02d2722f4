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
        const IncidentImpact impact = computeIncidentImpact(store, i, kT0 + 3600'000, 60.0);
        QVERIFY(impact.hasData);
        QCOMPARE(impact.journeys.size(), 1);  // only its journey and region
        const JourneyImpact& j = impact.journeys[0];
        QCOMPARE(j.region, QStringLiteral("eu-west"));
        // 60 bad ticks of 10 s = 10 minutes below 99.9%.
        QCOMPARE(j.minutesBelowSlo, 10);
        // 60 ticks x 500 failed; the window 14:15-14:35 holds 120 ticks x 1000.
        QCOMPARE(j.failed, 30'000);
        QCOMPARE(j.valid, 120'000);
        // Budget: the SLO window ending at 14:35 holds the 210 ticks before
        // it (the store knows no more): 210'000 events, 0.1% of which is 210;
        // 30'000 / 210 = 142.9 times the budget.
        QCOMPARE(qRound(j.budgetSpent * 10), 1429);
        QCOMPARE(impact.failedCheckouts, 30'000);
        QCOMPARE(impact.revenueAtRisk, 30'000 * 60.0);
        const QString text = incidentImpactText(impact, QStringLiteral("USD"));
        QVERIFY(text.contains(QStringLiteral("10 min below the SLO, 30000 of 120000 failed")));
        QVERIFY(text.contains(QStringLiteral("Revenue at risk (estimate")));
        QVERIFY(text.contains(QStringLiteral("1800000 USD")));
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
        const IncidentImpact quiet = computeIncidentImpact(store, i, kT0 + 3600'000, 60.0);
        QCOMPARE(quiet.journeys.size(), 1);
        QCOMPARE(quiet.journeys[0].failed, 0);
        QCOMPARE(quiet.journeys[0].minutesBelowSlo, 0);
        // A window with no samples at all: no figures, no words.
        i.milestones.startedMs = kT0 + 2 * 3600'000;
        i.milestones.mitigatedMs = kT0 + 3 * 3600'000;
        const IncidentImpact none = computeIncidentImpact(store, i, kT0 + 4 * 3600'000, 60.0);
        QVERIFY(!none.hasData);
        QVERIFY(incidentImpactText(none, QStringLiteral("USD")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIncidentImpact)
#include "tst_incident_impact.moc"
