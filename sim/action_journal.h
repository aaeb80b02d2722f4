#pragma once

// Every state change the platform applied, in order (SimulatorControl's
// ListAppliedActions), and the action ids ("act-000001") it hands out.
// Thread-safe.

#include "watchfloor/v1/simulator_control.pb.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace wfsim {

class ActionJournal {
public:
    // A new action id; call once the change is sure to be applied.
    std::string allocateId();
    void record(const watchfloor::v1::AppliedAction& action);
    std::vector<watchfloor::v1::AppliedAction> actions() const;

private:
    mutable std::mutex mutex_;
    uint64_t lastId_ = 0;
    std::vector<watchfloor::v1::AppliedAction> actions_;
};

}  // namespace wfsim
