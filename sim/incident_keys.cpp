#include "incident_keys.h"

#include <array>

namespace wfsim::incident_keys {

namespace v1 = watchfloor::v1;

namespace {

// One row per enum value from 1 on, in value order: the key, then the name.
struct Names {
    const char* key;
    const char* name;
};

constexpr std::array<Names, 4> kSeverities{{
    {"sev1", "SEV-1"},
    {"sev2", "SEV-2"},
    {"sev3", "SEV-3"},
    {"sev4", "SEV-4"},
}};

constexpr std::array<Names, 4> kStatuses{{
    {"investigating", "Investigating"},
    {"identified", "Identified"},
    {"mitigated", "Mitigated"},
    {"resolved", "Resolved"},
}};

constexpr std::array<Names, 11> kKinds{{
    {"declaration", "Declaration"},
    {"severity_change", "Severity change"},
    {"role_change", "Role change"},
    {"status_change", "Status change"},
    {"console_action", "Console action"},
    {"deploy", "Deploy"},
    {"flag_change", "Flag change"},
    {"vendor_status_change", "Vendor status change"},
    {"alert_crossing", "Alert threshold crossed"},
    {"note", "Note"},
    {"status_update", "Status update"},
}};

constexpr std::array<Names, 3> kPriorities{
    {{"high", "High"}, {"medium", "Medium"}, {"low", "Low"}}};

constexpr std::array<Names, 3> kTypes{{
    {"prevent", "Prevent"},
    {"detect", "Detect"},
    {"mitigate", "Mitigate"},
}};

constexpr std::array<Names, 4> kItemStatuses{{
    {"open", "Open"},
    {"in_progress", "In progress"},
    {"done", "Done"},
    {"wont_do", "Won't do"},
}};

constexpr std::array<Names, 10> kSections{{
    {"summary", "Summary"},
    {"impact", "Impact"},
    {"detection", "Detection"},
    {"response", "Response and recovery"},
    {"timeline", "Timeline"},
    {"root_cause", "Root cause and trigger"},
    {"contributing_factors", "Contributing factors"},
    {"went_well", "What went well"},
    {"went_badly", "What went badly"},
    {"got_lucky", "Where we got lucky"},
}};

template <size_t N>
const Names* rowOf(const std::array<Names, N>& table, int value)
{
    return value >= 1 && static_cast<size_t>(value) <= N ? &table[static_cast<size_t>(value - 1)]
                                                         : nullptr;
}

template <size_t N>
std::string keyOf(const std::array<Names, N>& table, int value)
{
    const Names* row = rowOf(table, value);
    return row ? row->key : "unknown";
}

template <size_t N>
std::string nameOf(const std::array<Names, N>& table, int value)
{
    const Names* row = rowOf(table, value);
    return row ? row->name : "unknown";
}

template <typename E, size_t N>
std::optional<E> fromKey(const std::array<Names, N>& table, std::string_view key)
{
    for (size_t i = 0; i < N; ++i) {
        if (key == table[i].key)
            return static_cast<E>(i + 1);
    }
    return std::nullopt;
}

}  // namespace

std::string severityKey(v1::IncidentSeverity s)
{
    return keyOf(kSeverities, s);
}

std::string severityName(v1::IncidentSeverity s)
{
    return nameOf(kSeverities, s);
}

std::optional<v1::IncidentSeverity> severityFromKey(std::string_view key)
{
    return fromKey<v1::IncidentSeverity>(kSeverities, key);
}

std::string statusKey(v1::IncidentStatus s)
{
    return keyOf(kStatuses, s);
}

std::string statusName(v1::IncidentStatus s)
{
    return nameOf(kStatuses, s);
}

std::optional<v1::IncidentStatus> statusFromKey(std::string_view key)
{
    return fromKey<v1::IncidentStatus>(kStatuses, key);
}

std::string kindKey(v1::TimelineEntryKind k)
{
    return keyOf(kKinds, k);
}

std::optional<v1::TimelineEntryKind> kindFromKey(std::string_view key)
{
    return fromKey<v1::TimelineEntryKind>(kKinds, key);
}

std::string priorityKey(v1::ActionItemPriority p)
{
    return keyOf(kPriorities, p);
}

std::optional<v1::ActionItemPriority> priorityFromKey(std::string_view key)
{
    return fromKey<v1::ActionItemPriority>(kPriorities, key);
}

std::string typeKey(v1::ActionItemType t)
{
    return keyOf(kTypes, t);
}

std::optional<v1::ActionItemType> typeFromKey(std::string_view key)
{
    return fromKey<v1::ActionItemType>(kTypes, key);
}

std::string itemStatusKey(v1::ActionItemStatus s)
{
    return keyOf(kItemStatuses, s);
}

std::optional<v1::ActionItemStatus> itemStatusFromKey(std::string_view key)
{
    return fromKey<v1::ActionItemStatus>(kItemStatuses, key);
}

const std::vector<std::string>& sectionKeys()
{
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> out;
        for (const Names& row : kSections)
            out.emplace_back(row.key);
        return out;
    }();
    return keys;
}

bool isSectionKey(std::string_view key)
{
    for (const Names& row : kSections) {
        if (key == row.key)
            return true;
    }
    return false;
}

std::string sectionName(std::string_view key)
{
    for (const Names& row : kSections) {
        if (key == row.key)
            return row.name;
    }
    return std::string(key);
}

}  // namespace wfsim::incident_keys
