#pragma once

// Parses a scenario vendor failure:
//   {"at", "vendor": {"id", "region", "error_rate", "latency_factor",
//    "published_status", "published_after", "published_then"}, "duration", "note"}
// See sim/README.md.

#include "scenario.h"
#include "scenario_checker.h"

#include <QJsonObject>
#include <string>

namespace wfsim {

class VendorHookParser {
public:
    explicit VendorHookParser(ScenarioChecker& check) : check_(check) {}

    bool parse(const QJsonObject& event, const std::string& where, double at, Scenario* scenario);

private:
    bool status(const QJsonObject& object, const std::string& where, const char* key, int* out);
    bool rate(const QJsonObject& object, const std::string& where, ScenarioVendorFailure* out);

    ScenarioChecker& check_;
};

}  // namespace wfsim
