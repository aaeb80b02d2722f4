#pragma once

// The effects of a scenario's deploys and flag changes (scenario.h), as
// TimedEffects that actions end: a rollback closes its deploy's effect, a
// flag switched back closes the flag's. The scripted flag changes are laid
// out at construction; actions only ever change the future: an effect is
// closed, or opened, at the time of the action (never before the present), so
// samples of ticks already complete stay as they were. Vendor failures
// (VendorCatalog::impactsOf) are on while their vendor serves its category
// in the region: routing it away ramps them out over a minute.
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
    bool empty() const { return templates_.empty() && vendorTemplates_.empty(); }
    Snapshot snapshot() const;

    // Times in seconds relative to the simulated start.
    void deployRolledBack(size_t deployHook, double atSeconds);
    void flagSwitched(const std::string& key, const std::string& environment,
                      const std::string& region, bool enabled, double atSeconds);
    // The vendor of scenario vendor failure `failure` starts or stops serving.
    void vendorRouted(size_t failure, bool serving, double atSeconds);

private:
    struct Template {
        std::string owner;
        ScenarioEffect effect;
        double recoverySeconds;
    };

    struct VendorTemplate {
        size_t failure;
        std::string owner;
        ScenarioEffect effect;  // over the whole failure
    };

    const Template* find(const std::string& owner) const;
    // Callers hold mutex_ and edit `effects`.
    void open(std::vector<TimedEffect>& effects, const Template& t, double atSeconds) const;
    void close(std::vector<TimedEffect>& effects, const Template& t, double atSeconds) const;
    void switchFlag(std::vector<TimedEffect>& effects, const ScenarioFlagChange& change,
                    bool enabled, double atSeconds) const;
    static void openVendor(std::vector<TimedEffect>& effects, const VendorTemplate& t,
                           double atSeconds);
    static void closeVendor(std::vector<TimedEffect>& effects, const VendorTemplate& t,
                            double atSeconds);

    std::vector<ScenarioFlagChange> flagChanges_;
    std::vector<Template> templates_;  // fixed after construction
    std::vector<VendorTemplate> vendorTemplates_;
    mutable std::mutex mutex_;
    Snapshot effects_;
};

}  // namespace wfsim
