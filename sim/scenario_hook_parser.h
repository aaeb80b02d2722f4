#pragma once

// Parses the scenario events that go through the platform's state: a deploy
// ({"at", "deploy": {...}, "effect": {...}, "recovery", "duration", "note"})
// and a flag change ({"at", "flag": {...}, "effect": {...}, ...}). See
// sim/README.md.

#include "scenario.h"
#include "scenario_checker.h"

#include <QJsonObject>
#include <string>

namespace wfsim {

class ScenarioHookParser {
public:
    explicit ScenarioHookParser(ScenarioChecker& check) : check_(check) {}

    bool parseDeploy(const QJsonObject& event, const std::string& where, double at,
                     Scenario* scenario);
    bool parseFlag(const QJsonObject& event, const std::string& where, double at,
                   Scenario* scenario);

private:
    // "effect", "recovery", "duration" of either kind; `region` is the
    // deploy's or the flag's.
    bool parseEffect(const QJsonObject& event, const std::string& where, double at, int region,
                     std::optional<ScenarioEffect>* effect, double* recoverySeconds);
    bool region(const QJsonObject& object, const std::string& where, std::string* id, int* index);

    ScenarioChecker& check_;
};

}  // namespace wfsim
