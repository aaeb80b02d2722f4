#include "effect_timeline.h"

#include "vendor_catalog.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wfsim {

namespace {

std::string deployOwner(size_t i)
{
    return "deploy#" + std::to_string(i);
}

std::string flagOwner(size_t i)
{
    return "flag#" + std::to_string(i);
}

constexpr double kVendorRecoverySeconds = 60;

bool sameVendorEffect(const TimedEffect& e, const std::string& owner, int journey)
{
    return e.owner == owner && e.effect.journey == journey;
}

bool sameTarget(const ScenarioFlagChange& a, const std::string& key, const std::string& environment,
                const std::string& region)
{
    return a.key == key && a.environment == environment && a.region == region;
}

}  // namespace

EffectTimeline::EffectTimeline(const Scenario& scenario) : flagChanges_(scenario.flagChanges)
{
    std::vector<TimedEffect> effects;
    for (size_t i = 0; i < scenario.deploys.size(); ++i) {
        const ScenarioDeploy& deploy = scenario.deploys[i];
        if (deploy.effect) {
            templates_.push_back({deployOwner(i), *deploy.effect, deploy.recoverySeconds});
            open(effects, templates_.back(), deploy.atSeconds);
        }
    }
    for (size_t i = 0; i < flagChanges_.size(); ++i) {
        const ScenarioFlagChange& change = flagChanges_[i];
        if (change.effect)
            templates_.push_back({flagOwner(i), *change.effect, change.recoverySeconds});
    }
    // The scripted flag changes, in time order.
    std::vector<size_t> order(flagChanges_.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return flagChanges_[a].atSeconds < flagChanges_[b].atSeconds;
    });
    for (size_t i : order) {
        const ScenarioFlagChange& change = flagChanges_[i];
        switchFlag(effects, change, change.enabled, change.atSeconds);
    }
    // Vendor failures, on from the start while their vendor serves.
    for (size_t i = 0; i < scenario.vendorFailures.size(); ++i) {
        const ScenarioVendorFailure& failure = scenario.vendorFailures[i];
        const int v = VendorCatalog::index(failure.vendor);
        const CategoryDefinition* category =
            v < 0 ? nullptr
                  : VendorCatalog::category(
                        VendorCatalog::vendors()[static_cast<size_t>(v)].category);
        const bool serving = category && category->primary == failure.vendor;
        for (const ScenarioEffect& effect : VendorCatalog::impactsOf(failure)) {
            vendorTemplates_.push_back({i, "vendor#" + std::to_string(i), effect});
            if (serving)
                openVendor(effects, vendorTemplates_.back(), effect.atSeconds);
        }
    }
    effects_ = std::make_shared<const std::vector<TimedEffect>>(std::move(effects));
}

EffectTimeline::Snapshot EffectTimeline::snapshot() const
{
    std::lock_guard lock(mutex_);
    return effects_;
}

void EffectTimeline::deployRolledBack(size_t deployHook, double atSeconds)
{
    const Template* t = find(deployOwner(deployHook));
    if (!t)
        return;
    std::lock_guard lock(mutex_);
    std::vector<TimedEffect> effects = *effects_;
    close(effects, *t, atSeconds);
    effects_ = std::make_shared<const std::vector<TimedEffect>>(std::move(effects));
}

void EffectTimeline::flagSwitched(const std::string& key, const std::string& environment,
                                  const std::string& region, bool enabled, double atSeconds)
{
    if (templates_.empty())
        return;
    std::lock_guard lock(mutex_);
    std::vector<TimedEffect> effects = *effects_;
    for (const ScenarioFlagChange& change : flagChanges_) {
        if (sameTarget(change, key, environment, region))
            switchFlag(effects, change, enabled, atSeconds);
    }
    effects_ = std::make_shared<const std::vector<TimedEffect>>(std::move(effects));
}

void EffectTimeline::vendorRouted(size_t failure, bool serving, double atSeconds)
{
    if (vendorTemplates_.empty())
        return;
    std::lock_guard lock(mutex_);
    std::vector<TimedEffect> effects = *effects_;
    for (const VendorTemplate& t : vendorTemplates_) {
        if (t.failure != failure)
            continue;
        if (serving)
            openVendor(effects, t, atSeconds);
        else
            closeVendor(effects, t, atSeconds);
    }
    effects_ = std::make_shared<const std::vector<TimedEffect>>(std::move(effects));
}

void EffectTimeline::openVendor(std::vector<TimedEffect>& effects, const VendorTemplate& t,
                                double atSeconds)
{
    const double from = std::max(atSeconds, t.effect.atSeconds);
    const double end = t.effect.endSeconds();
    if (from >= end)
        return;
    for (const TimedEffect& e : effects) {
        if (sameVendorEffect(e, t.owner, t.effect.journey) && e.endSeconds() > from)
            return;  // already on
    }
    TimedEffect e;
    e.effect = t.effect;
    e.effect.atSeconds = from;
    e.effect.rampSeconds = 0;
    e.owner = t.owner;
    e.rampsOut.push_back({end, end + kVendorRecoverySeconds});
    effects.push_back(e);
}

void EffectTimeline::closeVendor(std::vector<TimedEffect>& effects, const VendorTemplate& t,
                                 double atSeconds)
{
    for (TimedEffect& e : effects) {
        if (!sameVendorEffect(e, t.owner, t.effect.journey) || e.endSeconds() <= atSeconds)
            continue;
        // Not started yet: it never will; started: a minute of recovery.
        if (e.effect.atSeconds >= atSeconds)
            e.rampsOut.push_back({atSeconds, atSeconds});
        else
            e.rampsOut.push_back({atSeconds, atSeconds + kVendorRecoverySeconds});
    }
}

const EffectTimeline::Template* EffectTimeline::find(const std::string& owner) const
{
    for (const Template& t : templates_) {
        if (t.owner == owner)
            return &t;
    }
    return nullptr;
}

void EffectTimeline::switchFlag(std::vector<TimedEffect>& effects, const ScenarioFlagChange& change,
                                bool enabled, double atSeconds) const
{
    // Every scripted change of this flag state with an effect: active while
    // the state equals the change's `enabled`.
    for (size_t i = 0; i < flagChanges_.size(); ++i) {
        const ScenarioFlagChange& other = flagChanges_[i];
        if (!sameTarget(other, change.key, change.environment, change.region))
            continue;
        const Template* t = find(flagOwner(i));
        if (!t)
            continue;
        if (other.enabled == enabled)
            open(effects, *t, atSeconds);
        else
            close(effects, *t, atSeconds);
    }
}

void EffectTimeline::open(std::vector<TimedEffect>& effects, const Template& t,
                          double atSeconds) const
{
    for (const TimedEffect& e : effects) {
        if (e.owner == t.owner && e.effect.atSeconds <= atSeconds && e.endSeconds() > atSeconds)
            return;  // already on
    }
    TimedEffect e;
    e.effect = t.effect;
    e.effect.atSeconds = atSeconds;
    e.owner = t.owner;
    if (std::isfinite(t.effect.durationSeconds)) {
        const double end = atSeconds + t.effect.durationSeconds;
        e.rampsOut.push_back(
            {end - std::min(t.effect.rampSeconds, t.effect.durationSeconds / 2), end});
    }
    effects.push_back(e);
}

void EffectTimeline::close(std::vector<TimedEffect>& effects, const Template& t,
                           double atSeconds) const
{
    for (TimedEffect& e : effects) {
        if (e.owner == t.owner && e.effect.atSeconds <= atSeconds && e.endSeconds() > atSeconds)
            e.rampsOut.push_back({atSeconds, atSeconds + t.recoverySeconds});
    }
}

}  // namespace wfsim
