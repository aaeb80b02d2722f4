// IncidentStore: what the shared-incident sync needs. Records from the
// platform, what is not sent yet, and the sync records.
#include "incident_sql.h"
#include "incident_store.h"
#include "redaction.h"

namespace wf {

using namespace incident_sql;

namespace {

QString kindKey(SyncRecordKind k)
{
    switch (k) {
        case SyncRecordKind::Incident: return QStringLiteral("incident");
        case SyncRecordKind::Section: return QStringLiteral("section");
        case SyncRecordKind::Item: return QStringLiteral("item");
    }
    return QStringLiteral("incident");
}

QString notSynced(const QString& what)
{
    return QStringLiteral("Cannot store the platform's %1").arg(what);
}

}  // namespace

WriteResult IncidentStore::applyRemoteIncident(const Incident& remote, SyncState state)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    const std::optional<QString> id = normalizedId(remote.id);
    if (!id || remote.title.trimmed().isEmpty())
        return result(WriteOutcome::Invalid,
                      QStringLiteral("The platform sent an incident without an id or title."));
    Incident i = remote;
    i.id = *id;
    i.title = redactSecrets(i.title.trimmed());
    i.roles = {redactSecrets(i.roles.commander), redactSecrets(i.roles.communicationsLead),
               redactSecrets(i.roles.scribe)};
    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = notSynced(QStringLiteral("incident"));
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    QSqlQuery q(db);
    const Milestones& m = i.milestones;
    q.prepare(QStringLiteral("INSERT INTO incidents (") + kIncidentColumns +
              QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"
                             " ON CONFLICT (id) DO UPDATE SET severity = excluded.severity,"
                             " title = excluded.title, journeys = excluded.journeys,"
                             " regions = excluded.regions, commander = excluded.commander,"
                             " communications_lead = excluded.communications_lead,"
                             " scribe = excluded.scribe, status = excluded.status,"
                             " started_ms = excluded.started_ms,"
                             " detected_ms = excluded.detected_ms,"
                             " acknowledged_ms = excluded.acknowledged_ms,"
                             " mitigated_ms = excluded.mitigated_ms,"
                             " resolved_ms = excluded.resolved_ms,"
                             " updated_ms = excluded.updated_ms, revision = revision + 1,"
                             " sync_state = excluded.sync_state"));
    bindAll(q, {i.id, severityKey(i.severity), i.title, toJson(i.journeys), toJson(i.regions),
                text(i.roles.commander), text(i.roles.communicationsLead), text(i.roles.scribe),
                incidentStatusKey(i.status), optionalMs(m.startedMs), optionalMs(m.detectedMs),
                optionalMs(m.acknowledgedMs), optionalMs(m.mitigatedMs), optionalMs(m.resolvedMs),
                i.declaredMs > 0 ? i.declaredMs : now(), i.updatedMs > 0 ? i.updatedMs : now(),
                syncStateKey(state)});
    if (!q.exec())
        return failed(what, q);
    if (!tx.commit())
        return failed(what, tx.query());
    return result(WriteOutcome::Written);
}

WriteResult IncidentStore::applyRemoteEntry(const TimelineEntry& remote)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    TimelineEntry e = remote;
    const std::optional<QString> id = normalizedId(e.id);
    const std::optional<QString> incidentId = normalizedId(e.incidentId);
    if (!id || !incidentId || e.text.trimmed().isEmpty())
        return result(WriteOutcome::Invalid,
                      QStringLiteral("The platform sent a timeline entry without an id, "
                                     "incident or text."));
    e.id = *id;
    e.incidentId = *incidentId;
    e.source = redactSecrets(e.source);
    e.text = redactSecrets(e.text);
    e.outcome = redactSecrets(e.outcome);
    e.sync = SyncState::Synced;
    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = notSynced(QStringLiteral("timeline entry"));
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    if (!incidentExists(db, e.incidentId))
        return result(WriteOutcome::NotFound, noIncident(e.incidentId));
    QSqlQuery q(db);
    if (!insertEntry(q, e))
        return failed(what, q);
    bool changed = q.numRowsAffected() > 0;
    if (!changed) {
        q.prepare(
            QStringLiteral("UPDATE timeline_entries SET pinned = ?"
                           " WHERE id = ? AND sync_state = 'synced' AND pinned <> ?"));
        bindAll(q, {int(e.pinned), e.id, int(e.pinned)});
        if (!q.exec())
            return failed(what, q);
        changed = q.numRowsAffected() > 0;
    }
    if (!tx.commit())
        return failed(what, tx.query());
    return result(changed ? WriteOutcome::Written : WriteOutcome::AlreadyStored);
}

WriteResult IncidentStore::applyRemoteStatusUpdate(const StatusUpdate& remote)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    StatusUpdate u = remote;
    const std::optional<QString> id = normalizedId(u.id);
    const std::optional<QString> incidentId = normalizedId(u.incidentId);
    if (!id || !incidentId || u.text.trimmed().isEmpty())
        return result(WriteOutcome::Invalid,
                      QStringLiteral("The platform sent a status update without an id, "
                                     "incident or text."));
    u.id = *id;
    u.incidentId = *incidentId;
    u.author = redactSecrets(u.author);
    u.text = redactSecrets(u.text);
    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = notSynced(QStringLiteral("status update"));
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    if (!incidentExists(db, u.incidentId))
        return result(WriteOutcome::NotFound, noIncident(u.incidentId));
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO status_updates (id, incident_id, at_ms, author, status,"
                       " text, sync_state) VALUES (?, ?, ?, ?, ?, ?, 'synced')"
                       " ON CONFLICT (id) DO NOTHING"));
    bindAll(q, {u.id, u.incidentId, u.atMs, text(u.author), incidentStatusKey(u.status), u.text});
    if (!q.exec())
        return failed(what, q);
    const bool inserted = q.numRowsAffected() > 0;
    TimelineEntry e;
    e.id = u.id;
    e.incidentId = u.incidentId;
    e.kind = TimelineKind::StatusUpdate;
    e.source = u.author;
    e.atMs = u.atMs;
    e.text = u.text;
    e.sync = SyncState::Synced;
    if (!insertEntry(q, e))
        return failed(what, q);
    if (!tx.commit())
        return failed(what, tx.query());
    return result(inserted ? WriteOutcome::Written : WriteOutcome::AlreadyStored);
}

WriteResult IncidentStore::applyRemoteSection(const PostmortemSection& remote)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    const std::optional<QString> incidentId = normalizedId(remote.incidentId);
    if (!incidentId)
        return result(WriteOutcome::Invalid,
                      QStringLiteral("The platform sent a postmortem section without an "
                                     "incident."));
    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = notSynced(QStringLiteral("postmortem section"));
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    if (!incidentExists(db, *incidentId))
        return result(WriteOutcome::NotFound, noIncident(*incidentId));
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO postmortem_sections (incident_id, section, text, revision, updated_ms,"
        " updated_by) VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (incident_id, section) DO UPDATE"
        " SET text = excluded.text, revision = revision + 1, updated_ms = excluded.updated_ms,"
        " updated_by = excluded.updated_by WHERE text <> excluded.text"));
    bindAll(q, {*incidentId, postmortemSectionKey(remote.key), redactSecrets(remote.text),
                remote.updatedMs > 0 ? remote.updatedMs : now(), text(remote.updatedBy)});
    if (!q.exec())
        return failed(what, q);
    const bool changed = q.numRowsAffected() > 0;
    if (!tx.commit())
        return failed(what, tx.query());
    return result(changed ? WriteOutcome::Written : WriteOutcome::AlreadyStored);
}

WriteResult IncidentStore::applyRemoteActionItem(const ActionItem& remote, bool deleted)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    const std::optional<QString> id = normalizedId(remote.id);
    const std::optional<QString> incidentId = normalizedId(remote.incidentId);
    if (!id || !incidentId || (!deleted && remote.title.trimmed().isEmpty()))
        return result(WriteOutcome::Invalid,
                      QStringLiteral("The platform sent an action item without an id, "
                                     "incident or title."));
    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = notSynced(QStringLiteral("action item"));
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    if (!incidentExists(db, *incidentId))
        return result(WriteOutcome::NotFound, noIncident(*incidentId));
    QSqlQuery q(db);
    if (deleted) {
        q.prepare(QStringLiteral("DELETE FROM action_items WHERE id = ?"));
        q.addBindValue(*id);
    } else {
        const qint64 created = remote.createdMs > 0 ? remote.createdMs : now();
        q.prepare(QStringLiteral("INSERT INTO action_items (") + kItemColumns +
                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
                                 " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                                 " owner = excluded.owner, due_date = excluded.due_date,"
                                 " priority = excluded.priority, type = excluded.type,"
                                 " status = excluded.status, updated_ms = excluded.updated_ms,"
                                 " revision = revision + 1"));
        bindAll(q, {*id, *incidentId, redactSecrets(remote.title.trimmed()),
                    text(redactSecrets(remote.owner)), dueDate(remote.due),
                    actionItemPriorityKey(remote.priority), actionItemTypeKey(remote.type),
                    actionItemStatusKey(remote.status), created,
                    remote.updatedMs > 0 ? remote.updatedMs : created});
    }
    if (!q.exec())
        return failed(what, q);
    const bool changed = q.numRowsAffected() > 0;
    if (!tx.commit())
        return failed(what, tx.query());
    return result(changed ? WriteOutcome::Written : WriteOutcome::AlreadyStored);
}

QVector<TimelineEntry> IncidentStore::unsentEntries(const QString& incidentId, QString* error) const
{
    QVector<TimelineEntry> out;
    if (error)
        error->clear();
    const std::optional<QString> id = normalizedId(incidentId);
    if (!isOpen() || !id)
        return out;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("SELECT ") + kTimelineColumns +
              QStringLiteral(" FROM timeline_entries WHERE incident_id = ?"
                             " AND sync_state = 'local' ORDER BY at_ms, rowid"));
    q.addBindValue(*id);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the timeline: %1").arg(q.lastError().text());
        return out;
    }
    while (q.next())
        out.append(readEntry(q));
    return out;
}

QVector<StatusUpdate> IncidentStore::unsentStatusUpdates(const QString& incidentId,
                                                         QString* error) const
{
    QVector<StatusUpdate> out;
    for (const StatusUpdate& u : statusUpdates(incidentId, error))
        if (u.sync == SyncState::LocalOnly)
            out.append(u);
    return out;
}

WriteResult IncidentStore::markIncidentSynced(const QString& incidentId, qint64 localRevision)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(
        QStringLiteral("UPDATE incidents SET sync_state = 'synced' WHERE id = ? AND revision = ?"));
    bindAll(q, {normalizedId(incidentId).value_or(incidentId), localRevision});
    if (!q.exec())
        return failed(QStringLiteral("Cannot mark the incident as shared"), q);
    return result(q.numRowsAffected() > 0 ? WriteOutcome::Written : WriteOutcome::Conflict);
}

WriteResult IncidentStore::markEntrySynced(const QString& entryId, bool pinned)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral(
        "UPDATE timeline_entries SET sync_state = 'synced' WHERE id = ? AND pinned = ?"));
    bindAll(q, {normalizedId(entryId).value_or(entryId), int(pinned)});
    if (!q.exec())
        return failed(QStringLiteral("Cannot mark the timeline entry as shared"), q);
    return result(q.numRowsAffected() > 0 ? WriteOutcome::Written : WriteOutcome::Conflict);
}

WriteResult IncidentStore::markStatusUpdateSynced(const QString& updateId)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = QStringLiteral("Cannot mark the status update as shared");
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    QSqlQuery q(db);
    for (const char* table : {"status_updates", "timeline_entries"}) {
        q.prepare(QStringLiteral("UPDATE %1 SET sync_state = 'synced' WHERE id = ?")
                      .arg(QLatin1String(table)));
        q.addBindValue(normalizedId(updateId).value_or(updateId));
        if (!q.exec())
            return failed(what, q);
    }
    if (!tx.commit())
        return failed(what, tx.query());
    return result(WriteOutcome::Written);
}

int IncidentStore::unsentCount() const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    // A status update is counted once (its entry has the same id).
    if (!q.exec(QStringLiteral(
            "SELECT (SELECT count(*) FROM incidents WHERE sync_state = 'local')"
            " + (SELECT count(*) FROM timeline_entries WHERE sync_state = 'local')")) ||
        !q.next())
        return 0;
    return q.value(0).toInt();
}

int IncidentStore::conflictCount() const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sync_records WHERE conflict = 1")) ||
        !q.next())
        return 0;
    return q.value(0).toInt();
}

SyncRecord IncidentStore::syncRecord(SyncRecordKind kind, const QString& id) const
{
    SyncRecord r;
    if (!isOpen())
        return r;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(
        QStringLiteral("SELECT remote_revision, base, conflict FROM sync_records"
                       " WHERE kind = ? AND id = ?"));
    bindAll(q, {kindKey(kind), id});
    if (q.exec() && q.next()) {
        r.exists = true;
        r.remoteRevision = q.value(0).toLongLong();
        r.base = q.value(1).toString();
        r.conflict = q.value(2).toBool();
    }
    return r;
}

QStringList IncidentStore::syncedItemIds(const QString& incidentId) const
{
    QStringList out;
    if (!isOpen())
        return out;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral(
        "SELECT id FROM sync_records WHERE kind = 'item' AND incident_id = ? ORDER BY rowid"));
    q.addBindValue(incidentId);
    if (q.exec())
        while (q.next())
            out.append(q.value(0).toString());
    return out;
}

WriteResult IncidentStore::setSyncRecord(SyncRecordKind kind, const QString& id,
                                         const QString& incidentId, const SyncRecord& record)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral(
        "INSERT INTO sync_records (kind, id, incident_id, remote_revision, base, conflict)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET"
        " remote_revision = excluded.remote_revision, base = excluded.base,"
        " conflict = excluded.conflict"));
    bindAll(q, {kindKey(kind), id, incidentId, std::max<qint64>(0, record.remoteRevision),
                text(record.base), int(record.conflict)});
    if (!q.exec())
        return failed(QStringLiteral("Cannot record what was shared"), q);
    return result(WriteOutcome::Written);
}

}  // namespace wf
