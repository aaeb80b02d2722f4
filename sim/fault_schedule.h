#pragma once

// The scenario's faults, each sent once per process into the live stream in
// the tick containing its time. Once, not once per stream: a client that
// reconnects after a closed stream or an oversized message resumes in the
// same tick, and must not meet the same fault again forever.

#include "scenario.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace wfsim {

struct ClaimedFault {
    ScenarioFault fault;
    int series;  // the journey/region the fault sample is sent as
};

class FaultSchedule {
public:
    FaultSchedule(const std::vector<ScenarioFault>& faults, int64_t tickSeconds);

    bool empty() const { return faults_.empty(); }
    // Faults of `tick` that concern a series in `seriesMask` and have not
    // been sent yet, in scenario order; they count as sent from now on.
    void claim(int64_t tick, uint32_t seriesMask, std::vector<ClaimedFault>* out);

private:
    std::vector<ScenarioFault> faults_;
    std::vector<int64_t> ticks_;
    std::unique_ptr<std::atomic<bool>[]> sent_;
};

}  // namespace wfsim
