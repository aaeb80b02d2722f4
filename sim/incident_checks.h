#pragma once

// What the incident calls accept, checked before anything is stored:
// INVALID_ARGUMENT naming the field (MISSING_FIELD, INVALID_VALUE,
// UNKNOWN_KIND, UNKNOWN_JOURNEY, UNKNOWN_REGION, the milestone reasons of
// IncidentMilestones), otherwise the record as the platform stores it: ids in
// their canonical lower-case form, times to the millisecond.

#include "journey_catalog.h"
#include "watchfloor/v1/incident.pb.h"

#include <grpcpp/support/status.h>

#include <cstdint>
#include <string>

namespace wfsim {

class IncidentChecks {
public:
    static constexpr size_t kMaxTitleBytes = 200;
    static constexpr size_t kMaxNameBytes = 200;  // roles, sources, authors, owners, outcomes
    static constexpr size_t kMaxTextBytes = 10'000;
    static constexpr size_t kMaxSectionBytes = 100'000;
    static constexpr size_t kMaxItemTitleBytes = 500;

    // A UUID (any form QUuid reads); `*normalized` is "xxxxxxxx-xxxx-...".
    static grpc::Status id(const std::string& value, const std::string& field,
                           std::string* normalized);
    static grpc::Status length(const std::string& value, size_t max, const std::string& field);

    // The fields a declaration or an update sets (id, severity, title,
    // journeys, regions, roles, status, milestones), checked against `nowMs`
    // (platform time), into `out`. A declaration's status defaults to
    // INVESTIGATING.
    static grpc::Status incident(const watchfloor::v1::Incident& in, const JourneyCatalog& catalog,
                                 int64_t nowMs, bool declaring, watchfloor::v1::Incident* out);
    // A client's timeline entry under `field` ("entries[2]"): id, a known
    // kind, `at` (required, not in the future), text, source, outcome and
    // pinned, into `out` (incident_id set to `incidentId`; recorded_* left
    // to the caller).
    static grpc::Status entry(const watchfloor::v1::TimelineEntry& in, const std::string& field,
                              const std::string& incidentId, int64_t nowMs,
                              watchfloor::v1::TimelineEntry* out);
    static grpc::Status statusUpdate(const watchfloor::v1::StatusUpdate& in,
                                     const std::string& incidentId, int64_t nowMs,
                                     watchfloor::v1::StatusUpdate* out);
    // id, title, owner, due_date, priority, type and status.
    static grpc::Status actionItem(const watchfloor::v1::ActionItem& in,
                                   const std::string& incidentId, watchfloor::v1::ActionItem* out);
    // "" or `incidentId`; anything else names another incident.
    static grpc::Status sameIncident(const std::string& value, const std::string& incidentId,
                                     const std::string& field);
};

}  // namespace wfsim
