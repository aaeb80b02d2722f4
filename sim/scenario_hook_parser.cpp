#include "scenario_hook_parser.h"

#include "flag_catalog.h"
#include "service_catalog.h"

#include <limits>

namespace wfsim {

bool ScenarioHookParser::parseDeploy(const QJsonObject& event, const std::string& where, double at,
                                     Scenario* scenario)
{
    if (!check_.onlyKeys(event, where,
                         {"at", "deploy", "effect", "recovery", "duration", "note"})) {
        return false;
    }
    if (at < 0)
        return check_.fail(where + ".at", "a deploy starts in the live timeline: must be >= 0");
    if (!event.value("deploy").isObject())
        return check_.fail(where + ".deploy", "must be an object");
    const QJsonObject deploy = event.value("deploy").toObject();
    const std::string at2 = where + ".deploy";
    if (!check_.onlyKeys(deploy, at2, {"service", "region", "version", "author", "description"}))
        return false;
    ScenarioDeploy out;
    out.atSeconds = at;
    if (!check_.requiredText(deploy, at2, "service", &out.service))
        return false;
    if (ServiceCatalog::index(out.service) < 0) {
        return check_.fail(at2 + ".service", "unknown service \"" + out.service +
                                                 "\"; known: " + ServiceCatalog::idList());
    }
    int regionIndex = -1;
    if (!region(deploy, at2, &out.region, &regionIndex) ||
        !check_.requiredText(deploy, at2, "version", &out.version) ||
        !check_.requiredText(deploy, at2, "author", &out.author)) {
        return false;
    }
    if (deploy.contains("description") &&
        !check_.text(deploy.value("description"), at2 + ".description", &out.description)) {
        return false;
    }
    if (!parseEffect(event, where, at, regionIndex, &out.effect, &out.recoverySeconds))
        return false;
    if (event.contains("note") && !check_.text(event.value("note"), where + ".note", &out.note))
        return false;
    scenario->deploys.push_back(out);
    return true;
}

bool ScenarioHookParser::parseFlag(const QJsonObject& event, const std::string& where, double at,
                                   Scenario* scenario)
{
    if (!check_.onlyKeys(event, where, {"at", "flag", "effect", "recovery", "duration", "note"}))
        return false;
    if (at < 0)
        return check_.fail(where + ".at", "a flag change is live: must be >= 0");
    if (!event.value("flag").isObject())
        return check_.fail(where + ".flag", "must be an object");
    const QJsonObject flag = event.value("flag").toObject();
    const std::string at2 = where + ".flag";
    if (!check_.onlyKeys(flag, at2, {"key", "environment", "region", "enabled"}))
        return false;
    ScenarioFlagChange out;
    out.atSeconds = at;
    if (!check_.requiredText(flag, at2, "key", &out.key))
        return false;
    if (!FlagCatalog::isNamed(out.key))
        return check_.fail(at2 + ".key", "unknown flag \"" + out.key + "\"");
    if (!check_.requiredText(flag, at2, "environment", &out.environment))
        return false;
    if (!FlagCatalog::isEnvironment(out.environment)) {
        return check_.fail(at2 + ".environment", "unknown environment \"" + out.environment +
                                                     "\"; known: production, staging");
    }
    int regionIndex = -1;
    if (!region(flag, at2, &out.region, &regionIndex))
        return false;
    if (!flag.value("enabled").isBool())
        return check_.fail(at2 + ".enabled", "required: true or false");
    out.enabled = flag.value("enabled").toBool();
    if (!parseEffect(event, where, at, regionIndex, &out.effect, &out.recoverySeconds))
        return false;
    if (event.contains("note") && !check_.text(event.value("note"), where + ".note", &out.note))
        return false;
    scenario->flagChanges.push_back(out);
    return true;
}

bool ScenarioHookParser::parseEffect(const QJsonObject& event, const std::string& where, double at,
                                     int region, std::optional<ScenarioEffect>* effect,
                                     double* recoverySeconds)
{
    effect->reset();
    *recoverySeconds = 0;
    if (!event.contains("effect")) {
        for (const char* key : {"recovery", "duration"}) {
            if (event.contains(QLatin1String(key)))
                return check_.fail(where + "." + key, "only with an \"effect\"");
        }
        return true;
    }
    const std::string at2 = where + ".effect";
    if (!event.value("effect").isObject())
        return check_.fail(at2, "must be an object");
    const QJsonObject object = event.value("effect").toObject();
    if (!check_.onlyKeys(object, at2, {"journey", "sli", "latency_factor", "ramp"}))
        return false;
    ScenarioEffect e;
    e.atSeconds = at;
    e.durationSeconds = std::numeric_limits<double>::infinity();
    int ignoredRegion = -1;
    if (!check_.target(object, at2, false, &e.journey, &ignoredRegion))
        return false;
    if (!object.contains("journey"))
        return check_.fail(at2 + ".journey", "required (a journey id or \"*\")");
    e.region = region;
    if (!check_.strength(object, at2, &e))
        return false;
    if (!e.sli && !e.latencyFactor)
        return check_.fail(at2, "needs \"sli\" or \"latency_factor\"");
    if (object.contains("ramp")) {
        if (!check_.duration(object.value("ramp"), at2 + ".ramp", &e.rampSeconds))
            return false;
        if (e.rampSeconds < 0)
            return check_.fail(at2 + ".ramp", "must be >= 0");
    }
    if (event.contains("duration")) {
        if (!check_.duration(event.value("duration"), where + ".duration", &e.durationSeconds))
            return false;
        if (e.durationSeconds <= 0)
            return check_.fail(where + ".duration", "must be positive");
        if (e.rampSeconds > e.durationSeconds / 2)
            return check_.fail(at2 + ".ramp", "must be between 0 and half the duration");
    }
    *recoverySeconds = e.rampSeconds;
    if (event.contains("recovery")) {
        if (!check_.duration(event.value("recovery"), where + ".recovery", recoverySeconds))
            return false;
        if (*recoverySeconds < 0)
            return check_.fail(where + ".recovery", "must be >= 0");
    }
    *effect = e;
    return true;
}

bool ScenarioHookParser::region(const QJsonObject& object, const std::string& where,
                                std::string* id, int* index)
{
    if (!check_.requiredText(object, where, "region", id))
        return false;
    *index = check_.catalog().regionIndex(*id);
    if (*index < 0) {
        return check_.fail(where + ".region", "unknown region \"" + *id +
                                                  "\"; known: " + check_.catalog().regionIdList());
    }
    return true;
}

}  // namespace wfsim
