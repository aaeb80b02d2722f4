#pragma once

// Shared incidents between the contract's messages (IncidentService) and the
// console's incident types. Internal to backend-clients: the proto types do
// not leave it.
//
// Records from the platform keep the platform's numbering: an Incident's
// `revision` is the platform's version, a section's and an action item's
// `revision` the platform's revision. Their sync state is Synced.

#include "incident_types.h"

#include <string>

namespace watchfloor::v1 {
class Incident;
class TimelineEntry;
class StatusUpdate;
class PostmortemSection;
class ActionItem;
}  // namespace watchfloor::v1

namespace wf {

// What the platform said about who wrote an incident record.
struct RemoteAuthor {
    QString declaredBy;
    QString updatedBy;
};

// Platform -> console. Unknown enum values become the safest reading
// (unknown severity: SEV-1, never the mildest; unknown status:
// Investigating); invalid UTF-8 is replaced, not trusted.
Incident fromProto(const watchfloor::v1::Incident& in, RemoteAuthor* author = nullptr);
TimelineEntry fromProto(const watchfloor::v1::TimelineEntry& in);
StatusUpdate fromProto(const watchfloor::v1::StatusUpdate& in);
// nullopt for a section key this console does not know.
std::optional<PostmortemSection> fromProto(const watchfloor::v1::PostmortemSection& in);
ActionItem fromProto(const watchfloor::v1::ActionItem& in, bool* deleted = nullptr);

// Console -> platform (server-set fields left empty).
void toProto(const Incident& in, watchfloor::v1::Incident* out);
void toProto(const TimelineEntry& in, watchfloor::v1::TimelineEntry* out);
void toProto(const StatusUpdate& in, watchfloor::v1::StatusUpdate* out);
void toProto(const ActionItem& in, watchfloor::v1::ActionItem* out);

}  // namespace wf
