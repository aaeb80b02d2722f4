// IncidentStore: migration from an empty file and from schema 1 (built here
// by hand, as the first release wrote it) keeping its data; a newer schema
// and a file that is not a database refused in words; incidents with their
// automatic timeline entries, revisions and milestone validation; timeline
// idempotency, kinds filter, pins; status updates; postmortem revisions and
// the two-editor conflict; action items; a draft surviving a crash; every
// enum key accepted by the schema; integrity_check "ok" afterwards.
#include "incident_store.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>
#include <cstdlib>

using namespace wf;

namespace {

// 2024-03-05 15:00 UTC: "now" for the store.
constexpr qint64 kNow = 1'709'650'800'000;
constexpr qint64 kMinute = 60'000;

const char* const kCrashEnv = "WF_INCIDENT_CRASH_DB";

Incident incident(const QString& title = QStringLiteral("Authorization success down in eu-west"))
{
    Incident i;
    i.id = newIncidentRecordId();
    i.severity = Severity::Sev2;
    i.title = title;
    i.journeys = {QStringLiteral("payment authorization")};
    i.regions = {QStringLiteral("eu-west")};
    i.roles.commander = QStringLiteral("dana");
    i.milestones.startedMs = kNow - 30 * kMinute;
    i.milestones.detectedMs = kNow - 25 * kMinute;
    i.declaredMs = kNow - 20 * kMinute;
    return i;
}

TimelineEntry entry(const QString& incidentId, TimelineKind kind, qint64 atMs, const QString& text)
{
    TimelineEntry e;
    e.id = newIncidentRecordId();
    e.incidentId = incidentId;
    e.kind = kind;
    e.source = QStringLiteral("dana");
    e.atMs = atMs;
    e.text = text;
    return e;
}

QStringList texts(const QVector<TimelineEntry>& entries)
{
    QStringList out;
    for (const TimelineEntry& e : entries)
        out << e.text;
    return out;
}

QVector<TimelineKind> kinds(const QVector<TimelineEntry>& entries)
{
    QVector<TimelineKind> out;
    for (const TimelineEntry& e : entries)
        out << e.kind;
    return out;
}

IncidentFilter openOnly()
{
    IncidentFilter f;
    f.openOnly = true;
    return f;
}

IncidentFilter severities(const QVector<Severity>& list)
{
    IncidentFilter f;
    f.severities = list;
    return f;
}

IncidentFilter declared(qint64 fromMs, qint64 beforeMs)
{
    IncidentFilter f;
    f.declaredFromMs = fromMs;
    f.declaredBeforeMs = beforeMs;
    return f;
}

TimelineFilter pinnedOnly()
{
    TimelineFilter f;
    f.pinnedOnly = true;
    return f;
}

// Runs statements on a connection of its own, then closes it.
bool runSql(const QString& path, const QStringList& statements, QString* error = nullptr)
{
    const QString name = QStringLiteral("raw-") + QUuid::createUuid().toString();
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString& sql : statements) {
            if (!ok)
                break;
            if (!q.exec(sql)) {
                ok = false;
                if (error)
                    *error = sql + QStringLiteral(": ") + q.lastError().text();
            }
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// One value of the first row (or the rows of the first column joined by ",").
QString sqlValue(const QString& path, const QString& sql)
{
    const QString name = QStringLiteral("raw-") + QUuid::createUuid().toString();
    QStringList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql))
                while (q.next())
                    values << q.value(0).toString();
            else
                values << QStringLiteral("error: ") + q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return values.join(',');
}

// Schema 1 as the first local-only release created it.
const QStringList kSchemaV1ByHand{
    "CREATE TABLE incidents (id TEXT PRIMARY KEY NOT NULL,"
    " severity TEXT NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),"
    " title TEXT NOT NULL, journeys TEXT NOT NULL, regions TEXT NOT NULL,"
    " commander TEXT NOT NULL, communications_lead TEXT NOT NULL, scribe TEXT NOT NULL,"
    " status TEXT NOT NULL"
    " CHECK (status IN ('investigating', 'identified', 'mitigated', 'resolved')),"
    " started_ms INTEGER, detected_ms INTEGER, acknowledged_ms INTEGER,"
    " mitigated_ms INTEGER, resolved_ms INTEGER,"
    " declared_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL)",
    "CREATE TABLE timeline_entries (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " incident_id TEXT NOT NULL REFERENCES incidents(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('declaration', 'severity_change', 'role_change',"
    " 'status_change', 'console_action', 'deploy', 'flag_change', 'alert_crossing', 'note')),"
    " source TEXT NOT NULL, at_ms INTEGER NOT NULL, text TEXT NOT NULL,"
    " outcome TEXT NOT NULL, pinned INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX timeline_by_incident ON timeline_entries(incident_id, at_ms)",
    "CREATE TABLE status_updates (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " incident_id TEXT NOT NULL REFERENCES incidents(id),"
    " at_ms INTEGER NOT NULL, author TEXT NOT NULL, status TEXT NOT NULL"
    " CHECK (status IN ('investigating', 'identified', 'mitigated', 'resolved')),"
    " text TEXT NOT NULL)",
    "PRAGMA user_version = 1",
};

const QString kV1Incident = QStringLiteral("6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b");
const QString kV1Resolved = QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

}  // namespace

class TestIncidentStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString path(const QString& name) const { return dir_.filePath(name); }

    void openAt(IncidentStore& store, const QString& file)
    {
        store.setClock([] { return kNow; });
        QString error;
        QVERIFY2(store.open(path(file), &error), qPrintable(error));
    }

    void verifyIntact(const IncidentStore& store)
    {
        QString error;
        QVERIFY2(store.checkIntegrity(&error), qPrintable(error));
        QCOMPARE(sqlValue(store.path(), "PRAGMA integrity_check"), QStringLiteral("ok"));
    }

private slots:
    void init()
    {
        // Connections left in use, SQL errors on the console: any warning fails.
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    }

    void migratesAnEmptyFile()
    {
        const QString p = path("empty.db");
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));  // zero bytes, as a crash could leave it
        f.close();
        IncidentStore store;
        openAt(store, "empty.db");
        QVERIFY(store.isOpen());
        QCOMPARE(sqlValue(p, "PRAGMA user_version"),
                 QString::number(IncidentStore::kSchemaVersion));
        QCOMPARE(sqlValue(p, "PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(sqlValue(p, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
                 QStringLiteral("action_items,incidents,postmortem_sections,sqlite_sequence,"
                                "status_updates,sync_records,timeline_entries"));
        const Incident i = incident();
        QVERIFY(store.createIncident(i, "dana").ok());
        QCOMPARE(store.listIncidents().size(), 1);
        verifyIntact(store);

        // Opening it again changes nothing.
        store.close();
        IncidentStore again;
        openAt(again, "empty.db");
        QCOMPARE(again.listIncidents().size(), 1);
        QCOMPARE(again.timeline(i.id).size(), 1);
    }

    void migratesSchemaV1KeepingItsData()
    {
        const QString p = path("v1.db");
        QStringList sql = kSchemaV1ByHand;
        sql << QStringLiteral(
                   "INSERT INTO incidents VALUES ('%1', 'sev1', 'Checkout down in us-east',"
                   " '[\"checkout availability\"]', '[\"us-east\"]', 'dana', 'lee', 'sam',"
                   " 'mitigated', %2, %3, %4, %5, NULL, %6, %7)")
                   .arg(kV1Incident)
                   .arg(kNow - 90 * kMinute)
                   .arg(kNow - 85 * kMinute)
                   .arg(kNow - 84 * kMinute)
                   .arg(kNow - 40 * kMinute)
                   .arg(kNow - 84 * kMinute)
                   .arg(kNow - 40 * kMinute)
            << QStringLiteral(
                   "INSERT INTO incidents VALUES ('%1', 'sev4', 'Slow tax quotes', '[]', '[]',"
                   " '', '', '', 'resolved', %2, %2, %2, %2, %2, %2, %2)")
                   .arg(kV1Resolved)
                   .arg(kNow - 600 * kMinute);
        const QString entries = QStringLiteral(
            "INSERT INTO timeline_entries (incident_id, kind, source, at_ms, text, outcome,"
            " pinned) VALUES ('%1', '%2', '%3', %4, '%5', '%6', %7)");
        sql << entries.arg(kV1Incident, "declaration", "dana")
                   .arg(kNow - 84 * kMinute)
                   .arg("Declared SEV-1: Checkout down in us-east.", "")
                   .arg(0)
            << entries.arg(kV1Incident, "console_action", "dana")
                   .arg(kNow - 60 * kMinute)
                   .arg("Rolled back checkout-api to 4.12.0", "confirmed")
                   .arg(1)
            << entries.arg(kV1Incident, "note", "sam")
                   .arg(kNow - 60 * kMinute)
                   .arg("Error rate falling", "")
                   .arg(0)
            << entries.arg(kV1Resolved, "declaration", "lee")
                   .arg(kNow - 600 * kMinute)
                   .arg("Declared SEV-4: Slow tax quotes.", "")
                   .arg(0);
        sql << QStringLiteral(
                   "INSERT INTO status_updates (incident_id, at_ms, author, status,"
                   " text) VALUES ('%1', %2, 'lee', 'mitigated',"
                   " 'Checkout is recovering after a rollback.')")
                   .arg(kV1Incident)
                   .arg(kNow - 50 * kMinute);
        QString error;
        QVERIFY2(runSql(p, sql, &error), qPrintable(error));

        IncidentStore store;
        openAt(store, "v1.db");
        QCOMPARE(sqlValue(p, "PRAGMA user_version"), QStringLiteral("3"));

        const std::optional<Incident> i = store.incident(kV1Incident);
        QVERIFY(i);
        QCOMPARE(i->severity, Severity::Sev1);
        QCOMPARE(i->title, QStringLiteral("Checkout down in us-east"));
        QCOMPARE(i->journeys, QStringList{"checkout availability"});
        QCOMPARE(i->regions, QStringList{"us-east"});
        QCOMPARE(i->roles, (IncidentRoles{"dana", "lee", "sam"}));
        QCOMPARE(i->status, IncidentStatus::Mitigated);
        QCOMPARE(i->milestones.mitigatedMs, std::optional<qint64>(kNow - 40 * kMinute));
        QVERIFY(!i->milestones.resolvedMs);
        QCOMPARE(i->revision, 1);
        QCOMPARE(i->sync, SyncState::LocalOnly);
        QCOMPARE(store.listIncidents().size(), 2);

        // The entries, in their order, now with UUIDs; the status update joined them.
        const QVector<TimelineEntry> timeline = store.timeline(kV1Incident);
        QCOMPARE(texts(timeline),
                 (QStringList{"Declared SEV-1: Checkout down in us-east.",
                              "Rolled back checkout-api to 4.12.0", "Error rate falling",
                              "Checkout is recovering after a rollback."}));
        QCOMPARE(kinds(timeline),
                 (QVector<TimelineKind>{TimelineKind::Declaration, TimelineKind::ConsoleAction,
                                        TimelineKind::Note, TimelineKind::StatusUpdate}));
        QCOMPARE(timeline[1].outcome, QStringLiteral("confirmed"));
        QCOMPARE(timeline[1].source, QStringLiteral("dana"));
        QVERIFY(timeline[1].pinned);
        QVERIFY(!timeline[0].pinned);
        QSet<QString> ids;
        for (const TimelineEntry& e : timeline) {
            const QUuid uuid = QUuid::fromString(e.id);
            QVERIFY2(!uuid.isNull(), qPrintable(e.id));
            QCOMPARE(uuid.version(), QUuid::Random);
            QCOMPARE(uuid.toString(QUuid::WithoutBraces), e.id);
            QCOMPARE(e.sync, SyncState::LocalOnly);
            ids.insert(e.id);
        }
        QCOMPARE(ids.size(), 4);
        const QVector<StatusUpdate> updates = store.statusUpdates(kV1Incident);
        QCOMPARE(updates.size(), 1);
        QCOMPARE(updates[0].id, timeline[3].id);
        QCOMPARE(updates[0].status, IncidentStatus::Mitigated);
        QCOMPARE(updates[0].author, QStringLiteral("lee"));
        QCOMPARE(store.timeline(kV1Resolved).size(), 1);

        // The migrated records behave like new ones.
        TimelineEntry again = timeline[2];
        again.text = QStringLiteral("a retry of the same entry");
        QCOMPARE(store.addTimelineEntry(again).outcome, WriteOutcome::AlreadyStored);
        QCOMPARE(store.timeline(kV1Incident).size(), 4);
        QVERIFY(store
                    .savePostmortemSection(kV1Incident, PostmortemSectionKey::Summary,
                                           "Bad deploy of checkout-api.", 0, "lee")
                    .result.ok());
        Incident resolved = *i;
        resolved.status = IncidentStatus::Resolved;
        resolved.milestones.resolvedMs = kNow - 10 * kMinute;
        const WriteResult r = store.updateIncident(resolved, "dana");
        QVERIFY2(r.outcome == WriteOutcome::Written, qPrintable(r.message));
        QCOMPARE(r.revision, 2);
        verifyIntact(store);

        // Reopening does not migrate again: the ids stay.
        store.close();
        IncidentStore reopened;
        openAt(reopened, "v1.db");
        QCOMPARE(reopened.timeline(kV1Incident).first().id, timeline.first().id);
        QCOMPARE(reopened.timeline(kV1Incident).size(), 5);  // plus the status change
    }

    void migratesSchemaV2KeepingItsData()
    {
        // Schema 2 is schema 3 without the sync records: make one by taking
        // them away from a file written now.
        const QString p = path("v2.db");
        const Incident i = incident();
        {
            IncidentStore store;
            openAt(store, "v2.db");
            QVERIFY(store.createIncident(i, "dana").ok());
            QVERIFY(store
                        .savePostmortemSection(i.id, PostmortemSectionKey::Summary, "A bad deploy.",
                                               0, "dana")
                        .result.ok());
        }
        QVERIFY(runSql(p, {"DROP TABLE sync_records", "PRAGMA user_version = 2"}));
        QCOMPARE(sqlValue(p, "SELECT count(*) FROM sqlite_master WHERE name = 'sync_records'"),
                 QStringLiteral("0"));

        IncidentStore store;
        openAt(store, "v2.db");
        QCOMPARE(sqlValue(p, "PRAGMA user_version"), QStringLiteral("3"));
        QCOMPARE(store.incident(i.id)->title, i.title);
        QCOMPARE(store.timeline(i.id).size(), 1);
        QCOMPARE(store.postmortem(i.id).first().text, QStringLiteral("A bad deploy."));
        // The new table is there and empty: nothing was ever shared.
        const SyncRecord none = store.syncRecord(SyncRecordKind::Incident, i.id);
        QVERIFY(!none.exists);
        QCOMPARE(none.remoteRevision, 0);
        SyncRecord r;
        r.remoteRevision = 4;
        r.base = QStringLiteral("{}");
        QVERIFY(store.setSyncRecord(SyncRecordKind::Incident, i.id, i.id, r).ok());
        QCOMPARE(store.syncRecord(SyncRecordKind::Incident, i.id).remoteRevision, 4);
        verifyIntact(store);
    }

    void refusesANewerSchema()
    {
        const QString p = path("future.db");
        QVERIFY(runSql(p, {"CREATE TABLE incidents_v4 (x TEXT)", "PRAGMA user_version = 4"}));
        IncidentStore store;
        QString error;
        QVERIFY(!store.open(p, &error));
        QVERIFY(!store.isOpen());
        QCOMPARE(error, QStringLiteral("The incident store %1 was written by a newer Watchfloor "
                                       "(schema 4; this one reads up to 3). It was left as it "
                                       "is.")
                            .arg(p));
        QCOMPARE(sqlValue(p, "PRAGMA user_version"), QStringLiteral("4"));  // left alone
        const WriteResult r = store.createIncident(incident(), "dana");
        QCOMPARE(r.outcome, WriteOutcome::Failed);
        QCOMPARE(r.message, QStringLiteral("The incident store is not open."));
    }

    void refusesAFileThatIsNotADatabase()
    {
        const QString p = path("garbage.db");
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        IncidentStore store;
        QString error;
        QVERIFY(!store.open(p, &error));
        QVERIFY2(error.startsWith(QStringLiteral("Cannot read the incident store %1: ").arg(p)),
                 qPrintable(error));
        QVERIFY(!store.isOpen());
    }

    void declaresAndUpdatesIncidents()
    {
        IncidentStore store;
        openAt(store, "incidents.db");
        Incident i = incident();
        i.id = i.id.toUpper();  // normalised
        WriteResult r = store.createIncident(i, "dana");
        QVERIFY2(r.outcome == WriteOutcome::Written, qPrintable(r.message));
        QCOMPARE(r.revision, 1);
        i.id = i.id.toLower();

        std::optional<Incident> stored = store.incident(i.id);
        QVERIFY(stored);
        QCOMPARE(stored->title, i.title);
        QCOMPARE(stored->declaredMs, i.declaredMs);
        QCOMPARE(stored->updatedMs, kNow);
        QCOMPARE(stored->milestones, i.milestones);
        QCOMPARE(stored->revision, 1);
        QCOMPARE(texts(store.timeline(i.id)),
                 QStringList{"Declared SEV-2: Authorization success down in eu-west. Journeys: "
                             "payment authorization. Regions: eu-west."});
        QCOMPARE(store.timeline(i.id).first().atMs, i.declaredMs);

        // Declaring it again (a retry) adds nothing.
        QCOMPARE(store.createIncident(i, "dana").outcome, WriteOutcome::AlreadyStored);
        QCOMPARE(store.timeline(i.id).size(), 1);
        QCOMPARE(store.listIncidents().size(), 1);

        // Severity, status and roles change: one entry each, in the same write.
        Incident next = *stored;
        next.severity = Severity::Sev1;
        next.status = IncidentStatus::Identified;
        next.roles.commander = QStringLiteral("lee");
        next.roles.communicationsLead = QStringLiteral("sam");
        next.milestones.acknowledgedMs = kNow - 24 * kMinute;
        r = store.updateIncident(next, "lee");
        QVERIFY2(r.outcome == WriteOutcome::Written, qPrintable(r.message));
        QCOMPARE(r.revision, 2);
        const QVector<TimelineEntry> timeline = store.timeline(i.id);
        QCOMPARE(texts(timeline).mid(1),
                 (QStringList{"Severity changed from SEV-2 to SEV-1.",
                              "Status changed from Investigating to Identified.",
                              "Incident commander handed over from dana to lee.",
                              "sam is now communications lead."}));
        QCOMPARE(kinds(timeline).mid(1),
                 (QVector<TimelineKind>{TimelineKind::SeverityChange, TimelineKind::StatusChange,
                                        TimelineKind::RoleChange, TimelineKind::RoleChange}));
        for (const TimelineEntry& e : timeline.mid(1)) {
            QCOMPARE(e.atMs, kNow);
            QCOMPARE(e.source, QStringLiteral("lee"));
        }

        // A stale revision is a conflict; nothing changes.
        Incident stale = next;  // still revision 1
        stale.severity = Severity::Sev3;
        r = store.updateIncident(stale, "sam");
        QCOMPARE(r.outcome, WriteOutcome::Conflict);
        QCOMPARE(r.message, QStringLiteral("The incident was changed since you loaded it "
                                           "(revision 2 is stored, you had 1): nothing was "
                                           "saved. Load it again and redo the change."));
        QCOMPARE(store.incident(i.id)->severity, Severity::Sev1);

        // Impossible milestones are refused with the validator's words.
        next.revision = 2;
        Incident impossible = next;
        impossible.milestones.detectedMs = kNow - 35 * kMinute;  // before it started
        r = store.updateIncident(impossible, "lee");
        QCOMPARE(r.outcome, WriteOutcome::Invalid);
        QCOMPARE(r.message, QStringLiteral("Detected (14:25) is before Started (14:30): an "
                                           "incident cannot be detected before it starts."));
        impossible = next;
        impossible.status = IncidentStatus::Resolved;
        r = store.updateIncident(impossible, "lee");
        QCOMPARE(r.message, QStringLiteral("The status is Resolved but no Resolved time is set."));
        impossible.milestones.resolvedMs = kNow;
        r = store.updateIncident(impossible, "lee");
        QCOMPARE(r.message,
                 QStringLiteral("Resolved is set but Mitigated is not: an incident is resolved "
                                "only after its impact is mitigated (set both to the same time "
                                "if the impact ended with the resolution)."));
        impossible = next;
        impossible.title = QStringLiteral("  ");
        QCOMPARE(store.updateIncident(impossible, "lee").message,
                 QStringLiteral("An incident needs a title."));
        QCOMPARE(store.incident(i.id)->revision, 2);
        QCOMPARE(store.timeline(i.id).size(), 5);

        // Saving what is stored is not a change.
        r = store.updateIncident(next, "lee");
        QCOMPARE(r.outcome, WriteOutcome::AlreadyStored);
        QCOMPARE(r.revision, 2);

        // Unknown incidents.
        Incident unknown = incident();
        unknown.revision = 1;
        QCOMPARE(store.updateIncident(unknown, "lee").outcome, WriteOutcome::NotFound);
        QVERIFY(!store.incident(unknown.id));
        QVERIFY(!store.incident("not a uuid"));
        Incident noId = incident();
        noId.id.clear();
        QCOMPARE(store.createIncident(noId, "dana").outcome, WriteOutcome::Invalid);
        verifyIntact(store);
    }

    void listsIncidentsByFilter()
    {
        IncidentStore store;
        openAt(store, "list.db");
        Incident a = incident("a");
        a.declaredMs = kNow - 300 * kMinute;
        a.severity = Severity::Sev1;
        Incident b = incident("b");
        b.declaredMs = kNow - 200 * kMinute;
        b.status = IncidentStatus::Resolved;
        b.milestones.mitigatedMs = kNow - 10 * kMinute;
        b.milestones.resolvedMs = kNow - 5 * kMinute;
        Incident c = incident("c");
        c.declaredMs = kNow - 100 * kMinute;
        c.severity = Severity::Sev4;
        for (const Incident& i : {a, b, c})
            QVERIFY(store.createIncident(i, "dana").ok());
        auto titles = [&](const IncidentFilter& f) {
            QStringList out;
            QString error;
            for (const Incident& i : store.listIncidents(f, &error))
                out << i.title;
            return error.isEmpty() ? out.join(',') : error;
        };
        QCOMPARE(titles({}), QStringLiteral("c,b,a"));
        QCOMPARE(titles(openOnly()), QStringLiteral("c,a"));
        QCOMPARE(titles(severities({Severity::Sev1, Severity::Sev4})), QStringLiteral("c,a"));
        QCOMPARE(titles(declared(kNow - 200 * kMinute, 0)), QStringLiteral("c,b"));
        QCOMPARE(titles(declared(0, kNow - 200 * kMinute)), QStringLiteral("a"));
    }

    void timelineIsIdempotentFilterableAndPinnable()
    {
        IncidentStore store;
        openAt(store, "timeline.db");
        const Incident i = incident();
        QVERIFY(store.createIncident(i, "dana").ok());

        TimelineEntry deploy = entry(i.id, TimelineKind::Deploy, kNow - 29 * kMinute,
                                     "payments-gateway 2.3.1 to eu-west (100%)");
        deploy.source = QStringLiteral("deploy feed");
        QCOMPARE(store.addTimelineEntry(deploy).outcome, WriteOutcome::Written);
        // The same entry again, as a retry or a second sync, with its id spelled differently.
        TimelineEntry retry = deploy;
        retry.id = QStringLiteral("{%1}").arg(deploy.id.toUpper());
        retry.text = QStringLiteral("changed on the way");
        QCOMPARE(store.addTimelineEntry(retry).outcome, WriteOutcome::AlreadyStored);

        TimelineEntry rollback = entry(i.id, TimelineKind::ConsoleAction, kNow - 10 * kMinute,
                                       "Rollback of payments-gateway to 2.3.0");
        rollback.outcome = QStringLiteral("confirmed");
        TimelineEntry alert = entry(i.id, TimelineKind::AlertCrossing, kNow - 26 * kMinute,
                                    "payment authorization eu-west burn 14.4 over 1 h and 5 min");
        TimelineEntry note = entry(i.id, TimelineKind::Note, kNow - 10 * kMinute,
                                   "Card 4111 1111 1111 1111 failed for a customer");
        for (const TimelineEntry& e : {rollback, alert, note})
            QCOMPARE(store.addTimelineEntry(e).outcome, WriteOutcome::Written);

        QVector<TimelineEntry> all = store.timeline(i.id);
        QCOMPARE(all.size(), 5);
        QCOMPARE(kinds(all),
                 (QVector<TimelineKind>{TimelineKind::Deploy, TimelineKind::AlertCrossing,
                                        TimelineKind::Declaration, TimelineKind::ConsoleAction,
                                        TimelineKind::Note}));  // by time, then as written
        QCOMPARE(all[0].text, deploy.text);
        QCOMPARE(all[0].source, QStringLiteral("deploy feed"));
        QCOMPARE(all[3].outcome, QStringLiteral("confirmed"));
        QCOMPARE(all[4].text, QStringLiteral("Card ************1111 failed for a customer"));

        QCOMPARE(kinds(store.timeline(i.id, {{TimelineKind::ConsoleAction, TimelineKind::Deploy}})),
                 (QVector<TimelineKind>{TimelineKind::Deploy, TimelineKind::ConsoleAction}));
        QVERIFY(store.timeline(i.id, {{TimelineKind::FlagChange}}).isEmpty());

        QVERIFY(store.timeline(i.id, pinnedOnly()).isEmpty());
        QCOMPARE(store.setPinned(rollback.id, true).outcome, WriteOutcome::Written);
        QCOMPARE(store.setPinned(alert.id, true).outcome, WriteOutcome::Written);
        QCOMPARE(store.setPinned(alert.id, false).outcome, WriteOutcome::Written);
        QVector<TimelineEntry> pinned = store.timeline(i.id, pinnedOnly());
        QCOMPARE(pinned.size(), 1);
        QCOMPARE(pinned[0].id, rollback.id);
        QVERIFY(pinned[0].pinned);
        QCOMPARE(store.timeline(i.id, {{TimelineKind::Note}, true}).size(), 0);
        QCOMPARE(store.setPinned(newIncidentRecordId(), true).outcome, WriteOutcome::NotFound);

        QCOMPARE(store.setSyncState(deploy.id, SyncState::Synced).outcome, WriteOutcome::Written);
        QCOMPARE(store.timeline(i.id).first().sync, SyncState::Synced);
        QCOMPARE(store.timeline(i.id).last().sync, SyncState::LocalOnly);

        // Refused: no id, no text, an incident that is not there.
        TimelineEntry bad = entry(i.id, TimelineKind::Note, kNow, "x");
        bad.id = QStringLiteral("7");
        QCOMPARE(store.addTimelineEntry(bad).outcome, WriteOutcome::Invalid);
        bad = entry(i.id, TimelineKind::Note, kNow, " ");
        QCOMPARE(store.addTimelineEntry(bad).message,
                 QStringLiteral("A timeline entry needs a text."));
        const QString missing = newIncidentRecordId();
        bad = entry(missing, TimelineKind::Note, kNow, "x");
        const WriteResult r = store.addTimelineEntry(bad);
        QCOMPARE(r.outcome, WriteOutcome::NotFound);
        QCOMPARE(r.message,
                 QStringLiteral("There is no incident %1 in this incident store.").arg(missing));
        QCOMPARE(store.timeline(i.id).size(), 5);
        verifyIntact(store);
    }

    void statusUpdatesJoinTheTimeline()
    {
        IncidentStore store;
        openAt(store, "updates.db");
        const Incident i = incident();
        QVERIFY(store.createIncident(i, "dana").ok());
        StatusUpdate u;
        u.id = newIncidentRecordId();
        u.incidentId = i.id;
        u.atMs = kNow - 5 * kMinute;
        u.author = QStringLiteral("sam");
        u.status = IncidentStatus::Identified;
        u.text = QStringLiteral("We know the cause: a deploy in eu-west. Rolling back.");
        QCOMPARE(store.addStatusUpdate(u).outcome, WriteOutcome::Written);
        QCOMPARE(store.addStatusUpdate(u).outcome, WriteOutcome::AlreadyStored);
        const QVector<StatusUpdate> updates = store.statusUpdates(i.id);
        QCOMPARE(updates.size(), 1);
        QCOMPARE(updates[0].text, u.text);
        QCOMPARE(updates[0].status, IncidentStatus::Identified);
        QCOMPARE(updates[0].atMs, u.atMs);
        const QVector<TimelineEntry> entries = store.timeline(i.id, {{TimelineKind::StatusUpdate}});
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0].id, u.id);
        QCOMPARE(entries[0].text, u.text);
        QCOMPARE(entries[0].source, QStringLiteral("sam"));
        verifyIntact(store);
    }

    void postmortemSectionsHaveRevisions()
    {
        IncidentStore store;
        openAt(store, "postmortem.db");
        const Incident i = incident();
        QVERIFY(store.createIncident(i, "dana").ok());

        QVector<PostmortemSection> draft = store.postmortem(i.id);
        QCOMPARE(draft.size(), 10);
        QCOMPARE(draft[5].key, PostmortemSectionKey::RootCause);
        for (const PostmortemSection& s : draft) {
            QCOMPARE(s.revision, 0);
            QVERIFY(s.text.isEmpty());
        }

        PostmortemSave save = store.savePostmortemSection(i.id, PostmortemSectionKey::Summary,
                                                          "A deploy broke auth.", 0, "dana");
        QCOMPARE(save.result.outcome, WriteOutcome::Written);
        QCOMPARE(save.section.revision, 1);
        // Autosave of the same text: no new revision.
        save = store.savePostmortemSection(i.id, PostmortemSectionKey::Summary,
                                           "A deploy broke auth.", 1, "dana");
        QCOMPARE(save.result.outcome, WriteOutcome::AlreadyStored);
        QCOMPARE(save.section.revision, 1);

        // Two editors start from revision 1; the first save wins, the second is told.
        save = store.savePostmortemSection(i.id, PostmortemSectionKey::Summary,
                                           "A deploy of payments-gateway broke auth.", 1, "dana");
        QCOMPARE(save.result.revision, 2);
        save = store.savePostmortemSection(i.id, PostmortemSectionKey::Summary,
                                           "Auth failed in eu-west.", 1, "lee");
        QCOMPARE(save.result.outcome, WriteOutcome::Conflict);
        QCOMPARE(save.result.message,
                 QStringLiteral("Summary was saved by dana at 2024-03-05 15:00 UTC since you "
                                "started editing it (revision 2 is stored, you had 1): your text "
                                "was not saved."));
        QCOMPARE(save.section.text, QStringLiteral("A deploy of payments-gateway broke auth."));
        QCOMPARE(save.section.revision, 2);
        QCOMPARE(save.section.updatedBy, QStringLiteral("dana"));
        // Once lee has seen it, lee saves from revision 2.
        save = store.savePostmortemSection(i.id, PostmortemSectionKey::Summary,
                                           "Auth failed in eu-west after a deploy.", 2, "lee");
        QCOMPARE(save.result.outcome, WriteOutcome::Written);
        QCOMPARE(save.section.revision, 3);
        // Both typed the same: nothing to resolve.
        save = store.savePostmortemSection(i.id, PostmortemSectionKey::Summary,
                                           "Auth failed in eu-west after a deploy.", 2, "dana");
        QCOMPARE(save.result.outcome, WriteOutcome::AlreadyStored);
        QCOMPARE(save.section.revision, 3);

        QVERIFY(store
                    .savePostmortemSection(i.id, PostmortemSectionKey::GotLucky,
                                           "It happened at 3 am.", 0, "sam")
                    .result.ok());
        draft = store.postmortem(i.id);
        QCOMPARE(draft[0].text, QStringLiteral("Auth failed in eu-west after a deploy."));
        QCOMPARE(draft[0].revision, 3);
        QCOMPARE(draft[0].updatedBy, QStringLiteral("lee"));
        QCOMPARE(draft[0].updatedMs, kNow);
        QCOMPARE(draft[9].key, PostmortemSectionKey::GotLucky);
        QCOMPARE(draft[9].text, QStringLiteral("It happened at 3 am."));
        QCOMPARE(draft[1].revision, 0);

        save = store.savePostmortemSection(newIncidentRecordId(), PostmortemSectionKey::Impact, "x",
                                           0, "sam");
        QCOMPARE(save.result.outcome, WriteOutcome::NotFound);
        verifyIntact(store);
    }

    void actionItems()
    {
        IncidentStore store;
        openAt(store, "items.db");
        const Incident i = incident();
        const Incident other = incident("Tax vendor down");
        QVERIFY(store.createIncident(i, "dana").ok());
        QVERIFY(store.createIncident(other, "dana").ok());

        ActionItem canary;
        canary.id = newIncidentRecordId();
        canary.incidentId = i.id;
        canary.title = QStringLiteral("Canary payments-gateway per region");
        canary.owner = QStringLiteral("lee");
        canary.due = QDate(2024, 3, 29);
        canary.priority = ActionItemPriority::High;
        canary.type = ActionItemType::Prevent;
        ActionItem alert = canary;
        alert.id = newIncidentRecordId();
        alert.title = QStringLiteral("Page on auth success per region");
        alert.owner.clear();
        alert.due = QDate();
        alert.type = ActionItemType::Detect;
        alert.priority = ActionItemPriority::Medium;
        ActionItem failover = canary;
        failover.id = newIncidentRecordId();
        failover.incidentId = other.id;
        failover.title = QStringLiteral("Automatic tax vendor failover");
        failover.due = QDate(2024, 3, 15);
        failover.type = ActionItemType::Mitigate;
        for (const ActionItem& a : {canary, alert, failover}) {
            const WriteResult r = store.addActionItem(a);
            QVERIFY2(r.outcome == WriteOutcome::Written, qPrintable(r.message));
            QCOMPARE(r.revision, 1);
        }
        QCOMPARE(store.addActionItem(canary).outcome, WriteOutcome::AlreadyStored);

        QVector<ActionItem> items = store.actionItems(i.id);
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].title, canary.title);
        QCOMPARE(items[0].owner, QStringLiteral("lee"));
        QCOMPARE(items[0].due, QDate(2024, 3, 29));
        QCOMPARE(items[0].priority, ActionItemPriority::High);
        QCOMPARE(items[0].type, ActionItemType::Prevent);
        QCOMPARE(items[0].status, ActionItemStatus::Open);
        QCOMPARE(items[0].revision, 1);
        QCOMPARE(items[0].createdMs, kNow);
        QVERIFY(!items[1].due.isValid());
        QVERIFY(items[1].owner.isEmpty());

        auto openTitles = [&] {
            QStringList out;
            for (const ActionItem& a : store.openActionItems())
                out << a.title;
            return out;
        };
        QCOMPARE(openTitles(), (QStringList{failover.title, canary.title, alert.title}));

        ActionItem done = items[0];
        done.status = ActionItemStatus::Done;
        WriteResult r = store.updateActionItem(done);
        QCOMPARE(r.outcome, WriteOutcome::Written);
        QCOMPARE(r.revision, 2);
        QCOMPARE(openTitles(), (QStringList{failover.title, alert.title}));
        ActionItem stale = items[0];  // revision 1
        stale.owner = QStringLiteral("sam");
        r = store.updateActionItem(stale);
        QCOMPARE(r.outcome, WriteOutcome::Conflict);
        QCOMPARE(r.message, QStringLiteral("The action item \"Canary payments-gateway per "
                                           "region\" was changed since you loaded it (revision "
                                           "2 is stored, you had 1): nothing was saved."));
        ActionItem progress = items[1];
        progress.status = ActionItemStatus::InProgress;
        progress.owner = QStringLiteral("sam");
        progress.due = QDate(2024, 4, 1);
        QCOMPARE(store.updateActionItem(progress).outcome, WriteOutcome::Written);
        items = store.actionItems(i.id);
        QCOMPARE(items[1].status, ActionItemStatus::InProgress);
        QCOMPARE(items[1].owner, QStringLiteral("sam"));
        QCOMPARE(items[1].due, QDate(2024, 4, 1));
        QCOMPARE(items[0].status, ActionItemStatus::Done);

        ActionItem untitled = canary;
        untitled.id = newIncidentRecordId();
        untitled.title = QStringLiteral(" ");
        QCOMPARE(store.addActionItem(untitled).message,
                 QStringLiteral("An action item needs a title."));

        QCOMPARE(store.removeActionItem(alert.id).outcome, WriteOutcome::Written);
        QCOMPARE(store.removeActionItem(alert.id).outcome, WriteOutcome::NotFound);
        QCOMPARE(store.actionItems(i.id).size(), 1);
        QCOMPARE(store.actionItems(other.id).size(), 1);
        verifyIntact(store);
    }

    void everyKeyFitsTheSchema()
    {
        IncidentStore store;
        openAt(store, "keys.db");
        const Incident i = incident();
        QVERIFY(store.createIncident(i, "dana").ok());
        for (int k = 0; k <= int(TimelineKind::StatusUpdate); ++k) {
            const TimelineEntry e =
                entry(i.id, TimelineKind(k), kNow, timelineKindName(TimelineKind(k)));
            const WriteResult r = store.addTimelineEntry(e);
            QVERIFY2(r.outcome == WriteOutcome::Written, qPrintable(r.message));
            QCOMPARE(timelineKindFromKey(timelineKindKey(TimelineKind(k))), TimelineKind(k));
        }
        QCOMPARE(store.timeline(i.id).size(), 12);
        for (PostmortemSectionKey key : allPostmortemSections()) {
            QVERIFY(store.savePostmortemSection(i.id, key, postmortemSectionName(key), 0, "sam")
                        .result.ok());
            QCOMPARE(postmortemSectionFromKey(postmortemSectionKey(key)), key);
        }
        for (const PostmortemSection& s : store.postmortem(i.id))
            QCOMPARE(s.text, postmortemSectionName(s.key));
        for (int p = 0; p <= int(ActionItemPriority::Low); ++p)
            for (int t = 0; t <= int(ActionItemType::Mitigate); ++t)
                for (int s = 0; s <= int(ActionItemStatus::WontDo); ++s) {
                    ActionItem a;
                    a.id = newIncidentRecordId();
                    a.incidentId = i.id;
                    a.title = QStringLiteral("item");
                    a.priority = ActionItemPriority(p);
                    a.type = ActionItemType(t);
                    a.status = ActionItemStatus(s);
                    const WriteResult r = store.addActionItem(a);
                    QVERIFY2(r.ok(), qPrintable(r.message));
                }
        QCOMPARE(store.actionItems(i.id).size(), 3 * 3 * 4);
        Incident next = *store.incident(i.id);
        for (Severity s : {Severity::Sev1, Severity::Sev3, Severity::Sev4}) {
            next.severity = s;
            const WriteResult r = store.updateIncident(next, "dana");
            QVERIFY2(r.outcome == WriteOutcome::Written, qPrintable(r.message));
            next.revision = r.revision;
            QCOMPARE(store.incident(i.id)->severity, s);
        }
        next.milestones.mitigatedMs = kNow - kMinute;
        for (IncidentStatus s : {IncidentStatus::Identified, IncidentStatus::Mitigated}) {
            next.status = s;
            const WriteResult r = store.updateIncident(next, "dana");
            QVERIFY2(r.outcome == WriteOutcome::Written, qPrintable(r.message));
            next.revision = r.revision;
        }
        next.status = IncidentStatus::Resolved;
        next.milestones.resolvedMs = kNow;
        QVERIFY(store.updateIncident(next, "dana").ok());
        QCOMPARE(store.incident(i.id)->status, IncidentStatus::Resolved);
        QCOMPARE(severityFromKey(severityKey(Severity::Sev2)), Severity::Sev2);
        QCOMPARE(severityName(Severity::Sev4), QStringLiteral("SEV-4"));
        QCOMPARE(syncStateFromKey(QStringLiteral("synced")), SyncState::Synced);
        QVERIFY(!timelineKindFromKey(QStringLiteral("nonsense")));
        verifyIntact(store);
    }

    void twoConsolesShareAFile()
    {
        IncidentStore a;
        IncidentStore b;
        openAt(a, "shared.db");
        openAt(b, "shared.db");
        const Incident i = incident();
        QVERIFY(a.createIncident(i, "dana").ok());
        QVERIFY(b.addTimelineEntry(entry(i.id, TimelineKind::Note, kNow, "from b")).ok());
        QCOMPARE(a.timeline(i.id).size(), 2);
        QVERIFY(a.savePostmortemSection(i.id, PostmortemSectionKey::Impact, "a", 0, "dana")
                    .result.ok());
        QCOMPARE(b.savePostmortemSection(i.id, PostmortemSectionKey::Impact, "b", 0, "lee")
                     .result.outcome,
                 WriteOutcome::Conflict);
        verifyIntact(b);
    }

    // Run as a child process by draftSurvivesACrash: saves, then dies without
    // closing anything.
    void crashAfterSaving()
    {
        const QString p = qEnvironmentVariable(kCrashEnv);
        if (p.isEmpty())
            QSKIP("runs only as the child process of draftSurvivesACrash");
        // As a crash would: no destructors, no close, no checkpoint (only this
        // process's own, empty, temporary directory is tidied first).
        auto die = [this](int code) {
            dir_.remove();
            std::_Exit(code);
        };
        IncidentStore store;
        store.setClock([] { return kNow; });
        QString error;
        if (!store.open(p, &error))
            die(2);
        Incident i = incident();
        i.id = QStringLiteral("3b0c8c47-5d7e-4c5a-9d0e-2f7a4b1c6d8e");
        if (!store.createIncident(i, "dana").ok())
            die(3);
        for (int n = 1; n <= 20; ++n)
            if (!store
                     .savePostmortemSection(i.id, PostmortemSectionKey::Response,
                                            QStringLiteral("draft %1").arg(n), n - 1, "dana")
                     .result.ok())
                die(4);
        die(42);
    }

    void draftSurvivesACrash()
    {
        const QString p = path("crash.db");
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kCrashEnv), p);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {"crashAfterSaving"});
        QVERIFY(child.waitForFinished(60'000));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 42);
        QVERIFY(QFile::exists(p + "-wal"));  // never checkpointed

        IncidentStore store;
        openAt(store, "crash.db");
        const QVector<PostmortemSection> draft =
            store.postmortem("3b0c8c47-5d7e-4c5a-9d0e-2f7a4b1c6d8e");
        QCOMPARE(draft[3].key, PostmortemSectionKey::Response);
        QCOMPARE(draft[3].text, QStringLiteral("draft 20"));
        QCOMPARE(draft[3].revision, 20);
        verifyIntact(store);
    }
};

QTEST_GUILESS_MAIN(TestIncidentStore)
#include "tst_incident_store.moc"
