#include "simulated_platform.h"

#include <QUuid>

namespace wfsim {

SimulatedPlatform::SimulatedPlatform(const PlatformSettings& settings)
    : scenario_(settings.scenario),
      catalog_(catalogFor(settings.scenario)),
      clock_(settings.startSeconds * 1000, settings.speed),
      timeline_(settings.startSeconds),
      generator_(settings.seed, catalog_, scenario_, settings.startSeconds),
      faults_(scenario_.faults, SampleTimeline::kTickSeconds),
      epoch_(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString())
{
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
