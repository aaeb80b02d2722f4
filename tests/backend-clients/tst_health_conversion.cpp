// Everything from outside is validated before it reaches the models.
#include "health_conversion.h"
#include "reconnect_backoff.h"
#include "watchfloor/v1/journey_health.pb.h"

#include <QtTest>
#include <limits>

using namespace wf;
namespace v1 = watchfloor::v1;

namespace {

v1::ListJourneysResponse catalogResponse()
{
    v1::ListJourneysResponse r;
    r.add_regions("us-east");
    r.add_regions("eu-west");
    auto* j = r.add_journeys();
    j->set_id("payment-authorization");
    j->set_display_name("Payment authorization");
    j->set_sli_kind(v1::SLI_KIND_SUCCESS_RATE);
    j->set_objective(0.97);
    j->mutable_slo_window()->set_seconds(28 * 86400);
    r.mutable_platform_time()->set_seconds(1'700'000'000);
    return r;
}

v1::HealthSample goodSample()
{
    v1::HealthSample s;
    s.set_journey_id("payment-authorization");
    s.set_region("eu-west");
    s.mutable_interval_start()->set_seconds(1'700'000'000);
    s.mutable_interval()->set_seconds(10);
    s.set_good(990);
    s.set_valid(1000);
    s.set_latency_p50_ms(120);
    s.set_latency_p95_ms(300);
    s.set_latency_p99_ms(500);
    s.set_sequence(42);
    return s;
}

}  // namespace

class TestHealthConversion : public QObject {
    Q_OBJECT
private slots:
    void catalog()
    {
        QString err;
        const auto c = toCatalog(catalogResponse(), &err);
        QVERIFY2(c, qPrintable(err));
        QCOMPARE(c->journeys.size(), qsizetype(1));
        QCOMPARE(c->journeys[0].kind, SliKind::SuccessRate);
        QCOMPARE(c->journeys[0].sloWindowMs, qint64(28) * 86400 * 1000);
        QCOMPARE(c->seriesIndex(0, 1), 1);
        QCOMPARE(c->platformTimeMs, qint64(1'700'000'000'000));
    }

    void catalogWithImpossibleObjectiveIsRefused()
    {
        for (double objective : {0.0, 1.0, 1.5, -0.2, std::numeric_limits<double>::quiet_NaN()}) {
            auto r = catalogResponse();
            r.mutable_journeys(0)->set_objective(objective);
            QString err;
            QVERIFY(!toCatalog(r, &err));
            QVERIFY(err.contains(QStringLiteral("invalid SLO")));
        }
        v1::ListJourneysResponse empty;
        QString err;
        QVERIFY(!toCatalog(empty, &err));
        QVERIFY(err.contains(QStringLiteral("no journeys")));
    }

    void goodSampleConverts()
    {
        QString err;
        const auto c = toCatalog(catalogResponse(), &err);
        const auto s = toSample(*c, goodSample(), &err);
        QVERIFY2(s, qPrintable(err));
        QCOMPARE(s->series, 1);
        QCOMPARE(s->point.startMs, qint64(1'700'000'000'000));
        QCOMPARE(s->point.intervalMs, 10000);
        QCOMPARE(s->point.good, qint64(990));
        QCOMPARE(s->point.sequence, quint64(42));
    }

    void badSamplesAreRejectedInWords_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nan latency") << 0 << "not a number";
        QTest::newRow("infinite latency") << 1 << "not a number";
        QTest::newRow("negative counts") << 2 << "negative count";
        QTest::newRow("good exceeds valid") << 3 << "more good events than valid";
        QTest::newRow("unknown journey") << 4 << "unknown journey \"teleportation\"";
        QTest::newRow("unknown region") << 5 << "unknown region";
        QTest::newRow("zero interval") << 6 << "interval of 0 ms";
        QTest::newRow("no sequence") << 7 << "without a sequence number";
        QTest::newRow("huge identifier") << 8 << "bytes)";
    }

    void badSamplesAreRejectedInWords()
    {
        QFETCH(int, fault);
        QFETCH(QString, expected);
        QString err;
        const auto c = toCatalog(catalogResponse(), &err);
        v1::HealthSample s = goodSample();
        switch (fault) {
            case 0: s.set_latency_p95_ms(std::numeric_limits<double>::quiet_NaN()); break;
            case 1: s.set_latency_p99_ms(std::numeric_limits<double>::infinity()); break;
            case 2:
                s.set_good(-5);
                s.set_valid(-3);
                break;
            case 3: s.set_good(1010); break;
            case 4: s.set_journey_id("teleportation"); break;
            case 5: s.set_region("moon-base"); break;
            case 6: s.mutable_interval()->set_seconds(0); break;
            case 7: s.set_sequence(0); break;
            case 8: s.set_journey_id(std::string(5 * 1024 * 1024, 'x')); break;
        }
        QVERIFY(!toSample(*c, s, &err));
        QVERIFY2(err.contains(expected), qPrintable(err));
        QVERIFY2(err.size() < 300, "a message about outside data stays short");
    }

    void invalidUtf8IdentifierDoesNotCrash()
    {
        QString err;
        const auto c = toCatalog(catalogResponse(), &err);
        v1::HealthSample s = goodSample();
        s.set_journey_id(std::string("\xff\xfe\xc3", 3));
        QVERIFY(!toSample(*c, s, &err));
        QVERIFY(err.contains(QStringLiteral("unknown journey")));
    }

    void backoffGrowsWithJitterAndCaps()
    {
        ReconnectBackoff b(100, 2000, 1234);
        int previousCeiling = 0;
        for (int i = 0; i < 10; ++i) {
            const int ceiling = std::min(2000, 100 << i);
            const int d = b.nextDelayMs();
            QVERIFY2(d >= ceiling / 2 && d <= ceiling, qPrintable(QString::number(d)));
            QVERIFY(ceiling >= previousCeiling);
            previousCeiling = ceiling;
        }
        b.reset();
        QVERIFY(b.nextDelayMs() <= 100);
    }
};

QTEST_GUILESS_MAIN(TestHealthConversion)
#include "tst_health_conversion.moc"
