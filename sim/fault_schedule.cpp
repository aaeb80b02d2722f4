#include "fault_schedule.h"

#include <cmath>

namespace wfsim {

FaultSchedule::FaultSchedule(const std::vector<ScenarioFault>& faults, int64_t tickSeconds)
    : faults_(faults), sent_(std::make_unique<std::atomic<bool>[]>(faults.size()))
{
    for (const ScenarioFault& fault : faults_) {
        ticks_.push_back(
            static_cast<int64_t>(std::floor(fault.atSeconds / static_cast<double>(tickSeconds))));
    }
}

void FaultSchedule::claim(int64_t tick, uint32_t seriesMask, std::vector<ClaimedFault>* out)
{
    out->clear();
    for (size_t i = 0; i < faults_.size(); ++i) {
        if (ticks_[i] != tick || sent_[i].load(std::memory_order_relaxed))
            continue;
        const ScenarioFault& fault = faults_[i];
        int series = -1;
        for (int s = 0; s < JourneyCatalog::kSeriesCount && series < 0; ++s) {
            if ((seriesMask & (1u << s)) &&
                (fault.journey < 0 || fault.journey == JourneyCatalog::journeyOfSeries(s)) &&
                (fault.region < 0 || fault.region == JourneyCatalog::regionOfSeries(s))) {
                series = s;
            }
        }
        if (series < 0 || sent_[i].exchange(true))
            continue;
        out->push_back({fault, series});
    }
}

}  // namespace wfsim
