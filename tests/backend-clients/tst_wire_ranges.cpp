// Values from the wire at the edges of their types, as the fuzz targets found
// them: times far outside the contract's range are clamped (no overflow when
// turned into milliseconds), vendor latencies that are not numbers, negative
// or astronomically large are shown as 0 or 10,000 s.

#include "change_conversion.h"
#include "timestamp_conversion.h"
#include "watchfloor/v1/deploy.pb.h"
#include "watchfloor/v1/vendor.pb.h"

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <QtTest>
#include <limits>

using namespace wf;

class TestWireRanges : public QObject {
    Q_OBJECT
private slots:
    void timestamps()
    {
        google::protobuf::Timestamp t;
        t.set_seconds(1'764'000'000);
        t.set_nanos(250'000'000);
        QCOMPARE(timestampMs(t), 1'764'000'000'250LL);
        t.set_seconds(std::numeric_limits<int64_t>::max());
        QCOMPARE(timestampMs(t), kMaxTimestampSeconds * 1000 + 250);
        t.set_seconds(std::numeric_limits<int64_t>::min());
        t.set_nanos(-5);  // invalid: nanos are never negative
        QCOMPARE(timestampMs(t), kMinTimestampSeconds * 1000);

        google::protobuf::Duration d;
        d.set_seconds(-90);
        d.set_nanos(-500'000'000);
        QCOMPARE(durationMs(d), -90'500LL);
        d.set_seconds(std::numeric_limits<int64_t>::max());
        d.set_nanos(0);
        QCOMPARE(durationMs(d), kMaxDurationSeconds * 1000);

        // And back: whole and negative milliseconds, and a value out of range.
        setTimestampMs(&t, -1);
        QCOMPARE(t.seconds(), -1);
        QCOMPARE(t.nanos(), 999'000'000);
        setTimestampMs(&t, std::numeric_limits<qint64>::max());
        QCOMPARE(t.seconds(), kMaxTimestampSeconds);
    }

    void deployFarInTheFuture()
    {
        watchfloor::v1::Deploy d;
        d.set_id("dep-1");
        d.mutable_started_at()->set_seconds(std::numeric_limits<int64_t>::max());
        QCOMPARE(toDeploy(d).startedMs, kMaxTimestampSeconds * 1000);
    }

    void vendorLatencies()
    {
        watchfloor::v1::Vendor v;
        v.set_id("payments-acme");
        auto* r = v.add_regions();
        r->set_region("eu-west");
        r->set_latency_p50_ms(std::numeric_limits<double>::quiet_NaN());
        r->set_latency_p95_ms(2.06801e272);
        r->set_latency_p99_ms(-40);
        auto* p = r->add_recent();
        p->mutable_at()->set_seconds(1'764'000'000);
        p->set_latency_p95_ms(std::numeric_limits<double>::infinity());
        const Vendor out = toVendor(v);
        QCOMPARE(out.regions.size(), 1);
        QCOMPARE(out.regions[0].p50Ms, 0.0);
        QCOMPARE(out.regions[0].p95Ms, 1e7);
        QCOMPARE(out.regions[0].p99Ms, 0.0);
        QCOMPARE(out.regions[0].recent.size(), 1);
        QCOMPARE(out.regions[0].recent[0].p95Ms, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestWireRanges)
#include "tst_wire_ranges.moc"
