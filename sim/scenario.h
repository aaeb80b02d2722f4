#pragma once

// A scripted scenario: objective overrides, effects that change a journey's
// error ratio or latency for a while, faults injected into the live stream
// to exercise a client's bad-input handling, and deploys and flag changes
// whose effects last until an action ends them (scenario_hooks.h). Times are
// seconds relative to the simulated start.

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

// Scenario events that go through the platform's state instead of straight
// into the samples: a deploy that starts at a time, and a flag switched by
// release-bot@sim. Either may carry an effect on a journey in its region
// that lasts until an action ends it (a rollback; the flag switched back),
// plus `recoverySeconds` of ramp-out, or at most the effect's duration
// (infinity when not given).
struct ScenarioDeploy {
    double atSeconds = 0;
    std::string service;
    std::string region;
    std::string version;
    std::string author;
    std::string description;
    std::optional<ScenarioEffect> effect;  // from the deploy's start
    double recoverySeconds = 0;            // after the rollback
    std::string note;
};

struct ScenarioFlagChange {
    double atSeconds = 0;
    std::string key;
    std::string environment;
    std::string region;
    bool enabled = true;
    // Active while the flag's state in (environment, region) equals `enabled`.
    std::optional<ScenarioEffect> effect;
    double recoverySeconds = 0;  // after the flag is switched back
    std::string note;
};

// A third-party vendor failing in one region (vendor_catalog.h): from
// `atSeconds` for `durationSeconds` its calls fail at `errorRate` and are
// `latencyFactor` times slower. Its status page says `publishedStatus` from
// `atSeconds`, `publishedThen` from `atSeconds + publishedAfterSeconds` (if
// given) and operational again after the end. While the vendor serves its
// category in the region, the journeys it touches suffer (VendorCatalog::impactsOf).
struct ScenarioVendorFailure {
    double atSeconds = 0;
    double durationSeconds = 0;
    std::string vendor;
    std::string region;
    double errorRate = 0;  // 0..1; 0: the vendor's usual rate
    double latencyFactor = 1;
    int publishedStatus = 1;  // watchfloor.v1.PublishedStatus
    std::optional<double> publishedAfterSeconds;
    int publishedThen = 1;
    std::string note;

    double endSeconds() const { return atSeconds + durationSeconds; }
    bool activeAt(double t) const { return t >= atSeconds && t < endSeconds(); }
    int publishedAt(double t) const;
};

// A payment provider's settlement file landing at `atSeconds` (>= 0) with
// `count` lines the platform cannot match: that many new reconciliation
// mismatches at once (recon_store.h), of `type` (watchfloor.v1.MismatchType;
// 0: the usual mix) in `region` (-1: every region).
struct ScenarioSettlementFile {
    double atSeconds = 0;
    int count = 0;
    std::string provider;  // a payment provider's vendor id
    int region = -1;
    int type = 0;
    std::string note;
};

struct Scenario {
    std::string name;
    std::string description;
    std::array<std::optional<double>, JourneyCatalog::kJourneyCount> objectives;
    std::vector<ScenarioEffect> effects;
    std::vector<ScenarioFault> faults;
    std::vector<ScenarioDeploy> deploys;
    std::vector<ScenarioFlagChange> flagChanges;
    std::vector<ScenarioVendorFailure> vendorFailures;
    std::vector<ScenarioSettlementFile> settlementFiles;
};

}  // namespace wfsim
