#pragma once

// The effects of a scenario's deploys and flag changes (scenario.h), as
// TimedEffects that actions end: a rollback closes its deploy's effect, a
// flag switched back closes the flag's. The scripted flag changes are laid
// out at construction; actions only ever change the future: an effect is
// closed, or opened, at the time of the action (never before the present), so
// samples of ticks already complete stay as they were.
//
// Thread-safe: the sample generator reads an immutable snapshot.

#include "scenario.h"
#include "timed_effect.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace wfsim {

class EffectTimeline {
public:
    using Snapshot = std::shared_ptr<const std::vector<TimedEffect>>;

    explicit EffectTimeline(const Scenario& scenario);

    // No deploy or flag effects in the scenario: nothing ever changes.
    bool empty() const { return templates_.empty(); }
    Snapshot snapshot() const;

    // Times in seconds relative to the simulated start.
    void deployRolledBack(size_t deployHook, double atSeconds);
    void flagSwitched(const std::string& key, const std::string& environment,
                      const std::string& region, bool enabled, double atSeconds);

private:
    struct Template {
        std::string owner;
        ScenarioEffect effect;
        double recoverySeconds;
    };

    const Template* find(const std::string& owner) const;
    // Callers hold mutex_ and edit `effects`.
    void open(std::vector<TimedEffect>& effects, const Template& t, double atSeconds) const;
    void close(std::vector<TimedEffect>& effects, const Template& t, double atSeconds) const;
    void switchFlag(std::vector<TimedEffect>& effects, const ScenarioFlagChange& change,
                    bool enabled, double atSeconds) const;

    std::vector<ScenarioFlagChange> flagChanges_;
    std::vector<Template> templates_;  // fixed after construction
    mutable std::mutex mutex_;
    Snapshot effects_;
};

}  // namespace wfsim
