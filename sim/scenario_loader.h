#pragma once

// Reads scenario JSON (see sim/README.md) and validates it strictly: an
// unknown key, journey or region, or a value out of range is an error that
// names the field, e.g. `events[2].sli: must be in (0, 1], got 1.5`.

#include "journey_catalog.h"
#include "scenario.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>
#include <string>

namespace wfsim {

class ScenarioLoader {
public:
    explicit ScenarioLoader(const JourneyCatalog& catalog) : catalog_(catalog) {}

    // A bare name ("demo") is a built-in scenario, :/scenarios/NAME.json;
    // anything else is a file path.
    std::optional<Scenario> load(const QString& nameOrPath, std::string* error) const;
    // `fallbackName` names the scenario if the JSON has no "name".
    std::optional<Scenario> parse(const QByteArray& json, const std::string& fallbackName,
                                  std::string* error) const;

    static QStringList builtInNames();
    static QString resourcePath(const QString& name);

private:
    const JourneyCatalog& catalog_;
};

}  // namespace wfsim
