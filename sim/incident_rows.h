#pragma once

// Incident records as the incident file holds them: the protobuf records plus
// what only the platform keeps (the declaration's fingerprint, positions that keep the order things
// were stored in). IncidentDb loads and writes these; IncidentStore keeps them in memory.

#include "watchfloor/v1/incident.pb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wfsim {

struct StoredIncident {
    watchfloor::v1::Incident incident;
    // The declaring request's incident, serialised deterministically: a
    // second DeclareIncident with the id must match it.
    std::string declareFingerprint;
};

// `position` orders records of one kind in the order they were first stored
// (one counter for the whole file).
struct StoredEntry {
    watchfloor::v1::TimelineEntry entry;
    int64_t position = 0;
};

struct StoredStatusUpdate {
    watchfloor::v1::StatusUpdate update;
    int64_t position = 0;
};

struct StoredItem {
    watchfloor::v1::ActionItem item;
    int64_t position = 0;
};

// Rows to write in one transaction (inserted, or replacing the row with the
// same key), or everything loaded from the file.
struct IncidentRows {
    std::vector<StoredIncident> incidents;
    std::vector<StoredEntry> entries;
    std::vector<StoredStatusUpdate> statusUpdates;
    std::vector<watchfloor::v1::PostmortemSection> sections;
    std::vector<StoredItem> items;
};

}  // namespace wfsim
