// The simulator's gRPC service, in process, through a real channel and the
// generated stub.

#include "history_aggregator.h"
#include "listen_address.h"
#include "scenario_loader.h"
#include "series_filter.h"
#include "sim_server.h"
#include "simulated_platform.h"
#include "watchfloor/v1/journey_health.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <thread>

using namespace wfsim;
namespace v1 = watchfloor::v1;

namespace {

// 2024-05-01T12:00:00Z, a multiple of 5 minutes.
constexpr int64_t kStart = 1714564800;
constexpr int kSeries = JourneyCatalog::kSeriesCount;

// A platform and its server on 127.0.0.1:<free port>, with a client stub.
class SimFixture {
public:
    SimFixture(double speed, const char* scenario = "quiet-day")
    {
        PlatformSettings settings;
        settings.speed = speed;
        settings.startSeconds = kStart;
        std::string error;
        JourneyCatalog catalog;
        settings.scenario = *ScenarioLoader(catalog).load(scenario, &error);
        platform = std::make_unique<SimulatedPlatform>(settings);
        server = std::make_unique<SimServer>(*platform);
        if (!server->start("127.0.0.1:0", &error))
            qFatal("server: %s", error.c_str());
        grpc::ChannelArguments args;
        args.SetMaxReceiveMessageSize(-1);
        channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(server->port()),
                                            grpc::InsecureChannelCredentials(), args);
        stub = v1::JourneyHealthService::NewStub(channel);
    }

    std::unique_ptr<SimulatedPlatform> platform;
    std::unique_ptr<SimServer> server;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<v1::JourneyHealthService::Stub> stub;
};

void setDeadline(grpc::ClientContext& context, int seconds = 10)
{
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

v1::ErrorDetail detailOf(const grpc::Status& status)
{
    v1::ErrorDetail detail;
    if (!detail.ParseFromString(status.error_details()))
        qWarning("error_details do not parse");
    return detail;
}

void setTime(google::protobuf::Timestamp* ts, int64_t seconds)
{
    ts->set_seconds(seconds);
    ts->set_nanos(0);
}

v1::GetHistoryRequest historyRequest(int64_t from, int64_t to, int64_t resolutionSeconds)
{
    v1::GetHistoryRequest request;
    setTime(request.mutable_range()->mutable_start(), from);
    setTime(request.mutable_range()->mutable_end(), to);
    request.mutable_resolution()->set_seconds(resolutionSeconds);
    return request;
}

// Reads a stream, checking that real samples (sequence > 0) have strictly
// increasing sequences without gaps, and that each one is the sample its
// sequence stands for.
struct StreamReader {
    std::vector<v1::HealthSample> samples;  // real samples only
    std::vector<v1::HealthSample> faults;   // sequence 0
    std::string epoch;
    int events = 0;
    int heartbeats = 0;
    QString problem;

    // Reads until `enough` real samples arrived or the stream ends.
    grpc::Status read(grpc::ClientReader<v1::HealthEvent>& reader, grpc::ClientContext& context,
                      size_t enough)
    {
        v1::HealthEvent event;
        while (samples.size() < enough && reader.Read(&event)) {
            ++events;
            epoch = event.stream_epoch();
            if (event.samples_size() == 0)
                ++heartbeats;
            if (event.samples_size() > 2000)
                problem = "an event with more than 2000 samples";
            for (const v1::HealthSample& s : event.samples()) {
                if (s.sequence() == 0) {
                    faults.push_back(s);
                    continue;
                }
                if (!samples.empty() && s.sequence() != samples.back().sequence() + 1 &&
                    problem.isEmpty()) {
                    problem = QString("sequence %1 after %2")
                                  .arg(s.sequence())
                                  .arg(samples.back().sequence());
                }
                const uint64_t tick = (s.sequence() - 1) / kSeries;
                const int series = int((s.sequence() - 1) % kSeries);
                JourneyCatalog catalog;
                if (s.interval_start().seconds() != kStart + int64_t(tick) * 10 ||
                    s.journey_id() != catalog.journey(series / 3).id ||
                    s.region() != catalog.region(series % 3).id || s.interval().seconds() != 10)
                    problem =
                        QString("sample %1 is not the one its sequence names").arg(s.sequence());
                samples.push_back(s);
            }
        }
        context.TryCancel();
        return reader.Finish();
    }
};

}  // namespace

class TestSimService : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimFixture> sim_;  // quiet day, 600x: a tick every 17 ms

private slots:
    void initTestCase() { sim_ = std::make_unique<SimFixture>(600); }
    void cleanupTestCase() { sim_.reset(); }

    void listJourneysDescribesTheCatalog()
    {
        grpc::ClientContext context;
        setDeadline(context);
        v1::ListJourneysResponse response;
        const grpc::Status status = sim_->stub->ListJourneys(&context, {}, &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(response.journeys_size(), 5);
        QCOMPARE(response.regions_size(), 3);
        const std::vector<std::pair<std::string, double>> expected = {
            {"checkout-availability", 0.999},
            {"payment-authorization", 0.97},
            {"order-creation", 0.995},
            {"checkout-latency", 0.95},
            {"add-to-cart", 0.999}};
        for (int j = 0; j < 5; ++j) {
            const v1::Journey& journey = response.journeys(j);
            QCOMPARE(journey.id(), expected[j].first);
            QCOMPARE(journey.objective(), expected[j].second);
            QCOMPARE(journey.slo_window().seconds(), 28 * 86400);
            QCOMPARE(journey.regions_size(), 3);
            QVERIFY(!journey.display_name().empty() && !journey.description().empty());
        }
        QCOMPARE(response.journeys(3).sli_kind(), v1::SLI_KIND_LATENCY);
        QCOMPARE(response.journeys(3).latency_threshold().nanos(), 800000000);
        QCOMPARE(response.journeys(1).sli_kind(), v1::SLI_KIND_SUCCESS_RATE);
        QCOMPARE(response.journeys(0).sli_kind(), v1::SLI_KIND_AVAILABILITY);
        QCOMPARE(response.regions(0), std::string("us-east"));
        QCOMPARE(response.regions(2), std::string("ap-south"));
        QVERIFY(response.platform_time().seconds() >= kStart);
    }

    void scenarioObjectivesReachTheCatalog()
    {
        SimFixture sim(1, "payment-auth-drop");
        grpc::ClientContext context;
        setDeadline(context);
        v1::ListJourneysResponse response;
        QVERIFY(sim.stub->ListJourneys(&context, {}, &response).ok());
        QCOMPARE(response.journeys(1).objective(), 0.999);
    }

    void streamIsGaplessAndStartsAtTheNewestTick()
    {
        grpc::ClientContext context;
        setDeadline(context);
        const int64_t completed =
            sim_->platform->timeline().completedTicks(sim_->platform->clock().nowMs());
        auto reader = sim_->stub->StreamHealth(&context, {});
        StreamReader stream;
        stream.read(*reader, context, 20 * kSeries);
        QVERIFY2(stream.problem.isEmpty(), qPrintable(stream.problem));
        QCOMPARE(stream.epoch, sim_->platform->streamEpoch());
        QVERIFY(stream.samples.size() >= 20 * kSeries);
        // Fresh: begins with a whole tick, the newest complete one at the call.
        QCOMPARE((stream.samples.front().sequence() - 1) % kSeries, 0u);
        const int64_t firstTick = int64_t(stream.samples.front().sequence() - 1) / kSeries;
        QVERIFY(firstTick >= completed - 1 && firstTick <= completed + 1);
        for (const auto& s : stream.samples)
            QVERIFY(s.good() >= 0 && s.good() <= s.valid() && std::isfinite(s.latency_p95_ms()));
    }

    void filteredStreamSkipsOtherSeries()
    {
        grpc::ClientContext context;
        setDeadline(context);
        v1::StreamHealthRequest request;
        request.add_journey_ids("payment-authorization");
        request.add_regions("eu-west");
        request.add_regions("ap-south");
        auto reader = sim_->stub->StreamHealth(&context, request);
        v1::HealthEvent event;
        std::vector<uint64_t> sequences;
        while (sequences.size() < 10 && reader->Read(&event)) {
            for (const auto& s : event.samples()) {
                QCOMPARE(s.journey_id(), std::string("payment-authorization"));
                QVERIFY(s.region() != "us-east");
                sequences.push_back(s.sequence());
            }
        }
        context.TryCancel();
        reader->Finish();
        QCOMPARE(sequences.size(), size_t(10));
        for (size_t i = 1; i < sequences.size(); ++i)
            QCOMPARE(sequences[i] - sequences[i - 1], i % 2 ? 1u : 14u);
    }

    void resumeContinuesAtTheNextSequence()
    {
        std::string epoch;
        uint64_t last = 0;
        {
            grpc::ClientContext context;
            setDeadline(context);
            auto reader = sim_->stub->StreamHealth(&context, {});
            StreamReader stream;
            stream.read(*reader, context, 5 * kSeries);
            QVERIFY(stream.problem.isEmpty());
            epoch = stream.epoch;
            last = stream.samples.back().sequence();
        }
        // Resume twice: at the last sequence, and mid-tick a little earlier.
        for (const uint64_t after : {last, last - 7}) {
            grpc::ClientContext context;
            setDeadline(context);
            v1::StreamHealthRequest request;
            request.set_stream_epoch(epoch);
            request.set_resume_after_sequence(after);
            auto reader = sim_->stub->StreamHealth(&context, request);
            StreamReader stream;
            stream.read(*reader, context, 3 * kSeries);
            QVERIFY2(stream.problem.isEmpty(), qPrintable(stream.problem));
            QCOMPARE(stream.samples.front().sequence(), after + 1);
        }
    }

    void wrongEpochFailsWithEpochChanged()
    {
        grpc::ClientContext context;
        setDeadline(context);
        v1::StreamHealthRequest request;
        request.set_stream_epoch("an-epoch-from-before-the-restart");
        request.set_resume_after_sequence(15);
        auto reader = sim_->stub->StreamHealth(&context, request);
        v1::HealthEvent event;
        QVERIFY(!reader->Read(&event));
        const grpc::Status status = reader->Finish();
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        const v1::ErrorDetail detail = detailOf(status);
        QCOMPARE(detail.reason(), std::string("EPOCH_CHANGED"));
        QCOMPARE(detail.metadata().at("current_epoch"), sim_->platform->streamEpoch());
    }

    void resumeBeyondTheNewestSampleIsInvalid()
    {
        grpc::ClientContext context;
        setDeadline(context);
        v1::StreamHealthRequest request;
        request.set_stream_epoch(sim_->platform->streamEpoch());
        request.set_resume_after_sequence(1000000000);
        auto reader = sim_->stub->StreamHealth(&context, request);
        v1::HealthEvent event;
        QVERIFY(!reader->Read(&event));
        const grpc::Status status = reader->Finish();
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(detailOf(status).field(), std::string("resume_after_sequence"));
    }

    void unknownJourneyIsInvalidArgument()
    {
        {
            grpc::ClientContext context;
            setDeadline(context);
            v1::StreamHealthRequest request;
            request.add_journey_ids("checkout-availability");
            request.add_journey_ids("foo");
            auto reader = sim_->stub->StreamHealth(&context, request);
            v1::HealthEvent event;
            QVERIFY(!reader->Read(&event));
            const grpc::Status status = reader->Finish();
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QVERIFY2(QString::fromStdString(status.error_message())
                         .startsWith("unknown journey \"foo\"; known: checkout-availability, "),
                     status.error_message().c_str());
            QCOMPARE(detailOf(status).reason(), std::string("UNKNOWN_JOURNEY"));
            QCOMPARE(detailOf(status).field(), std::string("journey_ids[1]"));
        }
        {
            grpc::ClientContext context;
            setDeadline(context);
            v1::GetHistoryRequest request = historyRequest(kStart - 3600, kStart, 300);
            request.add_regions("mars");
            v1::GetHistoryResponse response;
            const grpc::Status status = sim_->stub->GetHistory(&context, request, &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QCOMPARE(detailOf(status).reason(), std::string("UNKNOWN_REGION"));
        }
    }

    void historyBucketsSumTheTenSecondSamples()
    {
        // Wait until 10 live minutes are complete, so the range spans
        // recorded 10 s history and live ticks.
        while (sim_->platform->clock().nowMs() < (kStart + 660) * 1000)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const int64_t from = kStart - 1800;
        const int64_t to = kStart + 600;
        v1::GetHistoryResponse fine;
        v1::GetHistoryResponse coarse;
        for (auto [resolution, response] : {std::pair{10, &fine}, std::pair{300, &coarse}}) {
            grpc::ClientContext context;
            setDeadline(context);
            const grpc::Status status =
                sim_->stub->GetHistory(&context, historyRequest(from, to, resolution), response);
            QVERIFY2(status.ok(), status.error_message().c_str());
            QCOMPARE(response->series_size(), kSeries);
            QCOMPARE(response->stream_epoch(), sim_->platform->streamEpoch());
            // The newest live tick included is tick 59.
            QCOMPARE(response->up_to_sequence(), uint64_t(60 * kSeries));
        }
        for (int s = 0; s < kSeries; ++s) {
            const v1::HealthSeries& f = fine.series(s);
            const v1::HealthSeries& c = coarse.series(s);
            QCOMPARE(f.journey_id(), c.journey_id());
            QCOMPARE(f.samples_size(), 240);
            QCOMPARE(c.samples_size(), 8);
            for (int b = 0; b < c.samples_size(); ++b) {
                const v1::HealthSample& bucket = c.samples(b);
                QCOMPARE(bucket.interval_start().seconds(), from + b * 300);
                QCOMPARE(bucket.interval().seconds(), 300);
                int64_t good = 0;
                int64_t valid = 0;
                double p95 = 0;
                uint64_t sequence = 0;
                for (int i = b * 30; i < b * 30 + 30; ++i) {
                    const v1::HealthSample& x = f.samples(i);
                    QCOMPARE(x.interval_start().seconds(), from + i * 10);
                    good += x.good();
                    valid += x.valid();
                    p95 += x.latency_p95_ms() * double(x.valid());
                    sequence = std::max(sequence, x.sequence());
                }
                QCOMPARE(bucket.good(), good);
                QCOMPARE(bucket.valid(), valid);
                QVERIFY(std::abs(bucket.latency_p95_ms() - p95 / double(valid)) < 1e-9 * p95);
                QCOMPARE(bucket.sequence(), sequence);
                // Recorded history has no sequence; live buckets the highest they hold.
                QCOMPARE(bucket.sequence(),
                         b < 6 ? 0u : SampleTimeline::sequence((b - 5) * 30 - 1, s));
            }
        }
    }

    void historyReturnsCoarseIntervalsUnderAFinerResolution()
    {
        grpc::ClientContext context;
        setDeadline(context);
        // 7 hours at 10 s: one hour of 5-minute history, then 6 hours of 10 s.
        v1::GetHistoryRequest request = historyRequest(kStart - 7 * 3600, kStart, 10);
        request.add_journey_ids("order-creation");
        v1::GetHistoryResponse response;
        QVERIFY(sim_->stub->GetHistory(&context, request, &response).ok());
        QCOMPARE(response.series_size(), 3);
        const v1::HealthSeries& series = response.series(0);
        QCOMPARE(series.samples_size(), 12 + 2160);
        QCOMPARE(series.samples(0).interval().seconds(), 300);
        QCOMPARE(series.samples(11).interval_start().seconds(), kStart - 6 * 3600 - 300);
        QCOMPARE(series.samples(12).interval().seconds(), 10);
        QCOMPARE(series.samples(12).interval_start().seconds(), kStart - 6 * 3600);
        QCOMPARE(response.up_to_sequence(), 0u);
        // The same range twice gives the same numbers: history is recomputed, not stored.
        grpc::ClientContext again;
        setDeadline(again);
        v1::GetHistoryResponse second;
        QVERIFY(sim_->stub->GetHistory(&again, request, &second).ok());
        QCOMPARE(second.series(2).SerializeAsString(), response.series(2).SerializeAsString());
    }

    void historyThenResumedStreamHasNoGapOrDuplicate()
    {
        v1::GetHistoryResponse history;
        {
            grpc::ClientContext context;
            setDeadline(context);
            const int64_t now = sim_->platform->clock().nowMs() / 1000;
            const grpc::Status status = sim_->stub->GetHistory(
                &context, historyRequest(now - 1800, now + 3600, 10), &history);
            QVERIFY2(status.ok(), status.error_message().c_str());
        }
        const uint64_t upTo = history.up_to_sequence();
        QVERIFY(upTo > 0 && upTo % kSeries == 0);
        // Every series' newest history sample is in the tick that up_to_sequence closes.
        for (int s = 0; s < kSeries; ++s) {
            const auto& samples = history.series(s).samples();
            QCOMPARE(samples.rbegin()->sequence(), upTo - kSeries + s + 1);
        }
        grpc::ClientContext context;
        setDeadline(context);
        v1::StreamHealthRequest request;
        request.set_stream_epoch(history.stream_epoch());
        request.set_resume_after_sequence(upTo);
        auto reader = sim_->stub->StreamHealth(&context, request);
        StreamReader stream;
        stream.read(*reader, context, 2 * kSeries);
        QVERIFY(stream.problem.isEmpty());
        QCOMPARE(stream.samples.front().sequence(), upTo + 1);
        for (int s = 0; s < kSeries; ++s) {
            const int64_t lastHistory =
                history.series(s).samples().rbegin()->interval_start().seconds();
            QCOMPARE(stream.samples[size_t(s)].interval_start().seconds(), lastHistory + 10);
        }
    }

    void historyRefusesBadRequests()
    {
        const auto call = [&](const v1::GetHistoryRequest& request) {
            grpc::ClientContext context;
            setDeadline(context);
            v1::GetHistoryResponse response;
            return sim_->stub->GetHistory(&context, request, &response);
        };
        grpc::Status status = call(historyRequest(kStart - 30 * 86400, kStart, 10));
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(detailOf(status).reason(), std::string("TOO_MANY_POINTS"));
        QVERIFY2(QString::fromStdString(status.error_message()).contains("maximum is 20000"),
                 status.error_message().c_str());

        status = call(historyRequest(kStart, kStart - 60, 10));
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(status.error_message(), std::string("range.end must be after range.start"));

        status = call(historyRequest(kStart - 60, kStart, 0));
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(detailOf(status).field(), std::string("resolution"));

        v1::GetHistoryRequest noRange;
        noRange.mutable_resolution()->set_seconds(10);
        QCOMPARE(call(noRange).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

        // Requests over 4 MB are refused.
        v1::GetHistoryRequest huge = historyRequest(kStart - 60, kStart, 10);
        huge.add_journey_ids(std::string(5 * 1024 * 1024, 'j'));
        QCOMPARE(call(huge).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

        // Before the 35-day retention: clamped, empty series.
        grpc::ClientContext context;
        setDeadline(context);
        v1::GetHistoryResponse response;
        QVERIFY(sim_->stub
                    ->GetHistory(&context,
                                 historyRequest(kStart - 50 * 86400, kStart - 40 * 86400, 300),
                                 &response)
                    .ok());
        QCOMPARE(response.series_size(), kSeries);
        QCOMPARE(response.series(0).samples_size(), 0);
    }

    void historyIsFast()
    {
        const int64_t now = sim_->platform->clock().nowMs() / 1000;
        struct Case {
            int64_t span;
            int64_t resolution;
            int points;
        };
        for (const Case c : {Case{30 * 86400, 300, 8640}, Case{7 * 3600, 10, 2160}}) {
            QElapsedTimer timer;
            timer.start();
            grpc::ClientContext context;
            setDeadline(context);
            v1::GetHistoryResponse response;
            QVERIFY(sim_->stub
                        ->GetHistory(&context, historyRequest(now - c.span, now, c.resolution),
                                     &response)
                        .ok());
            const qint64 ms = timer.elapsed();
            // The server's share: the same answer built without the call.
            timer.restart();
            v1::GetHistoryResponse direct;
            HistoryAggregator(*sim_->platform)
                .fill(SeriesFilter::kAll, now - c.span, now, c.resolution * 1000000000LL,
                      sim_->platform->timeline().completedTicks(now * 1000), &direct);
            const qint64 serverMs = timer.elapsed();
            timer.restart();
            const std::string bytes = direct.SerializeAsString();
            const qint64 serializeMs = timer.elapsed();
            qInfo(
                "%.1f h at %lld s, 15 series, %d points each, %zu bytes: %lld ms per call "
                "(server builds it in %lld ms, serialises in %lld ms)",
                double(c.span) / 3600, static_cast<long long>(c.resolution),
                response.series(0).samples_size(), bytes.size(), ms, serverMs, serializeMs);
            // The bucket holding `now` may have no complete tick yet.
            QVERIFY(response.series(0).samples_size() >= c.points - 1);
            // Well under 100 ms on an idle machine; allow for a loaded one.
            QVERIFY2(serverMs + serializeMs < 150, qPrintable(QString::number(serverMs)));
            QVERIFY2(ms < 400, qPrintable(QString::number(ms)));
        }
    }

    void expiredResumePointAndThroughput()
    {
        // 100000x: a tick every 0.1 ms of wall time, 150,000 samples/s.
        SimFixture fast(100000);
        grpc::ClientContext context;
        setDeadline(context);
        auto reader = fast.stub->StreamHealth(&context, {});
        v1::HealthEvent event;
        QVERIFY(reader->Read(&event));
        const uint64_t first = event.samples(0).sequence();
        uint64_t last = event.samples(event.samples_size() - 1).sequence();
        uint64_t received = uint64_t(event.samples_size());
        bool gapless = true;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 2000 && reader->Read(&event)) {
            for (const auto& s : event.samples()) {
                gapless = gapless && s.sequence() == last + 1;
                last = s.sequence();
            }
            received += uint64_t(event.samples_size());
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const uint64_t produced = SampleTimeline::lastSequence(
            fast.platform->timeline().completedTicks(fast.platform->clock().nowMs()));
        context.TryCancel();
        reader->Finish();
        QVERIFY(gapless);
        const double rate = double(last - first) / seconds;
        qInfo("stream at 100000x: %.0f samples/s received; behind the newest by %llu samples", rate,
              static_cast<unsigned long long>(produced - last));
        QVERIFY2(rate > 100000, qPrintable(QString::number(rate)));

        // What one stream can carry: at 10,000,000x there is always a backlog.
        SimFixture flood(1e7);
        grpc::ClientContext floodContext;
        setDeadline(floodContext);
        auto floodReader = flood.stub->StreamHealth(&floodContext, {});
        uint64_t floodSamples = 0;
        timer.restart();
        while (timer.elapsed() < 1000 && floodReader->Read(&event))
            floodSamples += uint64_t(event.samples_size());
        const double capacity = double(floodSamples) / (double(timer.nsecsElapsed()) / 1e9);
        floodContext.TryCancel();
        floodReader->Finish();
        qInfo("stream capacity (server and client on this machine): %.0f samples/s", capacity);
        QVERIFY2(capacity > 150000, qPrintable(QString::number(capacity)));

        // By now the first tick is days old: resuming there has expired.
        grpc::ClientContext late;
        setDeadline(late);
        v1::StreamHealthRequest request;
        request.set_stream_epoch(fast.platform->streamEpoch());
        request.set_resume_after_sequence(first);
        auto expired = fast.stub->StreamHealth(&late, request);
        QVERIFY(!expired->Read(&event));
        const grpc::Status status = expired->Finish();
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(detailOf(status).reason(), std::string("RESUME_POINT_EXPIRED"));
    }

    void badInputFaultsArriveOnceThenTheStreamResets()
    {
        // 100x: the faults at 30..80 s come within a second.
        SimFixture sim(100, "bad-input");
        grpc::ClientContext context;
        setDeadline(context);
        v1::StreamHealthRequest request;
        request.set_stream_epoch(sim.platform->streamEpoch());
        request.set_resume_after_sequence(0);
        auto reader = sim.stub->StreamHealth(&context, request);
        StreamReader stream;
        v1::HealthEvent event;
        grpc::Status status;
        {
            // Read to the end: the server closes the stream at 80 s.
            while (reader->Read(&event)) {
                for (const auto& s : event.samples()) {
                    if (s.sequence() == 0) {
                        QCOMPARE(event.samples_size(), 1);  // a fault has its own event
                        stream.faults.push_back(s);
                    } else {
                        QVERIFY(stream.samples.empty() ||
                                s.sequence() == stream.samples.back().sequence() + 1);
                        stream.samples.push_back(s);
                    }
                }
            }
            status = reader->Finish();
        }
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAVAILABLE);
        QCOMPARE(status.error_message(), std::string("simulated stream reset"));
        QCOMPARE(stream.faults.size(), size_t(5));
        QVERIFY(std::isnan(stream.faults[0].latency_p95_ms()));
        QCOMPARE(stream.faults[1].good(), -5);
        QCOMPARE(stream.faults[1].valid(), -3);
        QCOMPARE(stream.faults[2].good(), stream.faults[2].valid() + 10);
        QCOMPARE(stream.faults[3].journey_id(), std::string("teleportation"));
        QVERIFY(stream.faults[4].journey_id().size() > 5u * 1024 * 1024);
        QCOMPARE(stream.faults[0].interval_start().seconds(), kStart + 30);
        // The stream closed before tick 8 (80 s): the last sample ends tick 7.
        QCOMPARE(stream.samples.back().sequence(), uint64_t(8 * kSeries));

        // Resume: continues at the next sequence, no fault again.
        grpc::ClientContext again;
        setDeadline(again);
        request.set_resume_after_sequence(stream.samples.back().sequence());
        auto resumed = sim.stub->StreamHealth(&again, request);
        StreamReader rest;
        rest.read(*resumed, again, 3 * kSeries);
        QVERIFY(rest.problem.isEmpty());
        QCOMPARE(rest.samples.front().sequence(), uint64_t(8 * kSeries + 1));
        QVERIFY(rest.faults.empty());
    }

    void heartbeatsWhenNothingHappens()
    {
        // 0.5x: a tick every 20 s, so the stream has only heartbeats to send.
        SimFixture slow(0.5);
        grpc::ClientContext context;
        setDeadline(context);
        v1::StreamHealthRequest request;
        request.add_journey_ids("add-to-cart");
        auto reader = slow.stub->StreamHealth(&context, request);
        v1::HealthEvent event;
        QElapsedTimer timer;
        timer.start();
        int heartbeats = 0;
        while (heartbeats < 2 && reader->Read(&event)) {
            if (event.samples_size() == 0) {
                ++heartbeats;
                QVERIFY(event.platform_time().seconds() >= kStart);
                QCOMPARE(event.stream_epoch(), slow.platform->streamEpoch());
            }
        }
        QCOMPARE(heartbeats, 2);
        QVERIFY(timer.elapsed() >= 1500 && timer.elapsed() < 3500);
        context.TryCancel();
        reader->Finish();
    }

    void shutdownEndsOpenStreams()
    {
        SimFixture sim(600);
        grpc::ClientContext context;
        setDeadline(context);
        auto reader = sim.stub->StreamHealth(&context, {});
        v1::HealthEvent event;
        QVERIFY(reader->Read(&event));  // the stream is open
        QElapsedTimer timer;
        timer.start();
        std::thread stopper([&] { sim.server->shutdown(std::chrono::milliseconds(500)); });
        while (reader->Read(&event)) {
        }
        const grpc::Status status = reader->Finish();
        stopper.join();
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAVAILABLE);
        QVERIFY2(timer.elapsed() < 400, qPrintable(QString::number(timer.elapsed())));
    }

    void executablePrintsListeningAndStopsOnSigterm()
    {
        const QString program = qEnvironmentVariable("WATCHFLOOR_SIM");
        if (program.isEmpty())
            QSKIP("WATCHFLOOR_SIM is not set (run through ctest)");
        QProcess sim;
        sim.start(program, {"--scenario", "demo", "--speed", "60", "--seed", "42"});
        QVERIFY(sim.waitForStarted(5000));
        QVERIFY(sim.waitForReadyRead(10000));
        const QString line = QString::fromUtf8(sim.readLine()).trimmed();
        const QRegularExpression listening("^LISTENING 127\\.0\\.0\\.1:(\\d+)$");
        const auto match = listening.match(line);
        QVERIFY2(match.hasMatch(), qPrintable(line));
        const int port = match.captured(1).toInt();
        QVERIFY(port > 0);
        // Then one bearer token per role.
        std::map<QString, QString> tokens;
        const QRegularExpression tokenLine("^TOKEN ([a-z-]+) (wf-[a-z]+-[0-9a-f]{16})$");
        while (tokens.size() < 4) {
            if (!sim.canReadLine())
                QVERIFY(sim.waitForReadyRead(5000));
            const QString text = QString::fromUtf8(sim.readLine()).trimmed();
            const auto token = tokenLine.match(text);
            QVERIFY2(token.hasMatch(), qPrintable(text));
            tokens[token.captured(1)] = token.captured(2);
        }
        QCOMPARE(tokens.begin()->first, QString("incident-commander"));
        QVERIFY(tokens.contains("viewer") && tokens.contains("operator") &&
                tokens.contains("payments-approver"));
        const std::string operatorToken = tokens["operator"].toStdString();

        auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                           grpc::InsecureChannelCredentials());
        auto stub = v1::JourneyHealthService::NewStub(channel);
        grpc::ClientContext context;
        setDeadline(context);
        context.AddMetadata("authorization", "Bearer " + operatorToken);
        v1::ListJourneysResponse response;
        QVERIFY(stub->ListJourneys(&context, {}, &response).ok());
        QCOMPARE(response.journeys(1).objective(), 0.999);  // demo's override
        grpc::ClientContext refused;
        setDeadline(refused);
        refused.AddMetadata("authorization", "Bearer secret-token-value");
        QCOMPARE(stub->ListJourneys(&refused, {}, &response).error_code(),
                 grpc::StatusCode::UNAUTHENTICATED);

        sim.terminate();  // SIGTERM
        QVERIFY(sim.waitForFinished(5000));
        QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sim.exitCode(), 0);
        QVERIFY(sim.readAllStandardOutput().isEmpty());  // nothing after the TOKEN lines
        const QByteArray log = sim.readAllStandardError();
        QVERIFY(!log.contains("secret-token-value"));
        QVERIFY(!log.contains(QByteArray::fromStdString(operatorToken)));

        for (const QStringList& bad :
             {QStringList{"--speed", "-1"}, QStringList{"--listen", "0.0.0.0:0"},
              QStringList{"--scenario", "no-such-scenario"}}) {
            QProcess refused;
            refused.start(program, bad);
            QVERIFY(refused.waitForFinished(5000));
            QVERIFY2(refused.exitCode() != 0, qPrintable(bad.join(' ')));
            QVERIFY(refused.readAllStandardOutput().isEmpty());
            QVERIFY(refused.readAllStandardError().startsWith("watchfloor-sim: "));
        }
    }

    void listenAddressesAreLoopbackOnly()
    {
        std::string error;
        QVERIFY(ListenAddress::parse("127.0.0.1:0", &error)->isLoopback());
        QVERIFY(ListenAddress::parse("localhost:7000", &error)->isLoopback());
        QVERIFY(ListenAddress::parse("[::1]:7000", &error)->isLoopback());
        QCOMPARE(ListenAddress::parse("[::1]:7000", &error)->withPort(7000),
                 std::string("[::1]:7000"));
        QVERIFY(!ListenAddress::parse("0.0.0.0:7000", &error)->isLoopback());
        QVERIFY(!ListenAddress::parse("10.1.2.3:7000", &error)->isLoopback());
        QVERIFY(!ListenAddress::parse("127.0.0.1", &error));
        QVERIFY(!ListenAddress::parse("127.0.0.1:99999", &error));
    }
};

QTEST_GUILESS_MAIN(TestSimService)
#include "tst_sim_service.moc"
