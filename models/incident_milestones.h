#pragma once

// The order of an incident's milestones, checked before anything is stored.
//
//   Started <= Detected <= Acknowledged <= Resolved
//   Started <= Mitigated <= Resolved
//
// Unset milestones are skipped, but the order still holds across them
// (Acknowledged cannot be before Started even when Detected is unset).
// Detected and Mitigated are not ordered against each other: automation (a
// circuit breaker, a failover) can end the impact before a person notices.
// Resolved requires Mitigated: resolving means the impact has ended, so the
// time it ended must be recorded; when it ended with the resolution, set both
// to the same time. (The validator never fills anything in itself.) No
// milestone may be later than now by more than kMilestoneFutureToleranceMs,
// which allows for the console's and the platform's clocks disagreeing.

#include "incident_types.h"

#include <QString>

namespace wf {

constexpr qint64 kMilestoneFutureToleranceMs = 60'000;

// "" when the milestones are possible; otherwise the first problem in words,
// e.g. "Detected (14:05) is before Started (14:10): an incident cannot be
// detected before it starts." Times are shown in UTC, with seconds or the
// date only when they are needed to tell the two apart.
QString validateMilestones(const Milestones& milestones, qint64 nowMs);

}  // namespace wf
