#include "deploy_schedule.h"

#include "journey_catalog.h"
#include "sample_random.h"
#include "service_catalog.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace wfsim {

namespace {

constexpr uint64_t kDeployStream = 0xDE910;
constexpr double kFailureChance = 1.0 / 190;

const char* const kAuthors[] = {"dana", "li.wei", "sam", "priya", "mateo", "noor", "jonas", "aiko"};
const char* const kDescriptions[] = {
    "routine release",
    "dependency updates",
    "performance improvements",
    "bug fixes from the weekly triage",
    "logging and metrics changes",
    "configuration cleanup",
    "feature work behind a flag",
    "security patches",
};

}  // namespace

DeploySchedule::DeploySchedule(uint64_t seed, int64_t startSeconds, int historyCount,
                               int historyDays)
    : seed_(seed),
      start_(startSeconds),
      historySeconds_(std::max(kHistorySeconds, int64_t{historyDays} * 86400)),
      gap_(historyCount > 0 ? static_cast<double>(kHistorySeconds) * pairCount() / historyCount
                            : kDefaultGapSeconds)
{
}

int DeploySchedule::pairCount()
{
    return static_cast<int>(ServiceCatalog::services().size()) * JourneyCatalog::kRegionCount;
}

int DeploySchedule::serviceOfPair(int pair)
{
    return pair / JourneyCatalog::kRegionCount;
}

int DeploySchedule::regionOfPair(int pair)
{
    return pair % JourneyCatalog::kRegionCount;
}

PlannedDeploy DeploySchedule::plan(int pair, int64_t n, int64_t previousStart) const
{
    const SampleRandom random(seed_, kDeployStream + static_cast<uint64_t>(pair), n, 0);
    PlannedDeploy out;
    out.service = serviceOfPair(pair);
    out.region = regionOfPair(pair);
    const double offset = n == 0 ? random.uniform(0, 0, gap_) : random.uniform(0, 0.5, 1.5) * gap_;
    const int64_t from = n == 0 ? historyStart() : previousStart;
    out.startSeconds = from + std::max<int64_t>(1, std::llround(offset));
    out.author = kAuthors[random.bits(1) % std::size(kAuthors)];
    out.description = kDescriptions[random.bits(2) % std::size(kDescriptions)];
    out.fails = random.uniform(3) < kFailureChance;
    return out;
}

}  // namespace wfsim
