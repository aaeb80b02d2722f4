#pragma once

// Conversions between Unix times/durations and google.protobuf messages.

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <cstdint>

namespace wfsim::proto_time {

inline void setSeconds(google::protobuf::Timestamp* ts, int64_t seconds)
{
    ts->set_seconds(seconds);
    ts->set_nanos(0);
}

inline void setMs(google::protobuf::Timestamp* ts, int64_t ms)
{
    const int64_t seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    ts->set_seconds(seconds);
    ts->set_nanos(static_cast<int32_t>((ms - seconds * 1000) * 1000000));
}

inline void setNanos(google::protobuf::Timestamp* ts, int64_t nanos)
{
    const int64_t seconds = nanos >= 0 ? nanos / 1000000000 : -((-nanos + 999999999) / 1000000000);
    ts->set_seconds(seconds);
    ts->set_nanos(static_cast<int32_t>(nanos - seconds * 1000000000));
}

inline void setSeconds(google::protobuf::Duration* d, int64_t seconds)
{
    d->set_seconds(seconds);
    d->set_nanos(0);
}

// Whole seconds at or after the timestamp.
inline int64_t ceilSeconds(const google::protobuf::Timestamp& ts)
{
    return ts.seconds() + (ts.nanos() > 0 ? 1 : 0);
}

// Milliseconds since the epoch (sub-millisecond nanos dropped).
inline int64_t toMs(const google::protobuf::Timestamp& ts)
{
    return ts.seconds() * 1000 + ts.nanos() / 1000000;
}

inline int64_t totalNanos(const google::protobuf::Duration& d)
{
    return d.seconds() * 1000000000 + d.nanos();
}

}  // namespace wfsim::proto_time
