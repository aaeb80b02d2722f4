#pragma once

// A scripted scenario: objective overrides, effects that change a journey's
// error ratio or latency for a while, and faults injected into the live
// stream to exercise a client's bad-input handling. Times are seconds
// relative to the simulated start.

#include "journey_catalog.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace wfsim {

// An effect on the error ratio and/or latency of some series, ramping in over
// `rampSeconds` after `atSeconds` and out over the last `rampSeconds`.
struct ScenarioEffect {
    double atSeconds = 0;
    double durationSeconds = 0;
    double rampSeconds = 0;
    int journey = -1;                     // -1 = every journey
    int region = -1;                      // -1 = every region
    std::optional<double> sli;            // good fraction while fully active
    std::optional<double> latencyFactor;  // multiplies the latency median
    std::string note;

    double endSeconds() const { return atSeconds + durationSeconds; }
    bool covers(int series) const;
    // Mean strength (0..1) of the effect over [from, to).
    double meanIntensity(double from, double to) const;
};

enum class FaultKind {
    NanLatency,
    NegativeCount,
    GoodExceedsValid,
    UnknownJourney,
    OversizedMessage,
    CloseStream,
};

// Bad data or a broken stream, sent once into the live stream in the tick
// containing `atSeconds`.
struct ScenarioFault {
    FaultKind kind = FaultKind::NanLatency;
    double atSeconds = 0;
    int journey = -1;  // -1 = any
    int region = -1;   // -1 = any
    std::string note;

    static const char* kindName(FaultKind kind);
    static std::optional<FaultKind> kindFromName(const std::string& name);
};

struct Scenario {
    std::string name;
    std::string description;
    std::array<std::optional<double>, JourneyCatalog::kJourneyCount> objectives;
    std::vector<ScenarioEffect> effects;
    std::vector<ScenarioFault> faults;
};

}  // namespace wfsim
