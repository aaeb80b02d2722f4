#include "reconnect_backoff.h"

#include <algorithm>

namespace wf {

ReconnectBackoff::ReconnectBackoff(int initialMs, int maxMs, uint32_t seed)
    : initialMs_(initialMs), maxMs_(maxMs), rng_(seed)
{
}

int ReconnectBackoff::nextDelayMs()
{
    const double ceiling =
        std::min<double>(maxMs_, double(initialMs_) * double(1u << std::min(attempt_, 20)));
    ++attempt_;
    std::uniform_real_distribution<double> jitter(ceiling / 2.0, ceiling);
    return int(jitter(rng_));
}

}  // namespace wf
