#include "simulated_platform.h"

#include <QUuid>

namespace wfsim {

SimulatedPlatform::SimulatedPlatform(const PlatformSettings& settings)
    : scenario_(settings.scenario),
      catalog_(catalogFor(settings.scenario)),
      clock_(settings.startSeconds * 1000, settings.speed),
      timeline_(settings.startSeconds, settings.historyDays > 0
                                           ? settings.historyDays
                                           : SampleTimeline::kDefaultHistoryDays),
      effects_(scenario_),
      epoch_(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString()),
      access_(settings.seed, settings.requireToken),
      idempotency_(actionFaults_),
      backfill_(settings.seed, settings.startSeconds, settings.historyDays, scheduleFor(settings)),
      deploys_(scheduleFor(settings), scenario_, clock_, epoch_, effects_, journal_,
               backfill_.rollbacks()),
      generator_(settings.seed, catalog_, scenario_, settings.startSeconds, &effects_,
                 backfill_.effects()),
      faults_(scenario_.faults, SampleTimeline::kTickSeconds),
      flags_(FlagCatalog(settings.flagCount), settings.seed, scenario_, clock_, epoch_, effects_,
             journal_, backfill_.flagChanges()),
      vendors_(settings.seed, scenario_, clock_, epoch_, effects_, journal_),
      recon_(ReconSettings{settings.seed, settings.reconSize, settings.approvalThresholdMinor},
             scenario_, clock_, epoch_, journal_),
      incidents_(settings.incidentDbPath, clock_, epoch_, journal_)
{
    actionFaults_.dropNextResponses(settings.dropActionResponses);
    if (backfill_.enabled() && incidents_.isOpen())
        backfilledIncidents_ =
            incidents_.backfill(backfill_.incidentRows(deploys_, JourneyCatalog()));
}

DeploySchedule SimulatedPlatform::scheduleFor(const PlatformSettings& settings)
{
    return DeploySchedule(settings.seed, settings.startSeconds, settings.deployHistory,
                          settings.historyDays);
}

void SimulatedPlatform::catchUp()
{
    deploys_.catchUp();
    flags_.catchUp();
    vendors_.catchUp();
    recon_.catchUp();
}

JourneyCatalog SimulatedPlatform::catalogFor(const Scenario& scenario)
{
    JourneyCatalog catalog;
    for (int j = 0; j < JourneyCatalog::kJourneyCount; ++j) {
        if (scenario.objectives[j])
            catalog.setObjective(j, *scenario.objectives[j]);
    }
    return catalog;
}

}  // namespace wfsim
