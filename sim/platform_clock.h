#pragma once

// The simulated platform's clock:
//   sim_now = start + (wall_now - wall_at_start) * speed
// with a monotonic wall clock, so the simulated time never jumps back.

#include <chrono>
#include <cstdint>

namespace wfsim {

class PlatformClock {
public:
    // startMs: simulated Unix time (ms) at construction; speed: simulated
    // seconds per wall second (> 0).
    PlatformClock(int64_t startMs, double speed);

    int64_t startMs() const { return startMs_; }
    double speed() const { return speed_; }
    // Simulated Unix time in milliseconds.
    int64_t nowMs() const;
    // Wall time until the simulated clock reaches `simMs` (zero if past).
    std::chrono::nanoseconds wallUntil(int64_t simMs) const;

    // Wall clock now floored to `stepSeconds`, in Unix ms (the default start).
    static int64_t wallNowFlooredMs(int64_t stepSeconds);

private:
    int64_t startMs_;
    double speed_;
    std::chrono::steady_clock::time_point wallAtStart_;
};

}  // namespace wfsim
