#include "circuit_breaker.h"

namespace wfsim {

namespace v1 = watchfloor::v1;

bool CircuitBreaker::observe(int64_t windowEndMs, int64_t minuteCalls, double minuteErrorRate,
                             double windowErrorRate)
{
    const v1::BreakerState before = state_;
    switch (state_) {
        case v1::BREAKER_STATE_CLOSED:
            if (minuteCalls >= kMinCalls && minuteErrorRate > kOpenErrorRate)
                become(v1::BREAKER_STATE_OPEN, windowEndMs);
            break;
        case v1::BREAKER_STATE_OPEN:
            if (windowEndMs - changedAtMs_ >= kOpenMs)
                become(v1::BREAKER_STATE_HALF_OPEN, windowEndMs);
            break;
        case v1::BREAKER_STATE_HALF_OPEN:
            if (windowErrorRate > kOpenErrorRate)
                become(v1::BREAKER_STATE_OPEN, windowEndMs);
            else if (++goodProbes_ >= kGoodProbes)
                become(v1::BREAKER_STATE_CLOSED, windowEndMs);
            break;
        default: break;
    }
    return state_ != before;
}

void CircuitBreaker::become(v1::BreakerState state, int64_t atMs)
{
    state_ = state;
    changedAtMs_ = atMs;
    goodProbes_ = 0;
}

const char* CircuitBreaker::name(v1::BreakerState state)
{
    switch (state) {
        case v1::BREAKER_STATE_CLOSED: return "closed";
        case v1::BREAKER_STATE_OPEN: return "open";
        case v1::BREAKER_STATE_HALF_OPEN: return "half-open";
        case v1::BREAKER_STATE_FORCED_OPEN: return "forced open";
        case v1::BREAKER_STATE_DISABLED: return "disabled";
        default: return "unknown";
    }
}

}  // namespace wfsim
