// The simulator's sample model and scenario files, without a server.

#include "duration_text.h"
#include "effect_timeline.h"
#include "journey_catalog.h"
#include "sample_generator.h"
#include "sample_timeline.h"
#include "scenario_loader.h"

#include <QTest>
#include <cmath>

using namespace wfsim;

namespace {

// 2024-05-01T12:00:00Z
constexpr int64_t kStart = 1714564800;
constexpr int64_t kTick = SampleTimeline::kTickSeconds;
constexpr int64_t kDayTicks = 86400 / kTick;

struct Totals {
    int64_t good = 0;
    int64_t valid = 0;
    double errorRatio() const { return valid > 0 ? double(valid - good) / double(valid) : 0; }
};

Totals sumTicks(const SampleGenerator& generator, int series, int64_t from, int64_t to)
{
    Totals totals;
    for (int64_t t = from; t < to; t += kTick) {
        const GeneratedSample s = generator.generate(series, t, kTick);
        totals.good += s.good;
        totals.valid += s.valid;
    }
    return totals;
}

int seriesOf(const JourneyCatalog& catalog, const char* journey, const char* region)
{
    return JourneyCatalog::seriesIndex(catalog.journeyIndex(journey), catalog.regionIndex(region));
}

}  // namespace

class TestSampleGenerator : public QObject {
    Q_OBJECT

private:
    JourneyCatalog catalog_;

    Scenario builtIn(const char* name)
    {
        std::string error;
        const auto scenario = ScenarioLoader(catalog_).load(QString::fromLatin1(name), &error);
        if (!scenario)
            qFatal("cannot load %s: %s", name, error.c_str());
        return *scenario;
    }

private slots:
    void sameInputsGiveTheSameSample()
    {
        const Scenario quiet;
        const SampleGenerator a(7, catalog_, quiet, kStart);
        const SampleGenerator b(7, catalog_, quiet, kStart);
        const SampleGenerator otherSeed(8, catalog_, quiet, kStart);
        int differences = 0;
        for (int s = 0; s < JourneyCatalog::kSeriesCount; ++s) {
            for (int64_t t = kStart - 3600; t < kStart + 3600; t += 370) {
                const GeneratedSample x = a.generate(s, t, kTick);
                const GeneratedSample y = b.generate(s, t, kTick);
                // Asked again, in another order: still the same.
                const GeneratedSample again = a.generate(s, t, kTick);
                QCOMPARE(x.good, y.good);
                QCOMPARE(x.valid, y.valid);
                QCOMPARE(x.p50Ms, y.p50Ms);
                QCOMPARE(x.p95Ms, again.p95Ms);
                QCOMPARE(x.p99Ms, y.p99Ms);
                const GeneratedSample z = otherSeed.generate(s, t, kTick);
                if (z.valid != x.valid || z.p50Ms != x.p50Ms)
                    ++differences;
            }
        }
        // Nearly every sample differs under another seed.
        QVERIFY2(differences > 15 * 19 * 9 / 10, qPrintable(QString::number(differences)));
    }

    void everySampleIsValidOverADay()
    {
        const SampleGenerator generator(1, catalog_, builtIn("demo"), kStart);
        for (int s = 0; s < JourneyCatalog::kSeriesCount; ++s) {
            for (int64_t k = 0; k < kDayTicks; ++k) {
                const GeneratedSample x = generator.generate(s, kStart + k * kTick, kTick);
                if (x.good < 0 || x.good > x.valid || !std::isfinite(x.p50Ms) ||
                    !std::isfinite(x.p95Ms) || !std::isfinite(x.p99Ms) || x.p50Ms <= 0 ||
                    x.p95Ms < x.p50Ms || x.p99Ms < x.p95Ms) {
                    QFAIL(qPrintable(QString("series %1 tick %2: good %3 valid %4 p50 %5 p95 %6 "
                                             "p99 %7")
                                         .arg(s)
                                         .arg(k)
                                         .arg(x.good)
                                         .arg(x.valid)
                                         .arg(x.p50Ms)
                                         .arg(x.p95Ms)
                                         .arg(x.p99Ms)));
                }
            }
        }
        // Coarse (5-minute) history samples too.
        for (int s = 0; s < JourneyCatalog::kSeriesCount; ++s) {
            for (int64_t t = kStart - 7 * 86400; t < kStart; t += 300) {
                const GeneratedSample x = generator.generate(s, t, 300);
                QVERIFY(x.good >= 0 && x.good <= x.valid && x.valid > 0);
                QVERIFY(std::isfinite(x.p99Ms));
            }
        }
    }

    void baselineSlisAreNearTheirModelOverADay_data()
    {
        QTest::addColumn<QString>("journey");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::newRow("checkout-availability") << "checkout-availability" << 0.0001 << 0.001;
        QTest::newRow("payment-authorization") << "payment-authorization" << 0.0002 << 0.0012;
        QTest::newRow("order-creation") << "order-creation" << 0.0006 << 0.0025;
        QTest::newRow("add-to-cart") << "add-to-cart" << 0.00005 << 0.0006;
        // Share over 800 ms of a lognormal with median 180 ms, sigma 0.5: 0.14%.
        QTest::newRow("checkout-latency") << "checkout-latency" << 0.0007 << 0.0028;
    }

    void baselineSlisAreNearTheirModelOverADay()
    {
        QFETCH(QString, journey);
        QFETCH(double, low);
        QFETCH(double, high);
        const SampleGenerator generator(1, catalog_, Scenario(), kStart);
        for (int r = 0; r < JourneyCatalog::kRegionCount; ++r) {
            const int series =
                JourneyCatalog::seriesIndex(catalog_.journeyIndex(journey.toStdString()), r);
            const Totals day = sumTicks(generator, series, kStart, kStart + 86400);
            QVERIFY2(day.errorRatio() >= low && day.errorRatio() <= high,
                     qPrintable(QString("%1 region %2: error ratio %3")
                                    .arg(journey)
                                    .arg(r)
                                    .arg(day.errorRatio())));
        }
    }

    void trafficFollowsTheRegionsDay()
    {
        const SampleGenerator generator(1, catalog_, Scenario(), kStart);
        const int checkoutUs = seriesOf(catalog_, "checkout-availability", "us-east");
        // us-east is UTC-5: local 16:00 (peak) is 21:00 UTC, local 04:00 (trough) 09:00 UTC.
        const int64_t day = kStart - kStart % 86400;
        const Totals peak =
            sumTicks(generator, checkoutUs, day + 20 * 3600 + 1800, day + 21 * 3600 + 1800);
        const Totals trough =
            sumTicks(generator, checkoutUs, day + 8 * 3600 + 1800, day + 9 * 3600 + 1800);
        // Expected: 40 req/s * 3600 s * 1.0 at the peak, * 0.55 at the trough.
        QVERIFY2(std::abs(double(peak.valid) / (40 * 3600) - 1) < 0.03,
                 qPrintable(QString::number(peak.valid)));
        QVERIFY2(std::abs(double(trough.valid) / (40 * 3600 * 0.55) - 1) < 0.03,
                 qPrintable(QString::number(trough.valid)));
        QVERIFY(peak.valid > trough.valid * 1.6);
        // eu-west peaks at 16:00 UTC with weight 0.8.
        const Totals euPeak =
            sumTicks(generator, seriesOf(catalog_, "checkout-availability", "eu-west"),
                     day + 15 * 3600 + 1800, day + 16 * 3600 + 1800);
        QVERIFY(std::abs(double(euPeak.valid) / (0.8 * 40 * 3600) - 1) < 0.03);
    }

    void sliEffectShowsOnlyInItsWindow()
    {
        const SampleGenerator generator(1, catalog_, builtIn("payment-auth-drop"), kStart);
        const int paymentEu = seriesOf(catalog_, "payment-authorization", "eu-west");
        const int paymentUs = seriesOf(catalog_, "payment-authorization", "us-east");
        // 85% from 5m to 25m, with a 30 s ramp at each end.
        const Totals before = sumTicks(generator, paymentEu, kStart, kStart + 300);
        const Totals during = sumTicks(generator, paymentEu, kStart + 330, kStart + 1470);
        const Totals after = sumTicks(generator, paymentEu, kStart + 1500, kStart + 3600);
        const Totals elsewhere = sumTicks(generator, paymentUs, kStart + 330, kStart + 1470);
        QVERIFY2(std::abs(during.errorRatio() - 0.15) < 0.01,
                 qPrintable(QString::number(during.errorRatio())));
        QVERIFY2(before.errorRatio() < 0.003, qPrintable(QString::number(before.errorRatio())));
        QVERIFY2(after.errorRatio() < 0.003, qPrintable(QString::number(after.errorRatio())));
        QVERIFY(elsewhere.errorRatio() < 0.003);
        // Halfway up the ramp, about half the drop.
        const Totals ramp = sumTicks(generator, paymentEu, kStart + 300, kStart + 330);
        QVERIFY2(ramp.errorRatio() > 0.02 && ramp.errorRatio() < 0.13,
                 qPrintable(QString::number(ramp.errorRatio())));
        // A 5-minute history sample that covers the window partly sees part of it.
        const GeneratedSample coarse = generator.generate(paymentEu, kStart + 300, 300);
        QVERIFY(double(coarse.valid - coarse.good) / double(coarse.valid) > 0.1);
    }

    void latencyFactorRaisesTheLatencyErrorRatio()
    {
        const SampleGenerator generator(1, catalog_, builtIn("checkout-latency-regression"),
                                        kStart);
        const SampleGenerator quiet(1, catalog_, Scenario(), kStart);
        const int latencyUs = seriesOf(catalog_, "checkout-latency", "us-east");
        const Totals during = sumTicks(generator, latencyUs, kStart + 600, kStart + 2700);
        const Totals baseline = sumTicks(quiet, latencyUs, kStart + 600, kStart + 2700);
        // Median 540 ms: 1 - Phi(ln(800/540)/0.5) = 21.6% slower than 800 ms.
        QVERIFY2(std::abs(during.errorRatio() - 0.216) < 0.03,
                 qPrintable(QString::number(during.errorRatio())));
        QVERIFY(baseline.errorRatio() < 0.005);
        const GeneratedSample slow = generator.generate(latencyUs, kStart + 1200, kTick);
        const GeneratedSample normal = quiet.generate(latencyUs, kStart + 1200, kTick);
        QCOMPARE(slow.valid, normal.valid);  // the same requests, only slower
        QVERIFY(std::abs(slow.p50Ms / normal.p50Ms - 3) < 1e-9);
        QVERIFY(std::abs(slow.p99Ms / normal.p99Ms - 3) < 1e-9);
        // The latency journey measures checkout's requests.
        const GeneratedSample checkout = quiet.generate(
            seriesOf(catalog_, "checkout-availability", "us-east"), kStart + 1200, kTick);
        QCOMPARE(checkout.valid, normal.valid);
        QCOMPARE(checkout.p50Ms, normal.p50Ms);
    }

    void latencyTailMatchesTheLognormal()
    {
        QVERIFY(std::abs(SampleGenerator::latencyTail(800, 800) - 0.5) < 1e-12);
        QVERIFY(std::abs(SampleGenerator::latencyTail(180, 800) - 0.001426) < 1e-5);
        QVERIFY(std::abs(SampleGenerator::latencyTail(540, 800) - 0.2159) < 1e-3);
    }

    void effectRampsInAndOut()
    {
        ScenarioEffect e;
        e.atSeconds = 100;
        e.durationSeconds = 100;
        e.rampSeconds = 10;
        QCOMPARE(e.meanIntensity(0, 100), 0.0);
        QCOMPARE(e.meanIntensity(100, 110), 0.5);
        QCOMPARE(e.meanIntensity(110, 190), 1.0);
        QCOMPARE(e.meanIntensity(190, 200), 0.5);
        QCOMPARE(e.meanIntensity(200, 300), 0.0);
        QVERIFY(std::abs(e.meanIntensity(100, 200) - 0.9) < 1e-12);
        QVERIFY(std::abs(e.meanIntensity(0, 400) - 0.225) < 1e-12);
    }

    void timelineLaysOutHistoryAndTicks()
    {
        const SampleTimeline timeline(kStart);
        int coarse = 0;
        int fine = 0;
        int live = 0;
        int64_t previousEnd = timeline.retentionStart();
        timeline.forEachInterval(timeline.retentionStart() - 1000, kStart + 100, 5,
                                 [&](const SampleTimeline::Interval& i) {
                                     QCOMPARE(i.start, previousEnd);  // contiguous
                                     previousEnd = i.start + i.seconds;
                                     (i.tick >= 0 ? live : i.seconds == 300 ? coarse : fine)++;
                                 });
        QCOMPARE(coarse, (35 * 86400 - 6 * 3600) / 300);
        QCOMPARE(fine, 6 * 360);
        QCOMPARE(live, 5);
        QCOMPARE(SampleTimeline::sequence(0, 0), 1ull);
        QCOMPARE(SampleTimeline::sequence(2, 14), 45ull);
        QCOMPARE(SampleTimeline::tickOfSequence(45), 2);
        QCOMPARE(SampleTimeline::seriesOfSequence(46), 0);
        QCOMPARE(timeline.completedTicks(kStart * 1000 + 9999), 0);
        QCOMPARE(timeline.completedTicks(kStart * 1000 + 10000), 1);
    }

    void durationsParse()
    {
        QCOMPARE(DurationText::parseSeconds("90s"), 90.0);
        QCOMPARE(DurationText::parseSeconds("5m"), 300.0);
        QCOMPARE(DurationText::parseSeconds("2h"), 7200.0);
        QCOMPARE(DurationText::parseSeconds("1d"), 86400.0);
        QCOMPARE(DurationText::parseSeconds("-10m"), -600.0);
        QCOMPARE(DurationText::parseSeconds("1.5h"), 5400.0);
        QCOMPARE(DurationText::parseSeconds("250ms"), 0.25);
        QVERIFY(!DurationText::parseSeconds("5"));
        QVERIFY(!DurationText::parseSeconds("5 minutes"));
        QVERIFY(!DurationText::parseSeconds("m"));
        QVERIFY(!DurationText::parseSeconds("1e3s"));
    }

    void builtInScenariosLoad()
    {
        const QStringList names = ScenarioLoader::builtInNames();
        for (const char* expected :
             {"quiet-day", "payment-auth-drop", "checkout-latency-regression", "blip", "demo",
              "bad-input", "vendor-outage", "slow-tax", "settlement-file"}) {
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
            const Scenario s = builtIn(expected);
            QCOMPARE(s.name, std::string(expected));
            QVERIFY(!s.description.empty());
        }
        const Scenario drop = builtIn("payment-auth-drop");
        QCOMPARE(drop.objectives[1], std::optional<double>(0.999));
        QCOMPARE(drop.effects.size(), size_t(1));
        QCOMPARE(drop.effects[0].atSeconds, 300.0);
        QCOMPARE(drop.effects[0].durationSeconds, 1200.0);
        QCOMPARE(drop.effects[0].rampSeconds, 30.0);
        QCOMPARE(drop.effects[0].region, catalog_.regionIndex("eu-west"));
        QCOMPARE(drop.effects[0].sli, std::optional<double>(0.85));
        const Scenario bad = builtIn("bad-input");
        QCOMPARE(bad.faults.size(), size_t(6));
        QVERIFY(bad.effects.empty());
        QCOMPARE(int(bad.faults.back().kind), int(FaultKind::CloseStream));
    }

    void scenarioWithWildcardsAndNegativeStart()
    {
        std::string error;
        const auto s = ScenarioLoader(catalog_).parse(R"({"events": [
            {"at": "-2h", "duration": "30m", "journey": "*", "region": "*", "sli": 0.9}]})",
                                                      "mine", &error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->name, std::string("mine"));
        QCOMPARE(s->effects[0].journey, -1);
        QCOMPARE(s->effects[0].region, -1);
        QCOMPARE(s->effects[0].atSeconds, -7200.0);
        // The effect shows in recorded history.
        const SampleGenerator generator(1, catalog_, *s, kStart);
        const Totals hit = sumTicks(generator, 13, kStart - 7000, kStart - 5600);
        QVERIFY(std::abs(hit.errorRatio() - 0.1) < 0.01);
    }

    void loaderRejectsBadFiles_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        const QString ok =
            R"("at": "1m", "duration": "5m", "journey": "order-creation", "region": "us-east")";
        QTest::newRow("not json") << "{\"events\": ["
                                  << "not valid JSON";
        QTest::newRow("not an object") << "[]"
                                       << "one JSON object";
        QTest::newRow("unknown top key") << R"({"nmae": "x"})"
                                         << "nmae: unknown key";
        QTest::newRow("unknown journey")
            << R"({"events": [{"at": "1m", "duration": "5m", "journey": "teleport", "region": "*", "sli": 0.9}]})"
            << "events[0].journey: unknown journey \"teleport\"";
        QTest::newRow("unknown region")
            << R"({"events": [{"at": "1m", "duration": "5m", "journey": "*", "region": "mars", "sli": 0.9}]})"
            << "events[0].region: unknown region \"mars\"";
        QTest::newRow("sli above 1") << "{\"events\": [{" + ok + R"(, "sli": 1.5}]})"
                                     << "events[0].sli: must be in (0, 1], got 1.5";
        QTest::newRow("sli zero") << "{\"events\": [{" + ok + R"(, "sli": 0}]})"
                                  << "events[0].sli";
        QTest::newRow("sli text") << "{\"events\": [{" + ok + R"(, "sli": "high"}]})"
                                  << "events[0].sli: must be a number";
        QTest::newRow("zero duration")
            << R"({"events": [{"at": "1m", "duration": "0s", "journey": "*", "region": "*", "sli": 0.9}]})"
            << "events[0].duration: must be positive";
        QTest::newRow("negative duration")
            << R"({"events": [{"sli": 0.9, "at": "1m", "duration": "-5m", "journey": "*", "region": "*"}]})"
            << "events[0].duration: must be positive";
        QTest::newRow("missing duration")
            << R"({"events": [{"at": "1m", "journey": "*", "region": "*", "sli": 0.9}]})"
            << "events[0].duration: required";
        QTest::newRow("bad duration text")
            << R"({"events": [{"at": "5 minutes", "duration": "5m", "journey": "*", "region": "*", "sli": 0.9}]})"
            << "events[0].at: \"5 minutes\" is not a duration";
        // Found by fuzz_scenario: a time this far out overflowed the
        // millisecond arithmetic.
        QTest::newRow("time beyond 400 days")
            << R"({"events": [{"at": "299999999999999999s", "fault": "nan_latency", "journey": "*", "region": "*"}]})"
            << "events[0].at: \"299999999999999999s\" is longer than 400d";
        QTest::newRow("unknown event key")
            << "{\"events\": [{\"sli\": 0.9}, {" + ok + R"(, "slii": 0.9}]})"
            << "events[0]";  // the first event is already wrong: no duration
        QTest::newRow("typo in second event")
            << "{\"events\": [{" + ok + R"(, "sli": 0.9}, {)" + ok + R"(, "slii": 0.9}]})"
            << "events[1].slii: unknown key";
        QTest::newRow("nothing to do") << "{\"events\": [{" + ok + "}]}"
                                       << "events[0]: needs \"sli\", \"latency_factor\"";
        QTest::newRow("latency factor") << "{\"events\": [{" + ok + R"(, "latency_factor": -2}]})"
                                        << "events[0].latency_factor: must be in (0, 1000]";
        QTest::newRow("ramp too long")
            << "{\"events\": [{" + ok + R"(, "sli": 0.9, "ramp": "4m"}]})"
            << "events[0].ramp";
        QTest::newRow("objective") << R"({"objectives": {"order-creation": 1.0}})"
                                   << "objectives.order-creation: must be between 0 and 1";
        QTest::newRow("objective journey") << R"({"objectives": {"orders": 0.99}})"
                                           << "objectives.orders: unknown journey";
        QTest::newRow("fault kind") << R"({"events": [{"at": "1m", "fault": "meteor"}]})"
                                    << "events[0].fault: unknown fault \"meteor\"";
        QTest::newRow("fault with duration")
            << R"({"events": [{"at": "1m", "fault": "nan_latency", "duration": "1m"}]})"
            << "events[0].duration: unknown key";
        QTest::newRow("fault in history")
            << R"({"events": [{"at": "-1m", "fault": "nan_latency"}]})"
            << "events[0].at: a fault goes into the live stream";
        const QString deploy =
            R"("deploy": {"service": "payments-api", "region": "eu-west", "version": "1", "author": "a"})";
        const QString flag =
            R"("flag": {"key": "payments.3ds-v2-flow", "environment": "production", "region": "eu-west", "enabled": true})";
        QTest::newRow("deploy service")
            << R"({"events": [{"at": "1m", "deploy": {"service": "warp", "region": "eu-west", "version": "1", "author": "a"}}]})"
            << "events[0].deploy.service: unknown service \"warp\"; known: checkout-api";
        QTest::newRow("deploy version")
            << R"({"events": [{"at": "1m", "deploy": {"service": "cart-api", "region": "eu-west", "author": "a"}}]})"
            << "events[0].deploy.version: required";
        QTest::newRow("deploy in history") << "{\"events\": [{\"at\": \"-1m\", " + deploy + "}]}"
                                           << "events[0].at: a deploy starts in the live timeline";
        QTest::newRow("recovery without effect")
            << "{\"events\": [{\"at\": \"1m\", \"recovery\": \"1m\", " + deploy + "}]}"
            << "events[0].recovery: only with an \"effect\"";
        QTest::newRow("effect without journey")
            << "{\"events\": [{\"at\": \"1m\", \"effect\": {\"sli\": 0.9}, " + deploy + "}]}"
            << "events[0].effect.journey: required";
        QTest::newRow("effect region")
            << "{\"events\": [{\"at\": \"1m\", \"effect\": {\"journey\": \"*\", \"region\": "
               "\"us-east\", \"sli\": 0.9}, " +
                   deploy + "}]}"
            << "events[0].effect.region: unknown key";
        QTest::newRow("effect strength")
            << "{\"events\": [{\"at\": \"1m\", \"effect\": {\"journey\": \"*\"}, " + flag + "}]}"
            << "events[0].effect: needs \"sli\" or \"latency_factor\"";
        QTest::newRow("flag key")
            << R"({"events": [{"at": "1m", "flag": {"key": "nope", "environment": "production", "region": "eu-west", "enabled": true}}]})"
            << "events[0].flag.key: unknown flag \"nope\"";
        QTest::newRow("flag environment")
            << R"({"events": [{"at": "1m", "flag": {"key": "payments.3ds-v2-flow", "environment": "qa", "region": "eu-west", "enabled": true}}]})"
            << "events[0].flag.environment: unknown environment \"qa\"";
        QTest::newRow("flag enabled")
            << R"({"events": [{"at": "1m", "flag": {"key": "payments.3ds-v2-flow", "environment": "staging", "region": "eu-west"}}]})"
            << "events[0].flag.enabled: required";
        QTest::newRow("flag region")
            << R"({"events": [{"at": "1m", "flag": {"key": "payments.3ds-v2-flow", "environment": "staging", "region": "*", "enabled": false}}]})"
            << "events[0].flag.region: unknown region \"*\"";
        QTest::newRow("vendor id")
            << R"({"events": [{"at": "1m", "duration": "5m", "vendor": {"id": "acme", "region": "eu-west", "error_rate": 0.5}}]})"
            << "events[0].vendor.id: unknown vendor \"acme\"";
        QTest::newRow("vendor error rate")
            << R"({"events": [{"at": "1m", "duration": "5m", "vendor": {"id": "payments-acme", "region": "eu-west", "error_rate": 1.5}}]})"
            << "events[0].vendor.error_rate: must be in [0, 1], got 1.5";
        QTest::newRow("vendor nothing fails")
            << R"({"events": [{"at": "1m", "duration": "5m", "vendor": {"id": "payments-acme", "region": "eu-west"}}]})"
            << "events[0].vendor: needs \"error_rate\"";
        QTest::newRow("vendor duration")
            << R"({"events": [{"at": "1m", "vendor": {"id": "tax-ledger", "region": "us-east", "latency_factor": 3}}]})"
            << "events[0].duration: required";
        QTest::newRow("vendor status")
            << R"({"events": [{"at": "1m", "duration": "5m", "vendor": {"id": "tax-ledger", "region": "us-east", "latency_factor": 3, "published_status": "fine"}}]})"
            << "events[0].vendor.published_status: unknown status \"fine\"";
        QTest::newRow("vendor published pair")
            << R"({"events": [{"at": "1m", "duration": "5m", "vendor": {"id": "tax-ledger", "region": "us-east", "latency_factor": 3, "published_after": "2m"}}]})"
            << "events[0].vendor.published_then: \"published_after\" and \"published_then\" go "
               "together";
        QTest::newRow("vendor key")
            << R"({"events": [{"at": "1m", "duration": "5m", "ramp": "1m", "vendor": {"id": "tax-ledger", "region": "us-east", "latency_factor": 3}}]})"
            << "events[0].ramp: unknown key";
    }

    void loaderRejectsBadFiles()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        std::string error;
        const auto scenario = ScenarioLoader(catalog_).parse(json.toUtf8(), "test", &error);
        QVERIFY(!scenario);
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
    }

    void hookScenariosLoad()
    {
        const Scenario bad = builtIn("bad-deploy");
        QCOMPARE(bad.objectives[1], std::optional<double>(0.999));
        QVERIFY(bad.effects.empty());
        QCOMPARE(bad.deploys.size(), size_t(1));
        const ScenarioDeploy& d = bad.deploys[0];
        QCOMPARE(d.atSeconds, 180.0);
        QCOMPARE(d.service, std::string("payments-api"));
        QCOMPARE(d.region, std::string("eu-west"));
        QCOMPARE(d.version, std::string("2026.11.25-7"));
        QCOMPARE(d.recoverySeconds, 120.0);
        QVERIFY(d.effect);
        QCOMPARE(d.effect->sli, std::optional<double>(0.85));
        QCOMPARE(d.effect->journey, catalog_.journeyIndex("payment-authorization"));
        QCOMPARE(d.effect->region, catalog_.regionIndex("eu-west"));
        QVERIFY(std::isinf(d.effect->durationSeconds));

        const Scenario kill = builtIn("kill-switch");
        QCOMPARE(kill.flagChanges.size(), size_t(1));
        QCOMPARE(kill.flagChanges[0].key, std::string("payments.3ds-v2-flow"));
        QCOMPARE(kill.flagChanges[0].atSeconds, 240.0);
        QVERIFY(kill.flagChanges[0].enabled);
        QCOMPARE(kill.flagChanges[0].recoverySeconds, 60.0);
        QCOMPARE(kill.flagChanges[0].effect->sli, std::optional<double>(0.88));

        const Scenario demo = builtIn("demo");
        QCOMPARE(demo.effects.size(), size_t(1));  // the blip
        QCOMPARE(demo.deploys.size(), size_t(1));  // the bad deploy
    }

    void timedEffectMeanIsExact()
    {
        TimedEffect e;
        e.effect.atSeconds = 100;
        e.effect.rampSeconds = 30;
        e.rampsOut = {{200, 260}, {110, 400}};  // two closes; the lower wins
        for (const auto& [from, to] : std::vector<std::pair<double, double>>{
                 {90, 100}, {95, 140}, {100, 110}, {105, 125}, {120, 180}, {0, 500}, {250, 270}}) {
            double sum = 0;
            const int steps = 200000;
            for (int i = 0; i < steps; ++i)
                sum += e.intensityAt(from + (to - from) * (i + 0.5) / steps);
            QVERIFY2(std::abs(e.meanIntensity(from, to) - sum / steps) < 1e-6,
                     qPrintable(QString("[%1, %2)").arg(from).arg(to)));
        }
        QCOMPARE(e.endSeconds(), 260.0);
        QCOMPARE(e.meanIntensity(260, 300), 0.0);
    }

    void closingAnEffectKeepsThePast()
    {
        const Scenario bad = builtIn("bad-deploy");
        EffectTimeline timeline(bad);
        const SampleGenerator generator(3, catalog_, bad, kStart, &timeline);
        const SampleGenerator quiet(3, catalog_, Scenario(), kStart);
        const int series = seriesOf(catalog_, "payment-authorization", "eu-west");
        std::vector<GeneratedSample> before;
        for (int64_t k = 0; k < 60; ++k)
            before.push_back(generator.generate(series, kStart + k * kTick, kTick));
        // Down from 3.5 minutes on.
        QVERIFY(sumTicks(generator, series, kStart + 210, kStart + 400).errorRatio() > 0.1);
        // Rolled back at 400 s: the ticks up to then keep their samples...
        timeline.deployRolledBack(0, 400);
        for (int64_t k = 0; k < 40; ++k) {
            const GeneratedSample x = generator.generate(series, kStart + k * kTick, kTick);
            QCOMPARE(x.good, before[size_t(k)].good);
            QCOMPARE(x.valid, before[size_t(k)].valid);
        }
        // ... the ones during the 2-minute drain get better ...
        const Totals drain = sumTicks(generator, series, kStart + 400, kStart + 520);
        QVERIFY(drain.errorRatio() > 0.02 && drain.errorRatio() < 0.12);
        // ... and after it they are exactly the quiet day's.
        for (int64_t t = kStart + 520; t < kStart + 3600; t += kTick) {
            QCOMPARE(generator.generate(series, t, kTick).good,
                     quiet.generate(series, t, kTick).good);
        }
        // Other series never moved.
        const int other = seriesOf(catalog_, "payment-authorization", "us-east");
        QCOMPARE(generator.generate(other, kStart + 300, kTick).good,
                 quiet.generate(other, kStart + 300, kTick).good);
    }

    void flagEffectFollowsTheFlag()
    {
        const Scenario kill = builtIn("kill-switch");
        EffectTimeline timeline(kill);
        const SampleGenerator generator(3, catalog_, kill, kStart, &timeline);
        const int series = seriesOf(catalog_, "payment-authorization", "eu-west");
        QVERIFY(sumTicks(generator, series, kStart, kStart + 240).errorRatio() < 0.01);
        QVERIFY(sumTicks(generator, series, kStart + 270, kStart + 600).errorRatio() > 0.08);
        // Another region's state does nothing; switching it off ends it after 1 minute.
        timeline.flagSwitched("payments.3ds-v2-flow", "production", "us-east", false, 600);
        QVERIFY(sumTicks(generator, series, kStart + 600, kStart + 700).errorRatio() > 0.08);
        timeline.flagSwitched("payments.3ds-v2-flow", "production", "eu-west", false, 700);
        QVERIFY(sumTicks(generator, series, kStart + 760, kStart + 1200).errorRatio() < 0.01);
        // On again at 1200: down again after the ramp.
        timeline.flagSwitched("payments.3ds-v2-flow", "production", "eu-west", true, 1200);
        QVERIFY(sumTicks(generator, series, kStart + 1230, kStart + 1500).errorRatio() > 0.08);
    }

    void loaderNamesTheFile()
    {
        std::string error;
        QVERIFY(!ScenarioLoader(catalog_).load("no-such-scenario", &error));
        QVERIFY2(QString::fromStdString(error).contains("built-in: bad-deploy, bad-input, blip"),
                 error.c_str());
        QVERIFY(!ScenarioLoader(catalog_).load("/nonexistent/x.json", &error));
        QVERIFY2(QString::fromStdString(error).contains("/nonexistent/x.json"), error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestSampleGenerator)
#include "tst_sample_generator.moc"
