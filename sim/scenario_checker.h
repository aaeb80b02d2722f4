#pragma once

// The checks scenario parsing is made of. Collects the first error, as
// "field: message"; every check returns false once one is recorded.

#include "journey_catalog.h"
#include "scenario.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <set>
#include <string>

namespace wfsim {

class ScenarioChecker {
public:
    ScenarioChecker(const JourneyCatalog& catalog, std::string* error)
        : catalog_(catalog), error_(error)
    {
    }

    const JourneyCatalog& catalog() const { return catalog_; }

    bool fail(const std::string& field, const std::string& message);
    bool onlyKeys(const QJsonObject& object, const std::string& where,
                  const std::set<QString>& allowed);
    bool duration(const QJsonValue& value, const std::string& field, double* out);
    bool text(const QJsonValue& value, const std::string& field, std::string* out);
    // A non-empty string.
    bool requiredText(const QJsonObject& object, const std::string& where, const char* key,
                      std::string* out);
    bool number(const QJsonValue& value, const std::string& field, double* out);
    // "journey" and "region": an id or "*" each (-1 for "*" or absent).
    bool target(const QJsonObject& event, const std::string& where, bool required, int* journey,
                int* region);
    // "sli" and/or "latency_factor" (one is needed) into `effect`.
    bool strength(const QJsonObject& event, const std::string& where, ScenarioEffect* effect);

    static std::string numberText(double value);
    static std::string quoted(const QString& s);

private:
    const JourneyCatalog& catalog_;
    std::string* error_;
};

}  // namespace wfsim
