#pragma once

// The shared fields of an incident and an action item as a base (what the
// platform had when this console last synced them), and the three-way
// merge of an incident: a field this console changed since the base keeps
// this console's value; every other field takes the platform's. Two people
// changing the same field: this console's change is the later one sent, so
// it wins, and the timeline shows both changes.

#include "incident_types.h"

namespace wf {

// Compact JSON of severity, title, journeys, regions, roles, status and
// milestones; equal JSON means equal shared fields.
QString incidentBase(const Incident& incident);
// The fields back from incidentBase (the rest of `into` is kept); false for
// text that is not such a base.
bool readIncidentBase(const QString& base, Incident* into);
Incident mergeIncident(const Incident& base, const Incident& mine, const Incident& theirs);

// Title, owner, due date, priority, type and status; "deleted" for an item
// deleted on the platform or here.
QString actionItemBase(const ActionItem& item);
inline const char* kDeletedBase = "deleted";

}  // namespace wf
