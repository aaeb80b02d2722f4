#pragma once

// The order of an incident's milestones, checked by the platform the way the
// console checks it (models/incident_milestones.h), in the same words:
//
//   started <= detected <= acknowledged <= resolved
//   started <= mitigated <= resolved
//
// across unset milestones too; detected and mitigated are not ordered against
// each other; resolved needs mitigated; none later than now plus a minute.

#include "watchfloor/v1/incident.pb.h"

#include <grpcpp/support/status.h>

#include <cstdint>

namespace wfsim {

class IncidentMilestones {
public:
    static constexpr int64_t kFutureToleranceMs = 60'000;

    // OK, or INVALID_ARGUMENT with the first problem in words:
    // MILESTONE_IN_FUTURE, MISSING_MILESTONE (resolved without mitigated) or
    // MILESTONES_OUT_OF_ORDER (metadata `milestone`, `before`), the field
    // under `prefix` ("incident.milestones.detected_at").
    static grpc::Status check(const watchfloor::v1::IncidentMilestones& milestones, int64_t nowMs,
                              const std::string& prefix);
};

}  // namespace wfsim
