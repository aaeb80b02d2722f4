// The client against the real simulator on loopback: the stream arrives,
// survives a cut connection and a restarted platform, deadlines expire
// cleanly, and malformed requests are refused with words.
#include "health_recorder.h"
#include "journey_health_client.h"
#include "platform_channel.h"
#include "sim_fixture.h"
#include "watchfloor/v1/journey_health.grpc.pb.h"

#include <grpcpp/create_channel.h>
#include <QTcpServer>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

SimulatorOptions fastQuietDay()
{
    // 30 ticks (450 samples) per wall second.
    return simOptions(QStringLiteral("quiet-day"), 300, 7, QStringLiteral("2026-11-25T09:00:00Z"));
}

EndpointConfig endpointFor(const QString& target)
{
    EndpointConfig c;
    c.target = target;
    c.callDeadlineMs = 3000;
    c.streamIdleTimeoutMs = 3000;
    return c;
}

}  // namespace

class TestJourneyStream : public QObject {
    Q_OBJECT
private slots:
    void streamArrivesAfterHistory()
    {
        SimFixture sim(fastQuietDay());
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        JourneyHealthClient client;
        HealthRecorder rec(&client);
        client.start(endpointFor(sim.endpoint()));

        QTRY_COMPARE_WITH_TIMEOUT(rec.catalog.journeys.size(), qsizetype(5), 10000);
        QCOMPARE(rec.catalog.regions.size(), qsizetype(3));
        QTRY_COMPARE_WITH_TIMEOUT(rec.histories.size(), qsizetype(1), 10000);
        const HealthHistory& h = rec.histories.first();
        QVERIFY(!h.epoch.isEmpty());
        QCOMPARE(h.fine.size(), qsizetype(15));
        // 6 h before the start at 10 s are recorded: the 7 h fine request gets them all.
        QVERIFY2(h.fine[0].size() >= 6 * 360, qPrintable(QString::number(h.fine[0].size())));
        QVERIFY(h.coarse[0].size() >= 28 * 288);
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= 15 * 20, 10000);
        QVERIFY(rec.sawState(ConnectionState::Live));
        QCOMPARE(rec.checkContiguous(), QString());
        QCOMPARE(client.counters().duplicates.load(), qint64(0));
        client.stop();
    }

    void resumesAfterCutWithoutGapOrDuplicate()
    {
        SimFixture sim(fastQuietDay());
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        LoopbackProxy proxy;
        QVERIFY(proxy.start(sim.endpoint()) > 0);
        JourneyHealthClient client;
        HealthRecorder rec(&client);
        client.start(endpointFor(proxy.endpoint()));
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= 15 * 10, 15000);

        for (int cut = 0; cut < 3; ++cut) {
            const size_t before = rec.sequences.size();
            const int connections = proxy.connectionsAccepted();
            proxy.cutAll();
            QTRY_VERIFY_WITH_TIMEOUT(proxy.connectionsAccepted() > connections, 15000);
            QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= before + 15 * 10, 15000);
        }
        QCOMPARE(rec.histories.size(), qsizetype(1));  // resumed, never reloaded
        QCOMPARE(rec.checkContiguous(), QString());
        QCOMPARE(client.counters().duplicates.load(), qint64(0));
        QVERIFY(client.reconnects() >= 3);
        client.stop();
    }

    void streamCutMidMessageRecovers()
    {
        SimFixture sim(fastQuietDay());
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        LoopbackProxy proxy;
        proxy.start(sim.endpoint());
        JourneyHealthClient client;
        HealthRecorder rec(&client);
        client.start(endpointFor(proxy.endpoint()));
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= 15 * 10, 15000);
        const size_t before = rec.sequences.size();
        proxy.cutNextMessageInHalf();
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= before + 15 * 30, 15000);
        QCOMPARE(rec.checkContiguous(), QString());
        QVERIFY(proxy.connectionsAccepted() >= 2);
        client.stop();
    }

    void restartedPlatformReloadsHistory()
    {
        SimFixture sim(fastQuietDay());
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        JourneyHealthClient client;
        HealthRecorder rec(&client);
        client.start(endpointFor(sim.endpoint()));
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= 15 * 10, 15000);
        const QString firstEpoch = rec.histories.first().epoch;

        QVERIFY2(sim.restartOnSamePort(), qPrintable(sim.error()));
        QTRY_COMPARE_WITH_TIMEOUT(rec.histories.size(), qsizetype(2), 20000);
        QVERIFY(rec.histories.last().epoch != firstEpoch);
        QTRY_VERIFY_WITH_TIMEOUT(rec.sequences.size() >= 15 * 10, 15000);
        // After the reload the new epoch's samples continue its history exactly.
        QCOMPARE(rec.checkContiguous(), QString());
        client.stop();
    }

    void silentServerHitsTheDeadline()
    {
        // Accepts TCP connections and never says a word.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        JourneyHealthClient client;
        HealthRecorder rec(&client);
        EndpointConfig c = endpointFor(QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()));
        c.callDeadlineMs = 500;
        client.start(c);
        QTRY_VERIFY_WITH_TIMEOUT(rec.sawState(ConnectionState::Reconnecting), 10000);
        QVERIFY2(rec.lastDetail().contains(QStringLiteral("did not answer in time")),
                 qPrintable(rec.lastDetail()));
        client.stop();  // returns promptly although a call may be in flight
        QVERIFY(rec.histories.isEmpty());
    }

    void malformedRequestsAreRefusedInWords()
    {
        SimFixture sim(fastQuietDay());
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        auto channel =
            grpc::CreateChannel(sim.endpoint().toStdString(), grpc::InsecureChannelCredentials());
        auto stub = watchfloor::v1::JourneyHealthService::NewStub(channel);
        const EndpointConfig config = endpointFor(sim.endpoint());

        // A range that ends before it starts.
        watchfloor::v1::GetHistoryRequest req;
        req.mutable_range()->mutable_start()->set_seconds(2000000000);
        req.mutable_range()->mutable_end()->set_seconds(1000000000);
        req.mutable_resolution()->set_seconds(60);
        grpc::ClientContext ctx;
        prepareCall(ctx, config, 3000);
        watchfloor::v1::GetHistoryResponse resp;
        grpc::Status st = stub->GetHistory(&ctx, req, &resp);
        QCOMPARE(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(!st.error_message().empty());
        QVERIFY(describeStatus(st, config)
                    .startsWith(QStringLiteral("The platform rejected the request:")));

        // An unknown journey, with a machine-readable reason.
        watchfloor::v1::StreamHealthRequest sreq;
        sreq.add_journey_ids("teleportation");
        grpc::ClientContext sctx;
        prepareCall(sctx, config, 3000);
        auto reader = stub->StreamHealth(&sctx, sreq);
        watchfloor::v1::HealthEvent ev;
        while (reader->Read(&ev)) {
        }
        st = reader->Finish();
        QCOMPARE(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY2(
            QString::fromStdString(st.error_message()).contains(QStringLiteral("teleportation")),
            st.error_message().c_str());
        QCOMPARE(errorReason(st), std::string("UNKNOWN_JOURNEY"));
    }
};

QTEST_MAIN(TestJourneyStream)
#include "tst_journey_stream.moc"
