#pragma once

// The incident store's schema, version by version, and the migration that
// brings a file up to date. Each version is history: never edit a released
// one, add the next.
//
//   1  incidents; timeline entries and status updates with integer ids.
//   2  incidents get a revision and a sync state; timeline entries and
//      status updates get UUIDs (generated for the old ones) and a sync
//      state; status updates appear on the timeline (the old ones are given
//      their entries); two more timeline kinds (vendor status change, status
//      update); postmortem sections and action items.
//   3  sync_records: per shared incident, section and action item, the
//      platform's revision and the base a local change is merged against.

#include <QSqlDatabase>
#include <QString>

namespace wf {

constexpr int kIncidentSchemaVersion = 3;

// Brings the open database to kIncidentSchemaVersion under BEGIN IMMEDIATE
// (re-reading user_version once it holds the lock, so two consoles opening
// the same file migrate it once). Refuses a newer schema. `path` is only for
// the messages.
bool migrateIncidentSchema(const QSqlDatabase& db, const QString& path, QString* error);

}  // namespace wf
