#include "scenario_checker.h"

#include "duration_text.h"

#include <cmath>

namespace wfsim {

bool ScenarioChecker::fail(const std::string& field, const std::string& message)
{
    if (error_->empty())
        *error_ = field + ": " + message;
    return false;
}

bool ScenarioChecker::onlyKeys(const QJsonObject& object, const std::string& where,
                               const std::set<QString>& allowed)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key())) {
            return fail(
                where.empty() ? it.key().toStdString() : where + "." + it.key().toStdString(),
                "unknown key");
        }
    }
    return true;
}

bool ScenarioChecker::duration(const QJsonValue& value, const std::string& field, double* out)
{
    if (!value.isString())
        return fail(field, "must be a duration string such as \"90s\", \"5m\", \"2h\"");
    const auto seconds = DurationText::parseSeconds(value.toString().toStdString());
    if (!seconds) {
        return fail(field, "\"" + value.toString().toStdString() +
                               "\" is not a duration such as \"90s\", \"5m\", \"2h\", \"1d\"");
    }
    // Times are turned into milliseconds and ticks: keep them where that is
    // exact (found by fuzz_scenario: "at": "3e17s" was accepted).
    constexpr double kMaxSeconds = 400.0 * 24 * 3600;
    if (!std::isfinite(*seconds) || std::fabs(*seconds) > kMaxSeconds)
        return fail(field, "\"" + value.toString().toStdString() + "\" is longer than 400d");
    *out = *seconds;
    return true;
}

bool ScenarioChecker::text(const QJsonValue& value, const std::string& field, std::string* out)
{
    if (!value.isString())
        return fail(field, "must be a string");
    *out = value.toString().toStdString();
    return true;
}

bool ScenarioChecker::requiredText(const QJsonObject& object, const std::string& where,
                                   const char* key, std::string* out)
{
    const std::string field = where + "." + key;
    if (!object.contains(QLatin1String(key)))
        return fail(field, "required");
    if (!text(object.value(QLatin1String(key)), field, out))
        return false;
    if (out->empty())
        return fail(field, "must not be empty");
    return true;
}

bool ScenarioChecker::number(const QJsonValue& value, const std::string& field, double* out)
{
    if (!value.isDouble())
        return fail(field, "must be a number");
    *out = value.toDouble();
    return true;
}

bool ScenarioChecker::target(const QJsonObject& event, const std::string& where, bool required,
                             int* journey, int* region)
{
    *journey = -1;
    *region = -1;
    if (event.contains("journey")) {
        const QString id = event.value("journey").toString();
        if (!event.value("journey").isString())
            return fail(where + ".journey", "must be a string");
        if (id != "*") {
            *journey = catalog_.journeyIndex(id.toStdString());
            if (*journey < 0) {
                return fail(where + ".journey", "unknown journey " + quoted(id) + "; known: " +
                                                    catalog_.journeyIdList() + " or \"*\"");
            }
        }
    } else if (required) {
        return fail(where + ".journey", "required (a journey id or \"*\")");
    }
    if (event.contains("region")) {
        const QString id = event.value("region").toString();
        if (!event.value("region").isString())
            return fail(where + ".region", "must be a string");
        if (id != "*") {
            *region = catalog_.regionIndex(id.toStdString());
            if (*region < 0) {
                return fail(where + ".region", "unknown region " + quoted(id) + "; known: " +
                                                   catalog_.regionIdList() + " or \"*\"");
            }
        }
    } else if (required) {
        return fail(where + ".region", "required (a region id or \"*\")");
    }
    return true;
}

bool ScenarioChecker::strength(const QJsonObject& event, const std::string& where,
                               ScenarioEffect* effect)
{
    if (event.contains("sli")) {
        double sli = 0;
        if (!number(event.value("sli"), where + ".sli", &sli))
            return false;
        if (!(sli > 0 && sli <= 1))
            return fail(where + ".sli", "must be in (0, 1], got " + numberText(sli));
        effect->sli = sli;
    }
    if (event.contains("latency_factor")) {
        double factor = 0;
        if (!number(event.value("latency_factor"), where + ".latency_factor", &factor))
            return false;
        if (!(factor > 0 && factor <= 1000)) {
            return fail(where + ".latency_factor",
                        "must be in (0, 1000], got " + numberText(factor));
        }
        effect->latencyFactor = factor;
    }
    return true;
}

std::string ScenarioChecker::numberText(double value)
{
    return QString::number(value, 'g', 10).toStdString();
}

std::string ScenarioChecker::quoted(const QString& s)
{
    return "\"" + s.toStdString() + "\"";
}

}  // namespace wfsim
