#pragma once

// One run of the simulated platform: its catalog (with the scenario's
// objectives), clock, sample log and stream epoch, read-only and shared by
// every RPC; and its mutable state, each part thread-safe: the fault
// schedule, deploys, flags, vendors, reconciliation, incidents (in their own
// file), the effects actions end, the idempotency store and the journal of
// applied actions.

#include "access_control.h"
#include "action_faults.h"
#include "action_journal.h"
#include "deploy_store.h"
#include "effect_timeline.h"
#include "fault_schedule.h"
#include "flag_store.h"
#include "history_backfill.h"
#include "idempotency_store.h"
#include "incident_store.h"
#include "journey_catalog.h"
#include "platform_clock.h"
#include "recon_store.h"
#include "sample_generator.h"
#include "sample_timeline.h"
#include "scenario.h"
#include "stream_faults.h"
#include "vendor_store.h"

#include <cstdint>
#include <string>

namespace wfsim {

struct PlatformSettings {
    uint64_t seed = 1;
    double speed = 1;          // simulated seconds per wall second
    int64_t startSeconds = 0;  // simulated Unix time at construction
    Scenario scenario;
    bool requireToken = false;  // no anonymous viewers
    int deployHistory = 0;  // about this many deploys in the 7 days before the start (0: default)
    // --history-days: samples reach back this many days (1..400) and the
    // platform's past is backfilled (HistoryBackfill); 0: not given, 35 days
    // of samples and nothing backfilled.
    int historyDays = 0;
    int flagCount = FlagCatalog::kNamedCount;
    int dropActionResponses = 0;                  // the first N applied actions lose their response
    int reconSize = ReconSettings::kDefaultSize;  // open reconciliation mismatches at the start
    int64_t approvalThresholdMinor = ReconSettings::kDefaultThresholdMinor;
    // The incident file; empty: a fresh one in a temporary directory, removed with the platform.
    std::string incidentDbPath;
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

    const AccessControl& access() const { return access_; }
    EffectTimeline& effects() { return effects_; }
    ActionJournal& journal() { return journal_; }
    ActionFaults& actionFaults() { return actionFaults_; }
    StreamFaults& streamFaults() { return streamFaults_; }
    IdempotencyStore& idempotency() { return idempotency_; }
    DeployStore& deploys() { return deploys_; }
    FlagStore& flags() { return flags_; }
    VendorStore& vendors() { return vendors_; }
    ReconStore& recon() { return recon_; }
    // Check incidents().isOpen(): the incident file may be unusable.
    IncidentStore& incidents() { return incidents_; }
    // The backfilled past (empty without --history-days) and how many of its
    // incidents this run added to the incident file.
    const HistoryBackfill& backfill() const { return backfill_; }
    size_t backfilledIncidents() const { return backfilledIncidents_; }
    // Applies the deploy, flag and vendor changes and the settlement files due by now.
    void catchUp();

private:
    static JourneyCatalog catalogFor(const Scenario& scenario);
    static DeploySchedule scheduleFor(const PlatformSettings& settings);

    Scenario scenario_;
    JourneyCatalog catalog_;
    PlatformClock clock_;
    SampleTimeline timeline_;
    EffectTimeline effects_;
    std::string epoch_;
    AccessControl access_;
    ActionJournal journal_;
    ActionFaults actionFaults_;
    StreamFaults streamFaults_;
    IdempotencyStore idempotency_;
    // Before the deploys (which roll back what it says) and the generator
    // (which draws its dips).
    HistoryBackfill backfill_;
    DeployStore deploys_;
    SampleGenerator generator_;
    FaultSchedule faults_;
    FlagStore flags_;
    VendorStore vendors_;
    ReconStore recon_;
    IncidentStore incidents_;
    size_t backfilledIncidents_ = 0;
};

}  // namespace wfsim
