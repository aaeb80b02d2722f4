#include "recon_hook_parser.h"

#include "recon_generator.h"
#include "recon_store.h"

#include "watchfloor/v1/reconciliation.pb.h"

#include <cctype>
#include <cmath>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr std::string_view kTypePrefix = "MISMATCH_TYPE_";

std::string lowerName(int type)
{
    std::string name = v1::MismatchType_Name(static_cast<v1::MismatchType>(type));
    name.erase(0, kTypePrefix.size());
    for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

}  // namespace

int ReconHookParser::typeFromName(const std::string& name)
{
    for (int t = 1; v1::MismatchType_IsValid(t); ++t) {
        if (lowerName(t) == name)
            return t;
    }
    return 0;
}

std::string ReconHookParser::typeNameList()
{
    std::string out;
    for (int t = 1; v1::MismatchType_IsValid(t); ++t)
        out += (out.empty() ? "" : ", ") + lowerName(t);
    return out;
}

bool ReconHookParser::parse(const QJsonObject& event, const std::string& where, double at,
                            Scenario* scenario)
{
    if (!check_.onlyKeys(event, where, {"at", kKey, "note"}))
        return false;
    if (at < 0) {
        return check_.fail(where + ".at",
                           "a settlement file lands in the live timeline: must be >= 0");
    }
    const std::string at2 = where + "." + kKey;
    if (!event.value(kKey).isObject())
        return check_.fail(at2, "must be an object");
    const QJsonObject file = event.value(kKey).toObject();
    if (!check_.onlyKeys(file, at2, {"count", "provider", "region", "type"}))
        return false;
    ScenarioSettlementFile out;
    out.atSeconds = at;
    double count = 0;
    if (!file.contains("count"))
        return check_.fail(at2 + ".count", "required");
    if (!check_.number(file.value("count"), at2 + ".count", &count))
        return false;
    if (!(count >= 1 && count <= ReconStore::kMaxSettlementFile) || std::floor(count) != count) {
        return check_.fail(at2 + ".count", "must be a whole number from 1 to " +
                                               std::to_string(ReconStore::kMaxSettlementFile) +
                                               ", got " + ScenarioChecker::numberText(count));
    }
    out.count = static_cast<int>(count);
    if (!check_.requiredText(file, at2, "provider", &out.provider))
        return false;
    if (ReconGenerator::providerIndex(out.provider) < 0) {
        return check_.fail(at2 + ".provider", "unknown payment provider \"" + out.provider +
                                                  "\"; known: " + ReconGenerator::providerIdList());
    }
    if (file.contains("region")) {
        std::string region;
        if (!check_.requiredText(file, at2, "region", &region))
            return false;
        out.region = check_.catalog().regionIndex(region);
        if (out.region < 0) {
            return check_.fail(at2 + ".region", "unknown region \"" + region + "\"; known: " +
                                                    check_.catalog().regionIdList());
        }
    }
    if (file.contains("type")) {
        std::string type;
        if (!check_.requiredText(file, at2, "type", &type))
            return false;
        out.type = typeFromName(type);
        if (out.type == 0) {
            return check_.fail(at2 + ".type",
                               "unknown mismatch type \"" + type + "\"; known: " + typeNameList());
        }
    }
    if (event.contains("note") && !check_.text(event.value("note"), where + ".note", &out.note))
        return false;
    scenario->settlementFiles.push_back(out);
    return true;
}

}  // namespace wfsim
