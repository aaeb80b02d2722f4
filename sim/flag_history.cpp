#include "flag_history.h"

#include "flag_catalog.h"
#include "journey_catalog.h"
#include "random_draws.h"
#include "sample_random.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr uint64_t kDayStream = 0xF1A6D0;     // changes per day
constexpr uint64_t kChangeStream = 0xF1A6D1;  // one change's draws
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kHourMs = 3'600'000;

// us-east, eu-west, ap-south (as the incidents of the history).
constexpr std::array<double, 3> kRegionWeights = {0.45, 0.35, 0.20};

const char* const kChangers[] = {"dana@sim",  "li.wei@sim", "sam@sim",   "priya@sim",
                                 "mateo@sim", "noor@sim",   "jonas@sim", "aiko@sim"};

}  // namespace

std::vector<HistoryFlagChange> planFlagHistory(uint64_t seed, int64_t startSeconds, int days)
{
    std::vector<HistoryFlagChange> out;
    if (days <= 0)
        return out;
    const std::vector<FlagDefinition>& flags = FlagCatalog::named();
    const int64_t startMs = startSeconds * 1000;
    const int64_t from = startMs - int64_t{days} * kDayMs;
    const int64_t to = startMs - kHourMs;
    for (int64_t day = 0; from + day * kDayMs < to; ++day) {
        const int64_t dayFrom = from + day * kDayMs;
        const int64_t dayTo = std::min(dayFrom + kDayMs, to);
        const SampleRandom dayRandom(seed, kDayStream, day, 0);
        const double mean = kHistoryFlagChangesPerDay * static_cast<double>(dayTo - dayFrom) /
                            static_cast<double>(kDayMs);
        const int count = poisson(mean, dayRandom.uniform(0));
        for (int k = 0; k < count; ++k) {
            const SampleRandom r(seed, kChangeStream, day, k);
            HistoryFlagChange c;
            c.key = flags[r.bits(0) % flags.size()].key;
            c.environment = r.uniform(1) < 0.7 ? 0 : 1;
            const double u = r.uniform(2);
            c.region = pick(kRegionWeights, u);
            const double at = r.uniform(3) * static_cast<double>(dayTo - dayFrom);
            c.atMs = (dayFrom + static_cast<int64_t>(at)) / 1000 * 1000;
            c.actor = kChangers[r.bits(4) % std::size(kChangers)];
            c.words = r.bits(5);
            out.push_back(std::move(c));
        }
    }
    std::stable_sort(
        out.begin(), out.end(),
        [](const HistoryFlagChange& a, const HistoryFlagChange& b) { return a.atMs < b.atMs; });
    return out;
}

std::string flagHistoryReason(v1::FlagKind kind, bool enabled, uint64_t words)
{
    struct Reasons {
        std::vector<const char*> on;
        std::vector<const char*> off;
    };
    static const Reasons kKill{
        {"Incident over: back on", "Back on after the vendor recovered"},
        {"Shedding load during an incident", "Switched off while the vendor is failing"}};
    static const Reasons kRelease{{"Rolling the release out", "Release approved by the team"},
                                  {"Rolled the release back: errors in the canary",
                                   "Paused the rollout for the holiday freeze"}};
    static const Reasons kExperiment{{"Experiment started", "Second round of the experiment"},
                                     {"Experiment ended", "Experiment stopped: enough data"}};
    static const Reasons kOperational{{"Tuning for the evening peak", "Load test window"},
                                      {"Back to the default settings", "Peak is over"}};
    const Reasons& r = kind == v1::FLAG_KIND_KILL_SWITCH  ? kKill
                       : kind == v1::FLAG_KIND_RELEASE    ? kRelease
                       : kind == v1::FLAG_KIND_EXPERIMENT ? kExperiment
                                                          : kOperational;
    const std::vector<const char*>& list = enabled ? r.on : r.off;
    return list[words % list.size()];
}

}  // namespace wfsim
