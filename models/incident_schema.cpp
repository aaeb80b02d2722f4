#include "incident_schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace wf {

namespace {

const QStringList kSchemaV1{
    QStringLiteral(
        "CREATE TABLE incidents (id TEXT PRIMARY KEY NOT NULL,"
        " severity TEXT NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),"
        " title TEXT NOT NULL, journeys TEXT NOT NULL, regions TEXT NOT NULL,"
        " commander TEXT NOT NULL, communications_lead TEXT NOT NULL, scribe TEXT NOT NULL,"
        " status TEXT NOT NULL"
        " CHECK (status IN ('investigating', 'identified', 'mitigated', 'resolved')),"
        " started_ms INTEGER, detected_ms INTEGER, acknowledged_ms INTEGER,"
        " mitigated_ms INTEGER, resolved_ms INTEGER,"
        " declared_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL)"),
    QStringLiteral(
        "CREATE TABLE timeline_entries (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " incident_id TEXT NOT NULL REFERENCES incidents(id),"
        " kind TEXT NOT NULL CHECK (kind IN ('declaration', 'severity_change', 'role_change',"
        " 'status_change', 'console_action', 'deploy', 'flag_change', 'alert_crossing',"
        " 'note')),"
        " source TEXT NOT NULL, at_ms INTEGER NOT NULL, text TEXT NOT NULL,"
        " outcome TEXT NOT NULL, pinned INTEGER NOT NULL DEFAULT 0)"),
    QStringLiteral("CREATE INDEX timeline_by_incident ON timeline_entries(incident_id, at_ms)"),
    QStringLiteral("CREATE TABLE status_updates (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                   " incident_id TEXT NOT NULL REFERENCES incidents(id),"
                   " at_ms INTEGER NOT NULL, author TEXT NOT NULL, status TEXT NOT NULL"
                   " CHECK (status IN ('investigating', 'identified', 'mitigated', 'resolved')),"
                   " text TEXT NOT NULL)"),
    QStringLiteral("PRAGMA user_version = 1"),
};

// A random (version 4) UUID per row, in the form QUuid writes.
const QString kSqlUuid = QStringLiteral(
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||"
    " substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) ||"
    " substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))");

const QStringList kMigrationV2{
    QStringLiteral("ALTER TABLE incidents ADD COLUMN revision INTEGER NOT NULL DEFAULT 1"
                   " CHECK (revision >= 1)"),
    QStringLiteral("ALTER TABLE incidents ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'local'"
                   " CHECK (sync_state IN ('local', 'synced'))"),

    QStringLiteral(
        "CREATE TABLE timeline_entries_v2 (id TEXT PRIMARY KEY NOT NULL,"
        " incident_id TEXT NOT NULL REFERENCES incidents(id),"
        " kind TEXT NOT NULL CHECK (kind IN ('declaration', 'severity_change', 'role_change',"
        " 'status_change', 'console_action', 'deploy', 'flag_change', 'vendor_status_change',"
        " 'alert_crossing', 'note', 'status_update')),"
        " source TEXT NOT NULL, at_ms INTEGER NOT NULL, text TEXT NOT NULL,"
        " outcome TEXT NOT NULL, pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),"
        " sync_state TEXT NOT NULL DEFAULT 'local' CHECK (sync_state IN ('local', 'synced')))"),
    QStringLiteral("INSERT INTO timeline_entries_v2 (id, incident_id, kind, source, at_ms, text,"
                   " outcome, pinned, sync_state) SELECT ") +
        kSqlUuid +
        QStringLiteral(", incident_id, kind, source, at_ms, text, outcome, pinned <> 0, 'local'"
                       " FROM timeline_entries ORDER BY id"),
    QStringLiteral("DROP TABLE timeline_entries"),
    QStringLiteral("ALTER TABLE timeline_entries_v2 RENAME TO timeline_entries"),
    QStringLiteral("CREATE INDEX timeline_by_incident ON timeline_entries(incident_id, at_ms)"),

    QStringLiteral(
        "CREATE TABLE status_updates_v2 (id TEXT PRIMARY KEY NOT NULL,"
        " incident_id TEXT NOT NULL REFERENCES incidents(id),"
        " at_ms INTEGER NOT NULL, author TEXT NOT NULL, status TEXT NOT NULL"
        " CHECK (status IN ('investigating', 'identified', 'mitigated', 'resolved')),"
        " text TEXT NOT NULL,"
        " sync_state TEXT NOT NULL DEFAULT 'local' CHECK (sync_state IN ('local', 'synced')))"),
    QStringLiteral("INSERT INTO status_updates_v2 (id, incident_id, at_ms, author, status, text,"
                   " sync_state) SELECT ") +
        kSqlUuid +
        QStringLiteral(", incident_id, at_ms, author, status, text, 'local'"
                       " FROM status_updates ORDER BY id"),
    QStringLiteral("DROP TABLE status_updates"),
    QStringLiteral("ALTER TABLE status_updates_v2 RENAME TO status_updates"),
    QStringLiteral("CREATE INDEX status_updates_by_incident ON status_updates(incident_id, at_ms)"),
    QStringLiteral("INSERT INTO timeline_entries (id, incident_id, kind, source, at_ms, text,"
                   " outcome, pinned, sync_state) SELECT id, incident_id, 'status_update',"
                   " author, at_ms, text, '', 0, 'local' FROM status_updates ORDER BY rowid"),

    QStringLiteral("CREATE TABLE postmortem_sections ("
                   " incident_id TEXT NOT NULL REFERENCES incidents(id),"
                   " section TEXT NOT NULL CHECK (section IN ('summary', 'impact', 'detection',"
                   " 'response', 'timeline', 'root_cause', 'contributing_factors', 'went_well',"
                   " 'went_badly', 'got_lucky')),"
                   " text TEXT NOT NULL, revision INTEGER NOT NULL CHECK (revision >= 1),"
                   " updated_ms INTEGER NOT NULL, updated_by TEXT NOT NULL,"
                   " PRIMARY KEY (incident_id, section))"),
    QStringLiteral(
        "CREATE TABLE action_items (id TEXT PRIMARY KEY NOT NULL,"
        " incident_id TEXT NOT NULL REFERENCES incidents(id),"
        " title TEXT NOT NULL CHECK (title <> ''), owner TEXT NOT NULL,"
        " due_date TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),"
        " priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),"
        " type TEXT NOT NULL CHECK (type IN ('prevent', 'detect', 'mitigate')),"
        " status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'wont_do')),"
        " created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,"
        " revision INTEGER NOT NULL CHECK (revision >= 1))"),
    QStringLiteral("CREATE INDEX action_items_by_incident ON action_items(incident_id)"),
    QStringLiteral("PRAGMA user_version = 2"),
};

// What this console last exchanged with the platform, per shared record:
// the platform's revision and the record as it was then (the base a local
// change is compared and merged against), and whether a postmortem section
// waits for someone to settle a conflicting edit.
const QStringList kMigrationV3{
    QStringLiteral("CREATE TABLE sync_records ("
                   " kind TEXT NOT NULL CHECK (kind IN ('incident', 'section', 'item')),"
                   " id TEXT NOT NULL, incident_id TEXT NOT NULL,"
                   " remote_revision INTEGER NOT NULL DEFAULT 0 CHECK (remote_revision >= 0),"
                   " base TEXT NOT NULL DEFAULT '',"
                   " conflict INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1)),"
                   " PRIMARY KEY (kind, id))"),
    QStringLiteral("CREATE INDEX sync_records_by_incident ON sync_records(incident_id, kind)"),
    QStringLiteral("PRAGMA user_version = 3"),
};

bool fail(QString* error, const QString& what, const QSqlQuery& q)
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, q.lastError().text());
    return false;
}

QString newerSchema(const QString& path, int version)
{
    return QStringLiteral(
               "The incident store %1 was written by a newer Watchfloor (schema %2; "
               "this one reads up to %3). It was left as it is.")
        .arg(path)
        .arg(version)
        .arg(kIncidentSchemaVersion);
}

bool readVersion(QSqlQuery& q, const QString& path, int* version, QString* error)
{
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return fail(error, QStringLiteral("Cannot read the incident store %1").arg(path), q);
    *version = q.value(0).toInt();
    q.finish();
    return true;
}

}  // namespace

bool migrateIncidentSchema(const QSqlDatabase& db, const QString& path, QString* error)
{
    QSqlQuery q(db);
    int version = 0;
    if (!readVersion(q, path, &version, error))
        return false;
    if (version > kIncidentSchemaVersion) {
        if (error)
            *error = newerSchema(path, version);
        return false;
    }
    if (version == kIncidentSchemaVersion)
        return true;

    // Another console may be migrating it at the same moment: take the write
    // lock first (waiting for it), then look again.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(error, QStringLiteral("Cannot update the incident store %1").arg(path), q);
    auto abort = [&](const QString& message) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        if (error)
            *error = message;
        return false;
    };
    if (!readVersion(q, path, &version, error))
        return abort(error ? *error : QString());
    if (version > kIncidentSchemaVersion)
        return abort(newerSchema(path, version));
    const struct {
        int to;
        const QStringList& statements;
    } steps[] = {{1, kSchemaV1}, {2, kMigrationV2}, {3, kMigrationV3}};
    for (const auto& step : steps) {
        if (version >= step.to)
            continue;
        for (const QString& sql : step.statements) {
            if (!q.exec(sql))
                return abort(QStringLiteral("Cannot update the incident store %1 from schema %2 "
                                            "to %3: %4")
                                 .arg(path)
                                 .arg(version)
                                 .arg(step.to)
                                 .arg(q.lastError().text()));
        }
        version = step.to;
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return abort(QStringLiteral("Cannot update the incident store %1: %2")
                         .arg(path, q.lastError().text()));
    return true;
}

}  // namespace wf
