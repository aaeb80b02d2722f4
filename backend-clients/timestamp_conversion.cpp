#include "timestamp_conversion.h"

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <algorithm>

namespace wf {

namespace {

qint64 toMs(qint64 seconds, qint64 nanos, qint64 maxAbsSeconds, qint64 minSeconds)
{
    seconds = std::clamp(seconds, minSeconds, maxAbsSeconds);
    nanos = std::clamp<qint64>(nanos, -999'999'999, 999'999'999);
    return seconds * 1000 + nanos / 1'000'000;
}

}  // namespace

qint64 timestampMs(const google::protobuf::Timestamp& t)
{
    return toMs(t.seconds(), std::max(0, t.nanos()), kMaxTimestampSeconds, kMinTimestampSeconds);
}

qint64 durationMs(const google::protobuf::Duration& d)
{
    return toMs(d.seconds(), d.nanos(), kMaxDurationSeconds, -kMaxDurationSeconds);
}

void setTimestampMs(google::protobuf::Timestamp* t, qint64 ms)
{
    ms = std::clamp(ms, kMinTimestampSeconds * 1000, kMaxTimestampSeconds * 1000 + 999);
    const qint64 seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    t->set_seconds(seconds);
    t->set_nanos(int((ms - seconds * 1000) * 1'000'000));
}

}  // namespace wf
