#pragma once

// Simulated lost responses: the next N state-changing calls are applied and
// then answered with UNAVAILABLE, as if the response had been dropped
// (SimulatorControl.SetFaults, --drop-action-responses).

#include <atomic>

namespace wfsim {

class ActionFaults {
public:
    void dropNextResponses(int count) { drops_.store(count < 0 ? 0 : count); }
    int pendingDrops() const { return drops_.load(); }
    // True (and one fewer pending) if this response is to be dropped.
    bool takeDrop()
    {
        int n = drops_.load();
        while (n > 0 && !drops_.compare_exchange_weak(n, n - 1)) {
        }
        return n > 0;
    }

private:
    std::atomic<int> drops_{0};
};

}  // namespace wfsim
