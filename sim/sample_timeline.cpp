#include "sample_timeline.h"

namespace wfsim {

int64_t SampleTimeline::completedTicks(int64_t nowMs) const
{
    const int64_t elapsedMs = nowMs - start_ * 1000;
    return elapsedMs <= 0 ? 0 : elapsedMs / (kTickSeconds * 1000);
}

}  // namespace wfsim
