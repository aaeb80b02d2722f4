// VendorHistory: the snapshot's half hour, one point per streamed update,
// and the transitions that become vendor events on the journey charts.
#include "vendor_history.h"

#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;  // ms
constexpr qint64 kWindow = 10'000;

VendorPoint point(qint64 atMs, double errors, BreakerState b = BreakerState::Closed,
                  PublishedStatus p = PublishedStatus::Operational)
{
    return {atMs, errors, 200, 600, b, p};
}

Vendor acme(const QVector<VendorPoint>& recent, const VendorPoint& now)
{
    Vendor v;
    v.id = QStringLiteral("payments-acme");
    v.displayName = QStringLiteral("Acme Payments");
    v.category = VendorCategory::PaymentProvider;
    v.journeys = {QStringLiteral("payment-authorization")};
    VendorRegionState s;
    s.region = QStringLiteral("eu-west");
    s.errorRate = now.errorRate;
    s.breaker = now.breaker;
    s.published = now.published;
    s.measuredAtMs = now.atMs;
    s.recent = recent;
    v.regions = {s};
    return v;
}

}  // namespace

class TestVendorHistory : public QObject {
    Q_OBJECT
private slots:
    void snapshotHistoryAndItsTransitions()
    {
        // 0: closed, 1: closed, 2: open (breaker trips), 3: half-open (probe),
        // 4: open again, 5: open and the status page admits it.
        const QVector<VendorPoint> recent = {
            point(kT0, 0.01),
            point(kT0 + kWindow, 0.02),
            point(kT0 + 2 * kWindow, 0.6, BreakerState::Open),
            point(kT0 + 3 * kWindow, 0.6, BreakerState::HalfOpen),
            point(kT0 + 4 * kWindow, 0.6, BreakerState::Open),
            point(kT0 + 5 * kWindow, 0.6, BreakerState::Open, PublishedStatus::MajorOutage),
        };
        VendorHistory h;
        // The state itself repeats the newest point: it is not added twice.
        h.reset({acme(recent, recent.last())}, {});
        QCOMPARE(h.points(QStringLiteral("payments-acme"), QStringLiteral("eu-west")).size(), 6);
        QVERIFY(h.points(QStringLiteral("payments-acme"), QStringLiteral("us-east")).isEmpty());

        const QVector<VendorEvent>& e = h.events();
        QCOMPARE(e.size(), 4);
        QCOMPARE(e[0].atMs, kT0 + 2 * kWindow);
        QCOMPARE(e[0].text, QStringLiteral("Acme Payments in eu-west: breaker closed → open"));
        QVERIFY(!e[0].probe);
        QVERIFY(e[1].probe);  // open → half-open
        QVERIFY(e[2].probe);  // half-open → open
        QCOMPARE(e[3].kind, VendorEvent::Kind::StatusPage);
        QCOMPARE(e[3].text, QStringLiteral("Acme Payments in eu-west: status page Operational → "
                                           "Major outage"));
        QCOMPARE(e[3].journeys, QStringList{QStringLiteral("payment-authorization")});

        // Half-open bounds: [from, to).
        QCOMPARE(h.eventsBetween(kT0 + 2 * kWindow, kT0 + 3 * kWindow).size(), 1);
        QCOMPARE(h.eventsBetween(kT0 + 3 * kWindow, kT0 + 6 * kWindow).size(), 3);
        QVERIFY(h.eventsBetween(kT0 + 6 * kWindow, kT0 + 60 * kWindow).isEmpty());
    }

    void streamedUpdatesAppendOncePerWindow()
    {
        VendorHistory h;
        h.reset({acme({point(kT0, 0.01)}, point(kT0, 0.01))}, {});
        h.addVendor(acme({}, point(kT0 + kWindow, 0.02)));
        h.addVendor(acme({}, point(kT0 + kWindow, 0.02)));  // replayed after a resume
        h.addVendor(acme({}, point(kT0 + kWindow / 2, 0.5, BreakerState::Open)));  // older: dropped
        const auto& p = h.points(QStringLiteral("payments-acme"), QStringLiteral("eu-west"));
        QCOMPARE(p.size(), 2);
        QCOMPARE(p.last().errorRate, 0.02);
        QVERIFY(h.events().isEmpty());

        h.addVendor(acme({}, point(kT0 + 2 * kWindow, 0.7, BreakerState::Open)));
        QCOMPARE(h.events().size(), 1);
        QCOMPARE(h.events().first().atMs, kT0 + 2 * kWindow);
    }

    void keepsHalfAnHourOfPoints()
    {
        VendorHistory h;
        h.reset({acme({}, point(kT0, 0.01))}, {});
        // 200 windows of 10 s = 33 min 20 s: the oldest 3 min 20 s go.
        for (int i = 1; i < 200; ++i)
            h.addVendor(acme({}, point(kT0 + i * kWindow, 0.01)));
        const auto& p = h.points(QStringLiteral("payments-acme"), QStringLiteral("eu-west"));
        QCOMPARE(p.last().atMs, kT0 + 199 * kWindow);
        QCOMPARE(p.first().atMs, kT0 + 199 * kWindow - VendorHistory::kKeepMs);
        QCOMPARE(p.size(), 181);
    }

    void routingChangesSayWhoAndWhy()
    {
        Vendor globex = acme({}, point(kT0, 0.0));
        globex.id = QStringLiteral("payments-globex");
        globex.displayName = QStringLiteral("Globex Pay");
        CategoryRouting r;
        r.category = VendorCategory::PaymentProvider;
        r.region = QStringLiteral("eu-west");
        r.primaryVendorId = QStringLiteral("payments-acme");
        r.secondaryVendorId = QStringLiteral("payments-globex");
        r.servingVendorId = r.primaryVendorId;
        VendorHistory h;
        h.reset({acme({}, point(kT0, 0.0)), globex}, {r});
        QVERIFY(h.events().isEmpty());  // never changed: no event

        r.servingVendorId = r.secondaryVendorId;
        r.changedAtMs = kT0 + 5000;
        r.changedBy = QStringLiteral("ic@example");
        r.changeReason = QStringLiteral("acme failing");
        h.addRouting(r);
        h.addRouting(r);  // the same change again (the response and the stream)
        QCOMPARE(h.events().size(), 1);
        const VendorEvent& e = h.events().first();
        QCOMPARE(e.kind, VendorEvent::Kind::Routing);
        QCOMPARE(e.text, QStringLiteral("Payment provider in eu-west failed over to Globex Pay "
                                        "by ic@example: acme failing"));
        QCOMPARE(e.journeys, globex.journeys);

        r.servingVendorId = r.primaryVendorId;
        r.changedAtMs = kT0 + 9000;
        h.addRouting(r);
        QCOMPARE(h.events().size(), 2);
        QVERIFY(h.events().last().text.contains(QStringLiteral("failed back to Acme Payments")));
    }
};

QTEST_GUILESS_MAIN(TestVendorHistory)
#include "tst_vendor_history.moc"
