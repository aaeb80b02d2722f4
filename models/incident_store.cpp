#include "incident_store.h"

#include "incident_milestones.h"
#include "incident_schema.h"
#include "incident_sql.h"
#include "redaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUuid>

namespace wf {

using namespace incident_sql;

namespace incident_sql {

std::optional<QString> normalizedId(const QString& id)
{
    const QUuid uuid = QUuid::fromString(id.trimmed());
    if (uuid.isNull())
        return std::nullopt;
    return uuid.toString(QUuid::WithoutBraces);
}

QString utcText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-dd HH:mm")) +
           QStringLiteral(" UTC");
}

bool incidentExists(const QSqlDatabase& db, const QString& incidentId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM incidents WHERE id = ?"));
    q.addBindValue(incidentId);
    return q.exec() && q.next();
}

const QString kIncidentColumns = QStringLiteral(
    "id, severity, title, journeys, regions, commander, communications_lead, scribe, status,"
    " started_ms, detected_ms, acknowledged_ms, mitigated_ms, resolved_ms, declared_ms,"
    " updated_ms, revision, sync_state");

const QString kTimelineColumns =
    QStringLiteral("id, incident_id, kind, source, at_ms, text, outcome, pinned, sync_state");

QString toJson(const QStringList& list)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList fromJson(const QString& json)
{
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(json.toUtf8()).array())
        out.append(v.toString());
    return out;
}

Incident readIncident(const QSqlQuery& q)
{
    Incident i;
    i.id = q.value(0).toString();
    i.severity = severityFromKey(q.value(1).toString()).value_or(Severity::Sev3);
    i.title = q.value(2).toString();
    i.journeys = fromJson(q.value(3).toString());
    i.regions = fromJson(q.value(4).toString());
    i.roles = {q.value(5).toString(), q.value(6).toString(), q.value(7).toString()};
    i.status = incidentStatusFromKey(q.value(8).toString()).value_or(IncidentStatus::Investigating);
    i.milestones = {optionalMs(q, 9), optionalMs(q, 10), optionalMs(q, 11), optionalMs(q, 12),
                    optionalMs(q, 13)};
    i.declaredMs = q.value(14).toLongLong();
    i.updatedMs = q.value(15).toLongLong();
    i.revision = q.value(16).toLongLong();
    i.sync = syncStateFromKey(q.value(17).toString()).value_or(SyncState::LocalOnly);
    return i;
}

TimelineEntry readEntry(const QSqlQuery& q)
{
    TimelineEntry e;
    e.id = q.value(0).toString();
    e.incidentId = q.value(1).toString();
    e.kind = timelineKindFromKey(q.value(2).toString()).value_or(TimelineKind::Note);
    e.source = q.value(3).toString();
    e.atMs = q.value(4).toLongLong();
    e.text = q.value(5).toString();
    e.outcome = q.value(6).toString();
    e.pinned = q.value(7).toBool();
    e.sync = syncStateFromKey(q.value(8).toString()).value_or(SyncState::LocalOnly);
    return e;
}

QString insertEntrySql()
{
    return QStringLiteral("INSERT INTO timeline_entries (") + kTimelineColumns +
           QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
}

// Inserts an entry whose id is already normalised and whose text is clean.
bool insertEntry(QSqlQuery& q, const TimelineEntry& e)
{
    q.prepare(insertEntrySql());
    bindAll(q, {e.id, e.incidentId, timelineKindKey(e.kind), text(e.source), e.atMs, text(e.text),
                text(e.outcome), int(e.pinned), syncStateKey(e.sync)});
    return q.exec();
}

}  // namespace incident_sql

namespace {

// The incident's own fields with text redacted, or why it cannot be stored.
QString cleanIncident(Incident* i, qint64 nowMs)
{
    i->title = redactSecrets(i->title.trimmed());
    i->roles = {redactSecrets(i->roles.commander.trimmed()),
                redactSecrets(i->roles.communicationsLead.trimmed()),
                redactSecrets(i->roles.scribe.trimmed())};
    if (i->title.isEmpty())
        return QStringLiteral("An incident needs a title.");
    const QString milestones = validateMilestones(i->milestones, nowMs);
    if (!milestones.isEmpty())
        return milestones;
    if (i->status == IncidentStatus::Mitigated && !i->milestones.mitigatedMs)
        return QStringLiteral("The status is Mitigated but no Mitigated time is set.");
    if (i->status == IncidentStatus::Resolved && !i->milestones.resolvedMs)
        return QStringLiteral("The status is Resolved but no Resolved time is set.");
    if (i->status != IncidentStatus::Resolved && i->milestones.resolvedMs)
        return QStringLiteral(
                   "A Resolved time is set but the status is %1: clear the Resolved time to "
                   "reopen the incident.")
            .arg(incidentStatusName(i->status));
    return {};
}

TimelineEntry storeEntry(const QString& incidentId, TimelineKind kind, const QString& source,
                         qint64 atMs, const QString& text)
{
    TimelineEntry e;
    e.id = newIncidentRecordId();
    e.incidentId = incidentId;
    e.kind = kind;
    e.source = source;
    e.atMs = atMs;
    e.text = text;
    return e;
}

QString declarationText(const Incident& i)
{
    QString out = QStringLiteral("Declared %1: %2.").arg(severityName(i.severity), i.title);
    if (!i.journeys.isEmpty())
        out += QStringLiteral(" Journeys: %1.").arg(i.journeys.join(QStringLiteral(", ")));
    if (!i.regions.isEmpty())
        out += QStringLiteral(" Regions: %1.").arg(i.regions.join(QStringLiteral(", ")));
    return out;
}

QString roleChangeText(IncidentRole role, const QString& from, const QString& to)
{
    const QString name = incidentRoleName(role);
    if (from.isEmpty())
        return QStringLiteral("%1 is now %2.").arg(to, name.toLower());
    if (to.isEmpty())
        return QStringLiteral("%1 is no longer %2; the role is unassigned.")
            .arg(from, name.toLower());
    return QStringLiteral("%1 handed over from %2 to %3.").arg(name, from, to);
}

// The entries the store writes for an update, at `atMs`.
QVector<TimelineEntry> changeEntries(const Incident& before, const Incident& after,
                                     const QString& source, qint64 atMs)
{
    QVector<TimelineEntry> out;
    if (before.severity != after.severity)
        out.append(
            storeEntry(after.id, TimelineKind::SeverityChange, source, atMs,
                       QStringLiteral("Severity changed from %1 to %2.")
                           .arg(severityName(before.severity), severityName(after.severity))));
    if (before.status != after.status)
        out.append(storeEntry(
            after.id, TimelineKind::StatusChange, source, atMs,
            QStringLiteral("Status changed from %1 to %2.")
                .arg(incidentStatusName(before.status), incidentStatusName(after.status))));
    QStringList amended;
    if (before.title != after.title)
        amended << QStringLiteral("title \"%1\"").arg(after.title);
    const auto named = [](const QStringList& names) {
        return names.isEmpty() ? QStringLiteral("all") : names.join(QStringLiteral(", "));
    };
    if (before.journeys != after.journeys)
        amended << QStringLiteral("journeys %1").arg(named(after.journeys));
    if (before.regions != after.regions)
        amended << QStringLiteral("regions %1").arg(named(after.regions));
    if (!amended.isEmpty())
        out.append(storeEntry(
            after.id, TimelineKind::Declaration, source, atMs,
            QStringLiteral("Declaration amended: %1.").arg(amended.join(QStringLiteral("; ")))));
    for (IncidentRole role :
         {IncidentRole::Commander, IncidentRole::CommunicationsLead, IncidentRole::Scribe}) {
        const QString from = before.roles.holder(role);
        const QString to = after.roles.holder(role);
        if (from != to)
            out.append(storeEntry(after.id, TimelineKind::RoleChange, source, atMs,
                                  roleChangeText(role, from, to)));
    }
    return out;
}

bool sameStoredFields(const Incident& a, const Incident& b)
{
    return a.severity == b.severity && a.title == b.title && a.journeys == b.journeys &&
           a.regions == b.regions && a.roles == b.roles && a.status == b.status &&
           a.milestones == b.milestones;
}

// Opens, configures and migrates the connection; nothing of it is held
// afterwards, so the caller can remove the connection when this fails.
bool openConnection(const QString& connection, const QString& path, QString* error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    // Wait for another connection's write (another console, a save in
    // flight) from the very first statement on.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    if (!db.open()) {
        if (error)
            *error = QStringLiteral("Cannot open the incident store %1: %2")
                         .arg(path, db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
        if (error)
            *error = QStringLiteral("Cannot read the incident store %1: %2")
                         .arg(path, q.lastError().text());
        return false;
    }
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    q.finish();
    return migrateIncidentSchema(db, path, error);
}

}  // namespace

IncidentStore::IncidentStore()
    : connection_(QStringLiteral("incidents-") +
                  QUuid::createUuid().toString(QUuid::WithoutBraces)),
      clock_([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

IncidentStore::~IncidentStore()
{
    close();
}

bool IncidentStore::open(const QString& path, QString* error)
{
    close();
    path_ = path;
    if (!openConnection(connection_, path, error)) {
        close();
        return false;
    }
    return true;
}

void IncidentStore::close()
{
    if (QSqlDatabase::contains(connection_)) {
        QSqlDatabase::database(connection_, false).close();
        QSqlDatabase::removeDatabase(connection_);
    }
}

bool IncidentStore::isOpen() const
{
    return QSqlDatabase::contains(connection_) &&
           QSqlDatabase::database(connection_, false).isOpen();
}

void IncidentStore::setClock(std::function<qint64()> clock)
{
    clock_ = std::move(clock);
}

qint64 IncidentStore::now() const
{
    return clock_();
}

WriteResult IncidentStore::createIncident(const Incident& incident, const QString& source)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    Incident i = incident;
    const std::optional<QString> id = normalizedId(i.id);
    if (!id)
        return result(WriteOutcome::Invalid,
                      QStringLiteral("An incident needs an id (a UUID made when it is declared)."));
    i.id = *id;
    const qint64 nowMs = now();
    if (i.declaredMs == 0)
        i.declaredMs = nowMs;
    if (i.declaredMs > nowMs + kMilestoneFutureToleranceMs)
        return result(WriteOutcome::Invalid,
                      QStringLiteral("The declaration time (%1) is in the future (now %2).")
                          .arg(utcText(i.declaredMs), utcText(nowMs)));
    const QString problem = cleanIncident(&i, nowMs);
    if (!problem.isEmpty())
        return result(WriteOutcome::Invalid, problem);

    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = QStringLiteral("Cannot save the incident");
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO incidents (") + kIncidentColumns +
              QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"
                             " ON CONFLICT (id) DO NOTHING"));
    const Milestones& m = i.milestones;
    bindAll(q, {i.id, severityKey(i.severity), i.title, toJson(i.journeys), toJson(i.regions),
                text(i.roles.commander), text(i.roles.communicationsLead), text(i.roles.scribe),
                incidentStatusKey(i.status), optionalMs(m.startedMs), optionalMs(m.detectedMs),
                optionalMs(m.acknowledgedMs), optionalMs(m.mitigatedMs), optionalMs(m.resolvedMs),
                i.declaredMs, nowMs, syncStateKey(i.sync)});
    if (!q.exec())
        return failed(what, q);
    if (q.numRowsAffected() == 0) {
        q.finish();
        tx.commit();
        return result(WriteOutcome::AlreadyStored, {}, this->incident(i.id).value_or(i).revision);
    }
    // Named after the incident, so declaring it again cannot add a second one.
    TimelineEntry declaration = storeEntry(i.id, TimelineKind::Declaration, redactSecrets(source),
                                           i.declaredMs, declarationText(i));
    declaration.id = QUuid::createUuidV5(QUuid::fromString(i.id), QStringLiteral("declaration"))
                         .toString(QUuid::WithoutBraces);
    declaration.sync = i.sync;
    if (!insertEntry(q, declaration))
        return failed(what, q);
    if (!tx.commit())
        return failed(what, tx.query());
    return result(WriteOutcome::Written, {}, 1);
}

WriteResult IncidentStore::updateIncident(const Incident& incident, const QString& source)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    Incident i = incident;
    const std::optional<QString> id = normalizedId(i.id);
    if (!id)
        return result(WriteOutcome::NotFound, noIncident(i.id));
    i.id = *id;
    const qint64 nowMs = now();
    const QString problem = cleanIncident(&i, nowMs);
    if (!problem.isEmpty())
        return result(WriteOutcome::Invalid, problem);

    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = QStringLiteral("Cannot save the incident");
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT ") + kIncidentColumns +
              QStringLiteral(" FROM incidents WHERE id = ?"));
    q.addBindValue(i.id);
    if (!q.exec())
        return failed(what, q);
    if (!q.next())
        return result(WriteOutcome::NotFound, noIncident(i.id));
    const Incident stored = readIncident(q);
    q.finish();
    if (stored.revision != i.revision)
        return result(WriteOutcome::Conflict,
                      QStringLiteral("The incident was changed since you loaded it (revision %1 "
                                     "is stored, you had %2): nothing was saved. Load it again "
                                     "and redo the change.")
                          .arg(stored.revision)
                          .arg(i.revision),
                      stored.revision);
    if (sameStoredFields(stored, i))
        return result(WriteOutcome::AlreadyStored, {}, stored.revision);

    q.prepare(QStringLiteral(
        "UPDATE incidents SET severity = ?, title = ?, journeys = ?, regions = ?, commander = ?,"
        " communications_lead = ?, scribe = ?, status = ?, started_ms = ?, detected_ms = ?,"
        " acknowledged_ms = ?, mitigated_ms = ?, resolved_ms = ?, updated_ms = ?,"
        " revision = revision + 1, sync_state = 'local' WHERE id = ? AND revision = ?"));
    const Milestones& m = i.milestones;
    bindAll(q, {severityKey(i.severity), i.title, toJson(i.journeys), toJson(i.regions),
                text(i.roles.commander), text(i.roles.communicationsLead), text(i.roles.scribe),
                incidentStatusKey(i.status), optionalMs(m.startedMs), optionalMs(m.detectedMs),
                optionalMs(m.acknowledgedMs), optionalMs(m.mitigatedMs), optionalMs(m.resolvedMs),
                nowMs, i.id, stored.revision});
    if (!q.exec())
        return failed(what, q);
    for (const TimelineEntry& e : changeEntries(stored, i, redactSecrets(source), nowMs))
        if (!insertEntry(q, e))
            return failed(what, q);
    if (!tx.commit())
        return failed(what, tx.query());
    return result(WriteOutcome::Written, {}, stored.revision + 1);
}

std::optional<Incident> IncidentStore::incident(const QString& id, QString* error) const
{
    if (error)
        error->clear();
    if (!isOpen()) {
        if (error)
            *error = notOpen();
        return std::nullopt;
    }
    const std::optional<QString> normalized = normalizedId(id);
    if (!normalized)
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("SELECT ") + kIncidentColumns +
              QStringLiteral(" FROM incidents WHERE id = ?"));
    q.addBindValue(*normalized);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the incident: %1").arg(q.lastError().text());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return readIncident(q);
}

QVector<Incident> IncidentStore::listIncidents(const IncidentFilter& filter, QString* error) const
{
    if (error)
        error->clear();
    QVector<Incident> out;
    if (!isOpen()) {
        if (error)
            *error = notOpen();
        return out;
    }
    QStringList where;
    QVariantList values;
    if (filter.openOnly)
        where << QStringLiteral("status <> 'resolved'");
    if (!filter.severities.isEmpty()) {
        QStringList marks;
        for (Severity s : filter.severities) {
            marks << QStringLiteral("?");
            values << severityKey(s);
        }
        where << QStringLiteral("severity IN (%1)").arg(marks.join(QStringLiteral(", ")));
    }
    if (filter.declaredFromMs != 0) {
        where << QStringLiteral("declared_ms >= ?");
        values << filter.declaredFromMs;
    }
    if (filter.declaredBeforeMs != 0) {
        where << QStringLiteral("declared_ms < ?");
        values << filter.declaredBeforeMs;
    }
    QString sql = QStringLiteral("SELECT ") + kIncidentColumns + QStringLiteral(" FROM incidents");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY declared_ms DESC, rowid DESC");
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(sql);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the incidents: %1").arg(q.lastError().text());
        return out;
    }
    while (q.next())
        out.append(readIncident(q));
    return out;
}

WriteResult IncidentStore::addTimelineEntry(const TimelineEntry& entry)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    TimelineEntry e = entry;
    const std::optional<QString> id = normalizedId(e.id);
    if (!id)
        return result(WriteOutcome::Invalid,
                      QStringLiteral("A timeline entry needs an id (a UUID made when it is "
                                     "written, kept for retries)."));
    e.id = *id;
    const std::optional<QString> incidentId = normalizedId(e.incidentId);
    if (!incidentId)
        return result(WriteOutcome::NotFound, noIncident(e.incidentId));
    e.incidentId = *incidentId;
    e.source = redactSecrets(e.source.trimmed());
    e.text = redactSecrets(e.text);
    e.outcome = redactSecrets(e.outcome.trimmed());
    if (e.text.trimmed().isEmpty())
        return result(WriteOutcome::Invalid, QStringLiteral("A timeline entry needs a text."));
    if (e.atMs <= 0)
        return result(WriteOutcome::Invalid, QStringLiteral("A timeline entry needs a time."));

    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = QStringLiteral("Cannot add to the timeline");
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    if (!incidentExists(db, e.incidentId))
        return result(WriteOutcome::NotFound, noIncident(e.incidentId));
    QSqlQuery q(db);
    if (!insertEntry(q, e))
        return failed(what, q);
    const bool inserted = q.numRowsAffected() > 0;
    if (!tx.commit())
        return failed(what, tx.query());
    return result(inserted ? WriteOutcome::Written : WriteOutcome::AlreadyStored);
}

QVector<TimelineEntry> IncidentStore::timeline(const QString& incidentId,
                                               const TimelineFilter& filter, QString* error) const
{
    if (error)
        error->clear();
    QVector<TimelineEntry> out;
    if (!isOpen()) {
        if (error)
            *error = notOpen();
        return out;
    }
    const std::optional<QString> id = normalizedId(incidentId);
    if (!id)
        return out;
    QString sql = QStringLiteral("SELECT ") + kTimelineColumns +
                  QStringLiteral(" FROM timeline_entries WHERE incident_id = ?");
    QVariantList values{*id};
    if (!filter.kinds.isEmpty()) {
        QStringList marks;
        for (TimelineKind k : filter.kinds) {
            marks << QStringLiteral("?");
            values << timelineKindKey(k);
        }
        sql += QStringLiteral(" AND kind IN (%1)").arg(marks.join(QStringLiteral(", ")));
    }
    if (filter.pinnedOnly)
        sql += QStringLiteral(" AND pinned = 1");
    sql += QStringLiteral(" ORDER BY at_ms, rowid");
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(sql);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the timeline: %1").arg(q.lastError().text());
        return out;
    }
    while (q.next())
        out.append(readEntry(q));
    return out;
}

WriteResult IncidentStore::setPinned(const QString& entryId, bool pinned)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    const QString noEntry =
        QStringLiteral("There is no timeline entry %1 in this incident store.").arg(entryId);
    const std::optional<QString> id = normalizedId(entryId);
    if (!id)
        return result(WriteOutcome::NotFound, noEntry);
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    // A changed pin is a change to share again (the old values are read).
    q.prepare(
        QStringLiteral("UPDATE timeline_entries SET sync_state = CASE WHEN pinned <> ? THEN 'local'"
                       " ELSE sync_state END, pinned = ? WHERE id = ?"));
    bindAll(q, {int(pinned), int(pinned), *id});
    if (!q.exec())
        return failed(QStringLiteral("Cannot pin the timeline entry"), q);
    if (q.numRowsAffected() == 0)
        return result(WriteOutcome::NotFound, noEntry);
    return result(WriteOutcome::Written);
}

WriteResult IncidentStore::setSyncState(const QString& entryId, SyncState state)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    const QString noEntry =
        QStringLiteral("There is no timeline entry %1 in this incident store.").arg(entryId);
    const std::optional<QString> id = normalizedId(entryId);
    if (!id)
        return result(WriteOutcome::NotFound, noEntry);
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("UPDATE timeline_entries SET sync_state = ? WHERE id = ?"));
    bindAll(q, {syncStateKey(state), *id});
    if (!q.exec())
        return failed(QStringLiteral("Cannot mark the timeline entry"), q);
    if (q.numRowsAffected() == 0)
        return result(WriteOutcome::NotFound, noEntry);
    return result(WriteOutcome::Written);
}

WriteResult IncidentStore::addStatusUpdate(const StatusUpdate& update)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    StatusUpdate u = update;
    const std::optional<QString> id = normalizedId(u.id);
    if (!id)
        return result(WriteOutcome::Invalid,
                      QStringLiteral("A status update needs an id (a UUID made when it is "
                                     "written, kept for retries)."));
    u.id = *id;
    const std::optional<QString> incidentId = normalizedId(u.incidentId);
    if (!incidentId)
        return result(WriteOutcome::NotFound, noIncident(u.incidentId));
    u.incidentId = *incidentId;
    u.author = redactSecrets(u.author.trimmed());
    u.text = redactSecrets(u.text);
    if (u.text.trimmed().isEmpty())
        return result(WriteOutcome::Invalid, QStringLiteral("A status update needs a text."));
    if (u.atMs <= 0)
        return result(WriteOutcome::Invalid, QStringLiteral("A status update needs a time."));

    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = QStringLiteral("Cannot save the status update");
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    if (!incidentExists(db, u.incidentId))
        return result(WriteOutcome::NotFound, noIncident(u.incidentId));
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO status_updates (id, incident_id, at_ms, author, status,"
                       " text, sync_state) VALUES (?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (id) DO NOTHING"));
    bindAll(q, {u.id, u.incidentId, u.atMs, text(u.author), incidentStatusKey(u.status), u.text,
                syncStateKey(u.sync)});
    if (!q.exec())
        return failed(what, q);
    if (q.numRowsAffected() == 0) {
        tx.commit();
        return result(WriteOutcome::AlreadyStored);
    }
    TimelineEntry e =
        storeEntry(u.incidentId, TimelineKind::StatusUpdate, u.author, u.atMs, u.text);
    e.id = u.id;
    e.sync = u.sync;
    if (!insertEntry(q, e))
        return failed(what, q);
    if (!tx.commit())
        return failed(what, tx.query());
    return result(WriteOutcome::Written);
}

QVector<StatusUpdate> IncidentStore::statusUpdates(const QString& incidentId, QString* error) const
{
    if (error)
        error->clear();
    QVector<StatusUpdate> out;
    if (!isOpen()) {
        if (error)
            *error = notOpen();
        return out;
    }
    const std::optional<QString> id = normalizedId(incidentId);
    if (!id)
        return out;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(
        QStringLiteral("SELECT id, incident_id, at_ms, author, status, text, sync_state"
                       " FROM status_updates WHERE incident_id = ? ORDER BY at_ms, rowid"));
    q.addBindValue(*id);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the status updates: %1").arg(q.lastError().text());
        return out;
    }
    while (q.next()) {
        StatusUpdate u;
        u.id = q.value(0).toString();
        u.incidentId = q.value(1).toString();
        u.atMs = q.value(2).toLongLong();
        u.author = q.value(3).toString();
        u.status =
            incidentStatusFromKey(q.value(4).toString()).value_or(IncidentStatus::Investigating);
        u.text = q.value(5).toString();
        u.sync = syncStateFromKey(q.value(6).toString()).value_or(SyncState::LocalOnly);
        out.append(u);
    }
    return out;
}

bool IncidentStore::checkIntegrity(QString* error) const
{
    if (!isOpen()) {
        if (error)
            *error = notOpen();
        return false;
    }
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    if (!q.exec(QStringLiteral("PRAGMA integrity_check"))) {
        if (error)
            *error =
                QStringLiteral("Cannot check the incident store: %1").arg(q.lastError().text());
        return false;
    }
    QStringList problems;
    while (q.next())
        problems.append(q.value(0).toString());
    if (problems != QStringList{QStringLiteral("ok")}) {
        if (error)
            *error = problems.join('\n');
        return false;
    }
    if (!q.exec(QStringLiteral("PRAGMA foreign_key_check"))) {
        if (error)
            *error =
                QStringLiteral("Cannot check the incident store: %1").arg(q.lastError().text());
        return false;
    }
    problems.clear();
    while (q.next())
        problems.append(
            QStringLiteral("%1 row %2 refers to a missing %3 row")
                .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString()));
    if (!problems.isEmpty()) {
        if (error)
            *error = problems.join('\n');
        return false;
    }
    return true;
}

}  // namespace wf
