#include "simulated_platform.h"

#include <QUuid>

namespace wfsim {

SimulatedPlatform::SimulatedPlatform(const PlatformSettings& settings)
    : scenario_(settings.scenario),
      catalog_(catalogFor(settings.scenario)),
      clock_(settings.startSeconds * 1000, settings.speed),
      timeline_(settings.startSeconds),
      effects_(scenario_),
      generator_(settings.seed, catalog_, scenario_, settings.startSeconds, &effects_),
      faults_(scenario_.faults, SampleTimeline::kTickSeconds),
      epoch_(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString()),
      access_(settings.seed, settings.requireToken),
      idempotency_(actionFaults_),
      deploys_(DeploySchedule(settings.seed, settings.startSeconds, settings.deployHistory),
               scenario_, clock_, epoch_, effects_, journal_),
      flags_(FlagCatalog(settings.flagCount), settings.seed, scenario_, clock_, epoch_, effects_,
             journal_),
      vendors_(settings.seed, scenario_, clock_, epoch_, effects_, journal_),
      recon_(ReconSettings{settings.seed, settings.reconSize, settings.approvalThresholdMinor},
             scenario_, clock_, epoch_, journal_),
      incidents_(settings.incidentDbPath, clock_, epoch_, journal_)
{
    actionFaults_.dropNextResponses(settings.dropActionResponses);
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
