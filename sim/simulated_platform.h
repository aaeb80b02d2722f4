#pragma once

// One run of the simulated platform: its catalog (with the scenario's
// objectives), clock, sample log and stream epoch. Shared, read-only, by
// every RPC; only the fault schedule changes (atomically).

#include "fault_schedule.h"
#include "journey_catalog.h"
#include "platform_clock.h"
#include "sample_generator.h"
#include "sample_timeline.h"
#include "scenario.h"

#include <cstdint>
#include <string>

namespace wfsim {

struct PlatformSettings {
    uint64_t seed = 1;
    double speed = 1;          // simulated seconds per wall second
    int64_t startSeconds = 0;  // simulated Unix time at construction
    Scenario scenario;
};

class SimulatedPlatform {
public:
    explicit SimulatedPlatform(const PlatformSettings& settings);

    const JourneyCatalog& catalog() const { return catalog_; }
    const Scenario& scenario() const { return scenario_; }
    const PlatformClock& clock() const { return clock_; }
    const SampleTimeline& timeline() const { return timeline_; }
    const SampleGenerator& generator() const { return generator_; }
    FaultSchedule& faults() { return faults_; }
    // New for every run (a UUID), even with the same seed.
    const std::string& streamEpoch() const { return epoch_; }

private:
    static JourneyCatalog catalogFor(const Scenario& scenario);

    Scenario scenario_;
    JourneyCatalog catalog_;
    PlatformClock clock_;
    SampleTimeline timeline_;
    SampleGenerator generator_;
    FaultSchedule faults_;
    std::string epoch_;
};

}  // namespace wfsim
