#pragma once

// The platform's past for --history-days N, a pure function of (seed, start,
// N): the incidents of the N days up to a day before the start (about two a
// week, the count varying from week to week), the deploys of the history they
// name and the ones rolled back, and the dips they left in the journeys'
// samples.
//
// Planned here (before the DeployStore exists, so that it can roll the
// deploys back as it lays out the history and the SampleGenerator can see the
// dips): each incident's severity (SEV-1 10%, SEV-2 30%, SEV-3 40%, SEV-4
// 20%), journey, region, cause category (change ~40%, dependency/vendor ~20%,
// capacity, configuration, data, process, monitoring gap), the service of the
// journey it blames, its milestones, and for a change a real deploy of that
// service in that region that started 5-60 minutes before the incident. Half
// of those deploys are rolled back during the incident (mitigated when the
// rollback completes), and about 3% of the other deploys of the history are
// rolled back without an incident. The records (titles, timeline,
// postmortem, action items) are made by incidentRows() once the deploys have
// their ids (history_backfill_rows.cpp). The flag changes of the history
// are planned by planFlagHistory (flag_history.h).

#include "deploy_schedule.h"
#include "flag_history.h"
#include "incident_rows.h"
#include "journey_catalog.h"
#include "scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wfsim {

class DeployStore;

struct BackfilledIncident {
    int index = 0;     // in start order
    std::string id;    // UUID v5 of "<seed>/<index>" in HistoryBackfill::idNamespace()
    int severity = 3;  // 1..4
    int journey = 0;   // JourneyCatalog index
    int region = 0;
    int category = 0;  // index into HistoryBackfill::categories()
    int service = 0;   // ServiceCatalog index, a service of the journey
    int64_t startedMs = 0;
    int64_t detectedMs = 0;
    int64_t acknowledgedMs = -1;  // -1: never acknowledged
    int64_t mitigatedMs = 0;
    int64_t resolvedMs = 0;
    // The deploy a change names: the n-th deploy of (service, region) pair.
    int deployPair = -1;
    int64_t deployN = -1;
    bool rolledBack = false;
    int64_t rollbackMs = 0;  // the rollback starts; ROLLED_BACK at mitigatedMs
    uint64_t textKey = 0;    // draws for the words

    int64_t declaredMs() const { return acknowledgedMs >= 0 ? acknowledgedMs : detectedMs; }
};

class HistoryBackfill {
public:
    static constexpr double kIncidentsPerWeek = 2;
    static constexpr double kSpontaneousRollbackShare = 0.03;
    static constexpr int kChange = 0;  // categories()[kChange] == "change"
    static constexpr int kMonitoringGap = 6;

    // `historyDays` 0: nothing is backfilled.
    HistoryBackfill(uint64_t seed, int64_t startSeconds, int historyDays,
                    const DeploySchedule& schedule);

    bool enabled() const { return days_ > 0; }
    int days() const { return days_; }
    uint64_t seed() const { return seed_; }
    int64_t startSeconds() const { return start_; }
    // In start order.
    const std::vector<BackfilledIncident>& incidents() const { return incidents_; }
    // For the DeployStore: the change deploys rolled back in their incident and the others.
    const std::vector<HistoryRollback>& rollbacks() const { return rollbacks_; }
    // For the SampleGenerator: each incident's dip on its journey and region
    // from started to mitigated (seconds relative to the start, so negative).
    const std::vector<ScenarioEffect>& effects() const { return effects_; }
    // For the FlagStore: the flag changes of the history (planFlagHistory).
    const std::vector<HistoryFlagChange>& flagChanges() const { return flagChanges_; }

    // The incidents as the incident file holds them, naming the deploys as
    // `deploys` has them (history_backfill_rows.cpp).
    IncidentRows incidentRows(const DeployStore& deploys, const JourneyCatalog& catalog) const;

    // The cause taxonomy, in this order: "change", "dependency/vendor",
    // "capacity", "configuration", "data", "process", "monitoring gap".
    static const std::vector<std::string>& categories();
    // The good fraction while an incident of severity 1..4 is fully active.
    static double sliOf(int severity);
    static const std::string& idNamespace();

private:
    uint64_t seed_;
    int64_t start_;
    int days_;
    std::vector<BackfilledIncident> incidents_;
    std::vector<HistoryRollback> rollbacks_;
    std::vector<ScenarioEffect> effects_;
    std::vector<HistoryFlagChange> flagChanges_;
};

}  // namespace wfsim
