#include "scenario_loader.h"

#include "recon_hook_parser.h"
#include "scenario_checker.h"
#include "scenario_hook_parser.h"
#include "vendor_hook_parser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace wfsim {

namespace {

using Checker = ScenarioChecker;

bool parseFault(Checker& check, const QJsonObject& event, const std::string& where, double at,
                Scenario* scenario)
{
    if (!check.onlyKeys(event, where, {"at", "fault", "journey", "region", "note"}))
        return false;
    ScenarioFault fault;
    fault.atSeconds = at;
    std::string kind;
    if (!check.text(event.value("fault"), where + ".fault", &kind))
        return false;
    const auto parsed = ScenarioFault::kindFromName(kind);
    if (!parsed) {
        return check.fail(where + ".fault",
                          "unknown fault \"" + kind +
                              "\"; known: nan_latency, negative_count, good_exceeds_valid, "
                              "unknown_journey, oversized_message, close_stream");
    }
    fault.kind = *parsed;
    if (at < 0)
        return check.fail(where + ".at", "a fault goes into the live stream: must be >= 0");
    if (!check.target(event, where, false, &fault.journey, &fault.region))
        return false;
    if (event.contains("note") && !check.text(event.value("note"), where + ".note", &fault.note))
        return false;
    scenario->faults.push_back(fault);
    return true;
}

bool parseEffect(Checker& check, const QJsonObject& event, const std::string& where, double at,
                 Scenario* scenario)
{
    if (!check.onlyKeys(
            event, where,
            {"at", "duration", "journey", "region", "sli", "latency_factor", "ramp", "note"})) {
        return false;
    }
    ScenarioEffect effect;
    effect.atSeconds = at;
    if (!event.contains("duration"))
        return check.fail(where + ".duration", "required");
    if (!check.duration(event.value("duration"), where + ".duration", &effect.durationSeconds))
        return false;
    if (effect.durationSeconds <= 0)
        return check.fail(where + ".duration", "must be positive");
    if (!check.target(event, where, true, &effect.journey, &effect.region))
        return false;
    if (event.contains("ramp")) {
        if (!check.duration(event.value("ramp"), where + ".ramp", &effect.rampSeconds))
            return false;
        if (effect.rampSeconds < 0 || effect.rampSeconds > effect.durationSeconds / 2)
            return check.fail(where + ".ramp", "must be between 0 and half the duration");
    }
    if (!check.strength(event, where, &effect))
        return false;
    if (!effect.sli && !effect.latencyFactor)
        return check.fail(where,
                          "needs \"sli\", \"latency_factor\", \"fault\", \"deploy\", \"flag\", "
                          "\"vendor\" or \"recon_settlement_file\"");
    if (event.contains("note") && !check.text(event.value("note"), where + ".note", &effect.note))
        return false;
    scenario->effects.push_back(effect);
    return true;
}

}  // namespace

std::optional<Scenario> ScenarioLoader::load(const QString& nameOrPath, std::string* error) const
{
    static const QRegularExpression bareName(QStringLiteral("^[A-Za-z0-9_-]+$"));
    const bool builtIn = bareName.match(nameOrPath).hasMatch();
    const QString path = builtIn ? resourcePath(nameOrPath) : nameOrPath;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = builtIn ? "no built-in scenario \"" + nameOrPath.toStdString() +
                               "\"; built-in: " + builtInNames().join(", ").toStdString()
                         : "cannot read scenario file " + path.toStdString() + ": " +
                               file.errorString().toStdString();
        return std::nullopt;
    }
    std::string why;
    auto scenario = parse(file.readAll(), QFileInfo(path).completeBaseName().toStdString(), &why);
    if (!scenario)
        *error = "scenario " + path.toStdString() + ": " + why;
    return scenario;
}

std::optional<Scenario> ScenarioLoader::parse(const QByteArray& json,
                                              const std::string& fallbackName,
                                              std::string* error) const
{
    error->clear();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = "not valid JSON at offset " + std::to_string(parseError.offset) + ": " +
                 parseError.errorString().toStdString();
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = "the file must hold one JSON object";
        return std::nullopt;
    }
    Checker check(catalog_, error);
    ScenarioHookParser hooks(check);
    VendorHookParser vendors(check);
    ReconHookParser recon(check);
    const QJsonObject root = doc.object();
    Scenario scenario;
    scenario.name = fallbackName;
    if (!check.onlyKeys(root, "", {"name", "description", "objectives", "events"}))
        return std::nullopt;
    if (root.contains("name") && !check.text(root.value("name"), "name", &scenario.name))
        return std::nullopt;
    if (root.contains("description") &&
        !check.text(root.value("description"), "description", &scenario.description)) {
        return std::nullopt;
    }
    if (root.contains("objectives")) {
        if (!root.value("objectives").isObject()) {
            check.fail("objectives", "must be an object {\"journey-id\": 0.999}");
            return std::nullopt;
        }
        const QJsonObject objectives = root.value("objectives").toObject();
        for (auto it = objectives.begin(); it != objectives.end(); ++it) {
            const std::string field = "objectives." + it.key().toStdString();
            const int j = catalog_.journeyIndex(it.key().toStdString());
            if (j < 0) {
                check.fail(field, "unknown journey " + Checker::quoted(it.key()) +
                                      "; known: " + catalog_.journeyIdList());
                return std::nullopt;
            }
            double objective = 0;
            if (!check.number(it.value(), field, &objective))
                return std::nullopt;
            if (!(objective > 0 && objective < 1)) {
                check.fail(field, "must be between 0 and 1 (exclusive), got " +
                                      Checker::numberText(objective));
                return std::nullopt;
            }
            scenario.objectives[j] = objective;
        }
    }
    if (root.contains("events")) {
        if (!root.value("events").isArray()) {
            check.fail("events", "must be an array");
            return std::nullopt;
        }
        const QJsonArray events = root.value("events").toArray();
        for (qsizetype i = 0; i < events.size(); ++i) {
            const std::string where = "events[" + std::to_string(i) + "]";
            if (!events.at(i).isObject()) {
                check.fail(where, "must be an object");
                return std::nullopt;
            }
            const QJsonObject event = events.at(i).toObject();
            double at = 0;
            if (!event.contains("at")) {
                check.fail(where + ".at", "required");
                return std::nullopt;
            }
            if (!check.duration(event.value("at"), where + ".at", &at))
                return std::nullopt;
            bool ok = false;
            if (event.contains("fault"))
                ok = parseFault(check, event, where, at, &scenario);
            else if (event.contains("deploy"))
                ok = hooks.parseDeploy(event, where, at, &scenario);
            else if (event.contains("flag"))
                ok = hooks.parseFlag(event, where, at, &scenario);
            else if (event.contains("vendor"))
                ok = vendors.parse(event, where, at, &scenario);
            else if (event.contains(ReconHookParser::kKey))
                ok = recon.parse(event, where, at, &scenario);
            else
                ok = parseEffect(check, event, where, at, &scenario);
            if (!ok)
                return std::nullopt;
        }
    }
    return scenario;
}

QStringList ScenarioLoader::builtInNames()
{
    QStringList names;
    const auto files = QDir(QStringLiteral(":/scenarios"))
                           .entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QFileInfo& info : files)
        names << info.completeBaseName();
    return names;
}

QString ScenarioLoader::resourcePath(const QString& name)
{
    return QStringLiteral(":/scenarios/%1.json").arg(name);
}

}  // namespace wfsim
