#pragma once

// The incident enums' stable keys (what the incident file stores; the same
// keys as the console's own store) and their names in words (for messages),
// and the postmortem sections in the order of the write-up.

#include "watchfloor/v1/incident.pb.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfsim::incident_keys {

// "sev1" / "SEV-1"
std::string severityKey(watchfloor::v1::IncidentSeverity s);
std::string severityName(watchfloor::v1::IncidentSeverity s);
std::optional<watchfloor::v1::IncidentSeverity> severityFromKey(std::string_view key);
// "investigating" / "Investigating"
std::string statusKey(watchfloor::v1::IncidentStatus s);
std::string statusName(watchfloor::v1::IncidentStatus s);
std::optional<watchfloor::v1::IncidentStatus> statusFromKey(std::string_view key);
// "severity_change"
std::string kindKey(watchfloor::v1::TimelineEntryKind k);
std::optional<watchfloor::v1::TimelineEntryKind> kindFromKey(std::string_view key);
// "high", "prevent", "in_progress"
std::string priorityKey(watchfloor::v1::ActionItemPriority p);
std::optional<watchfloor::v1::ActionItemPriority> priorityFromKey(std::string_view key);
std::string typeKey(watchfloor::v1::ActionItemType t);
std::optional<watchfloor::v1::ActionItemType> typeFromKey(std::string_view key);
std::string itemStatusKey(watchfloor::v1::ActionItemStatus s);
std::optional<watchfloor::v1::ActionItemStatus> itemStatusFromKey(std::string_view key);

// "summary", "impact", ... in the order of the write-up.
const std::vector<std::string>& sectionKeys();
bool isSectionKey(std::string_view key);
// "Root cause and trigger"
std::string sectionName(std::string_view key);

}  // namespace wfsim::incident_keys
