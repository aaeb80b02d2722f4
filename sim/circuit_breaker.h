#pragma once

// The platform's circuit breaker for one vendor in one region, stepped once
// per 10 s measurement window. Closed: opens when the error rate over the
// last minute exceeds 50% with at least 20 calls. Open: half-open 30
// simulated seconds later. Half-open: each following window is a probe
// window; a bad one (error rate over 50%) reopens it, 3 good ones close it.

#include "watchfloor/v1/vendor.pb.h"

#include <cstdint>

namespace wfsim {

class CircuitBreaker {
public:
    static constexpr double kOpenErrorRate = 0.5;
    static constexpr int64_t kMinCalls = 20;
    static constexpr int64_t kOpenMs = 30000;
    static constexpr int kGoodProbes = 3;

    explicit CircuitBreaker(int64_t changedAtMs = 0) : changedAtMs_(changedAtMs) {}

    // After the window ending at `windowEndMs`; true if the state changed.
    bool observe(int64_t windowEndMs, int64_t minuteCalls, double minuteErrorRate,
                 double windowErrorRate);

    watchfloor::v1::BreakerState state() const { return state_; }
    int64_t changedAtMs() const { return changedAtMs_; }
    static const char* name(watchfloor::v1::BreakerState state);

private:
    void become(watchfloor::v1::BreakerState state, int64_t atMs);

    watchfloor::v1::BreakerState state_ = watchfloor::v1::BREAKER_STATE_CLOSED;
    int64_t changedAtMs_;
    int goodProbes_ = 0;
};

}  // namespace wfsim
