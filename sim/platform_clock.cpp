#include "platform_clock.h"

#include <cmath>

namespace wfsim {

PlatformClock::PlatformClock(int64_t startMs, double speed)
    : startMs_(startMs), speed_(speed), wallAtStart_(std::chrono::steady_clock::now())
{
}

int64_t PlatformClock::nowMs() const
{
    const auto wall = std::chrono::steady_clock::now() - wallAtStart_;
    const double elapsedMs = std::chrono::duration<double, std::milli>(wall).count() * speed_;
    return startMs_ + static_cast<int64_t>(std::floor(elapsedMs));
}

std::chrono::nanoseconds PlatformClock::wallUntil(int64_t simMs) const
{
    const int64_t ahead = simMs - nowMs();
    if (ahead <= 0)
        return std::chrono::nanoseconds(0);
    return std::chrono::nanoseconds(static_cast<int64_t>(std::ceil(ahead * 1e6 / speed_)));
}

int64_t PlatformClock::wallNowFlooredMs(int64_t stepSeconds)
{
    const int64_t s = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
    return (s - s % stepSeconds) * 1000;
}

}  // namespace wfsim
