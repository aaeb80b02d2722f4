#pragma once

// Platform timestamps and durations in milliseconds, and back. A value from
// the wire outside what the contract allows (protobuf's Timestamp range,
// years 1 to 9999; nanos outside 0..999,999,999) is clamped into it, so no
// arithmetic on it can overflow.

#include <QtGlobal>

namespace google::protobuf {
class Timestamp;
class Duration;
}  // namespace google::protobuf

namespace wf {

constexpr qint64 kMinTimestampSeconds = -62'135'596'800;  // 0001-01-01T00:00:00Z
constexpr qint64 kMaxTimestampSeconds = 253'402'300'799;  // 9999-12-31T23:59:59Z
constexpr qint64 kMaxDurationSeconds = 315'576'000'000;   // about 10,000 years

qint64 timestampMs(const google::protobuf::Timestamp& t);
qint64 durationMs(const google::protobuf::Duration& d);
void setTimestampMs(google::protobuf::Timestamp* t, qint64 ms);

}  // namespace wf
