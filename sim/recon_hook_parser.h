#pragma once

// Parses a scenario settlement file:
//   {"at", "recon_settlement_file": {"count", "provider", "region", "type"}, "note"}
// `count` 1..200,000 mismatches from `provider` (a payment provider's vendor
// id), optionally all in `region` and of `type` (lower case, e.g.
// "fee_discrepancy"). See sim/README.md.

#include "scenario.h"
#include "scenario_checker.h"

#include <QJsonObject>
#include <string>

namespace wfsim {

class ReconHookParser {
public:
    static constexpr const char* kKey = "recon_settlement_file";

    explicit ReconHookParser(ScenarioChecker& check) : check_(check) {}

    bool parse(const QJsonObject& event, const std::string& where, double at, Scenario* scenario);

    // "fee_discrepancy" -> MISMATCH_TYPE_FEE_DISCREPANCY; 0 if unknown.
    static int typeFromName(const std::string& name);
    static std::string typeNameList();

private:
    ScenarioChecker& check_;
};

}  // namespace wfsim
