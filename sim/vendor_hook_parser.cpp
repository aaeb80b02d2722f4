#include "vendor_hook_parser.h"

#include "vendor_catalog.h"

#include <array>
#include <utility>

namespace wfsim {

namespace {

constexpr std::array<std::pair<const char*, int>, 5> kStatuses = {{
    {"operational", watchfloor::v1::PUBLISHED_STATUS_OPERATIONAL},
    {"degraded_performance", watchfloor::v1::PUBLISHED_STATUS_DEGRADED_PERFORMANCE},
    {"partial_outage", watchfloor::v1::PUBLISHED_STATUS_PARTIAL_OUTAGE},
    {"major_outage", watchfloor::v1::PUBLISHED_STATUS_MAJOR_OUTAGE},
    {"under_maintenance", watchfloor::v1::PUBLISHED_STATUS_UNDER_MAINTENANCE},
}};

}  // namespace

bool VendorHookParser::parse(const QJsonObject& event, const std::string& where, double at,
                             Scenario* scenario)
{
    if (!check_.onlyKeys(event, where, {"at", "vendor", "duration", "note"}))
        return false;
    if (at < 0)
        return check_.fail(where + ".at", "a vendor failure is live: must be >= 0");
    if (!event.value("vendor").isObject())
        return check_.fail(where + ".vendor", "must be an object");
    const QJsonObject vendor = event.value("vendor").toObject();
    const std::string at2 = where + ".vendor";
    if (!check_.onlyKeys(vendor, at2,
                         {"id", "region", "error_rate", "latency_factor", "published_status",
                          "published_after", "published_then"})) {
        return false;
    }
    ScenarioVendorFailure out;
    out.atSeconds = at;
    if (!check_.requiredText(vendor, at2, "id", &out.vendor))
        return false;
    if (VendorCatalog::index(out.vendor) < 0) {
        return check_.fail(at2 + ".id", "unknown vendor \"" + out.vendor +
                                            "\"; known: " + VendorCatalog::idList());
    }
    if (!check_.requiredText(vendor, at2, "region", &out.region))
        return false;
    if (check_.catalog().regionIndex(out.region) < 0) {
        return check_.fail(at2 + ".region", "unknown region \"" + out.region +
                                                "\"; known: " + check_.catalog().regionIdList());
    }
    if (!rate(vendor, at2, &out))
        return false;
    if (!status(vendor, at2, "published_status", &out.publishedStatus))
        return false;
    if (vendor.contains("published_after") != vendor.contains("published_then")) {
        return check_.fail(
            at2 + (vendor.contains("published_after") ? ".published_then" : ".published_after"),
            "\"published_after\" and \"published_then\" go together");
    }
    if (vendor.contains("published_after")) {
        double after = 0;
        if (!check_.duration(vendor.value("published_after"), at2 + ".published_after", &after))
            return false;
        if (after < 0)
            return check_.fail(at2 + ".published_after", "must be >= 0");
        out.publishedAfterSeconds = after;
        if (!status(vendor, at2, "published_then", &out.publishedThen))
            return false;
    }
    if (!event.contains("duration"))
        return check_.fail(where + ".duration", "required");
    if (!check_.duration(event.value("duration"), where + ".duration", &out.durationSeconds))
        return false;
    if (out.durationSeconds <= 0)
        return check_.fail(where + ".duration", "must be positive");
    if (event.contains("note") && !check_.text(event.value("note"), where + ".note", &out.note))
        return false;
    scenario->vendorFailures.push_back(out);
    return true;
}

bool VendorHookParser::rate(const QJsonObject& object, const std::string& where,
                            ScenarioVendorFailure* out)
{
    if (object.contains("error_rate")) {
        if (!check_.number(object.value("error_rate"), where + ".error_rate", &out->errorRate))
            return false;
        if (!(out->errorRate >= 0 && out->errorRate <= 1)) {
            return check_.fail(
                where + ".error_rate",
                "must be in [0, 1], got " + ScenarioChecker::numberText(out->errorRate));
        }
    }
    if (object.contains("latency_factor")) {
        if (!check_.number(object.value("latency_factor"), where + ".latency_factor",
                           &out->latencyFactor)) {
            return false;
        }
        if (!(out->latencyFactor > 0 && out->latencyFactor <= 1000)) {
            return check_.fail(
                where + ".latency_factor",
                "must be in (0, 1000], got " + ScenarioChecker::numberText(out->latencyFactor));
        }
    }
    if (out->errorRate == 0 && out->latencyFactor == 1)
        return check_.fail(where, "needs \"error_rate\" > 0 or \"latency_factor\" other than 1");
    return true;
}

bool VendorHookParser::status(const QJsonObject& object, const std::string& where, const char* key,
                              int* out)
{
    if (!object.contains(QLatin1String(key)))
        return true;
    std::string name;
    if (!check_.text(object.value(QLatin1String(key)), where + "." + key, &name))
        return false;
    for (const auto& [text, value] : kStatuses) {
        if (name == text) {
            *out = value;
            return true;
        }
    }
    return check_.fail(where + "." + key,
                       "unknown status \"" + name +
                           "\"; known: operational, degraded_performance, partial_outage, "
                           "major_outage, under_maintenance");
}

}  // namespace wfsim
