// IncidentStore: the postmortem draft (section by section, with revisions)
// and its action items.
#include "incident_sql.h"
#include "incident_store.h"
#include "redaction.h"

namespace wf {

using namespace incident_sql;

namespace incident_sql {

const QString kItemColumns = QStringLiteral(
    "id, incident_id, title, owner, due_date, priority, type, status, created_ms, updated_ms,"
    " revision");

ActionItem readItem(const QSqlQuery& q)
{
    ActionItem a;
    a.id = q.value(0).toString();
    a.incidentId = q.value(1).toString();
    a.title = q.value(2).toString();
    a.owner = q.value(3).toString();
    if (!q.isNull(4))
        a.due = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    a.priority =
        actionItemPriorityFromKey(q.value(5).toString()).value_or(ActionItemPriority::Medium);
    a.type = actionItemTypeFromKey(q.value(6).toString()).value_or(ActionItemType::Prevent);
    a.status = actionItemStatusFromKey(q.value(7).toString()).value_or(ActionItemStatus::Open);
    a.createdMs = q.value(8).toLongLong();
    a.updatedMs = q.value(9).toLongLong();
    a.revision = q.value(10).toLongLong();
    return a;
}

QVariant dueDate(const QDate& d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant();
}

}  // namespace incident_sql

namespace {

// The item's text redacted, or why it cannot be stored.
QString cleanItem(ActionItem* a)
{
    a->title = redactSecrets(a->title.trimmed());
    a->owner = redactSecrets(a->owner.trimmed());
    if (a->title.isEmpty())
        return QStringLiteral("An action item needs a title.");
    return {};
}

QString noItem(const QString& id)
{
    return QStringLiteral("There is no action item %1 in this incident store.").arg(id);
}

QVector<ActionItem> readItems(const QSqlDatabase& db, const QString& sql,
                              const QVariantList& values, QString* error)
{
    QVector<ActionItem> out;
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the action items: %1").arg(q.lastError().text());
        return out;
    }
    while (q.next())
        out.append(readItem(q));
    return out;
}

}  // namespace

PostmortemSave IncidentStore::savePostmortemSection(const QString& incidentId,
                                                    PostmortemSectionKey key, const QString& text,
                                                    qint64 expectedRevision, const QString& author)
{
    PostmortemSave save;
    save.section.incidentId = incidentId;
    save.section.key = key;
    if (!isOpen()) {
        save.result = result(WriteOutcome::Failed, notOpen());
        return save;
    }
    const std::optional<QString> id = normalizedId(incidentId);
    if (!id) {
        save.result = result(WriteOutcome::NotFound, noIncident(incidentId));
        return save;
    }
    save.section.incidentId = *id;
    const QString clean = redactSecrets(text);
    const QString by = redactSecrets(author.trimmed());
    const QString sectionName = postmortemSectionName(key);

    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = QStringLiteral("Cannot save %1 of the postmortem").arg(sectionName);
    WriteTransaction tx(db);
    if (!tx.begin()) {
        save.result = failed(what, tx.query());
        return save;
    }
    if (!incidentExists(db, *id)) {
        save.result = result(WriteOutcome::NotFound, noIncident(*id));
        return save;
    }
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("SELECT text, revision, updated_ms, updated_by"
                       " FROM postmortem_sections WHERE incident_id = ? AND section = ?"));
    bindAll(q, {*id, postmortemSectionKey(key)});
    if (!q.exec()) {
        save.result = failed(what, q);
        return save;
    }
    PostmortemSection stored = save.section;
    if (q.next()) {
        stored.text = q.value(0).toString();
        stored.revision = q.value(1).toLongLong();
        stored.updatedMs = q.value(2).toLongLong();
        stored.updatedBy = q.value(3).toString();
    }
    q.finish();
    if (stored.text == clean) {
        // Nothing to write, whoever wrote it: no new revision, no conflict.
        tx.commit();
        save.section = stored;
        save.result = result(WriteOutcome::AlreadyStored, {}, stored.revision);
        return save;
    }
    if (stored.revision != expectedRevision) {
        save.section = stored;
        save.result = result(
            WriteOutcome::Conflict,
            QStringLiteral("%1 was saved by %2 at %3 since you started editing it (revision %4 "
                           "is stored, you had %5): your text was not saved.")
                .arg(sectionName,
                     stored.updatedBy.isEmpty() ? QStringLiteral("someone else") : stored.updatedBy,
                     utcText(stored.updatedMs))
                .arg(stored.revision)
                .arg(expectedRevision),
            stored.revision);
        return save;
    }
    const qint64 nowMs = now();
    if (stored.revision == 0) {
        q.prepare(
            QStringLiteral("INSERT INTO postmortem_sections (incident_id, section, text,"
                           " revision, updated_ms, updated_by) VALUES (?, ?, ?, 1, ?, ?)"));
        bindAll(q, {*id, postmortemSectionKey(key), clean, nowMs, incident_sql::text(by)});
    } else {
        q.prepare(
            QStringLiteral("UPDATE postmortem_sections SET text = ?, revision = ?,"
                           " updated_ms = ?, updated_by = ?"
                           " WHERE incident_id = ? AND section = ?"));
        bindAll(q, {clean, stored.revision + 1, nowMs, incident_sql::text(by), *id,
                    postmortemSectionKey(key)});
    }
    if (!q.exec()) {
        save.result = failed(what, q);
        return save;
    }
    if (!tx.commit()) {
        save.result = failed(what, tx.query());
        return save;
    }
    save.section.text = clean;
    save.section.revision = stored.revision + 1;
    save.section.updatedMs = nowMs;
    save.section.updatedBy = by;
    save.result = result(WriteOutcome::Written, {}, save.section.revision);
    return save;
}

QVector<PostmortemSection> IncidentStore::postmortem(const QString& incidentId,
                                                     QString* error) const
{
    if (error)
        error->clear();
    QVector<PostmortemSection> out;
    const std::optional<QString> id = normalizedId(incidentId);
    for (PostmortemSectionKey key : allPostmortemSections()) {
        PostmortemSection s;
        s.incidentId = id.value_or(incidentId);
        s.key = key;
        out.append(s);
    }
    if (!isOpen()) {
        if (error)
            *error = notOpen();
        return out;
    }
    if (!id)
        return out;
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(
        QStringLiteral("SELECT section, text, revision, updated_ms, updated_by"
                       " FROM postmortem_sections WHERE incident_id = ?"));
    q.addBindValue(*id);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the postmortem: %1").arg(q.lastError().text());
        return out;
    }
    while (q.next()) {
        const std::optional<PostmortemSectionKey> key =
            postmortemSectionFromKey(q.value(0).toString());
        if (!key)
            continue;
        PostmortemSection& s = out[qsizetype(*key)];
        s.text = q.value(1).toString();
        s.revision = q.value(2).toLongLong();
        s.updatedMs = q.value(3).toLongLong();
        s.updatedBy = q.value(4).toString();
    }
    return out;
}

WriteResult IncidentStore::addActionItem(const ActionItem& item)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    ActionItem a = item;
    const std::optional<QString> id = normalizedId(a.id);
    if (!id)
        return result(WriteOutcome::Invalid,
                      QStringLiteral("An action item needs an id (a UUID made when it is "
                                     "written, kept for retries)."));
    a.id = *id;
    const std::optional<QString> incidentId = normalizedId(a.incidentId);
    if (!incidentId)
        return result(WriteOutcome::NotFound, noIncident(a.incidentId));
    a.incidentId = *incidentId;
    const QString problem = cleanItem(&a);
    if (!problem.isEmpty())
        return result(WriteOutcome::Invalid, problem);

    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = QStringLiteral("Cannot save the action item");
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    if (!incidentExists(db, a.incidentId))
        return result(WriteOutcome::NotFound, noIncident(a.incidentId));
    const qint64 nowMs = now();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO action_items (") + kItemColumns +
              QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
                             " ON CONFLICT (id) DO NOTHING"));
    bindAll(q, {a.id, a.incidentId, a.title, text(a.owner), dueDate(a.due),
                actionItemPriorityKey(a.priority), actionItemTypeKey(a.type),
                actionItemStatusKey(a.status), nowMs, nowMs});
    if (!q.exec())
        return failed(what, q);
    if (q.numRowsAffected() == 0) {
        q.prepare(QStringLiteral("SELECT revision FROM action_items WHERE id = ?"));
        q.addBindValue(a.id);
        const qint64 revision = q.exec() && q.next() ? q.value(0).toLongLong() : 0;
        q.finish();
        tx.commit();
        return result(WriteOutcome::AlreadyStored, {}, revision);
    }
    if (!tx.commit())
        return failed(what, tx.query());
    return result(WriteOutcome::Written, {}, 1);
}

WriteResult IncidentStore::updateActionItem(const ActionItem& item)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    ActionItem a = item;
    const std::optional<QString> id = normalizedId(a.id);
    if (!id)
        return result(WriteOutcome::NotFound, noItem(a.id));
    a.id = *id;
    const QString problem = cleanItem(&a);
    if (!problem.isEmpty())
        return result(WriteOutcome::Invalid, problem);

    const QSqlDatabase db = QSqlDatabase::database(connection_, false);
    const QString what = QStringLiteral("Cannot save the action item");
    WriteTransaction tx(db);
    if (!tx.begin())
        return failed(what, tx.query());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT ") + kItemColumns +
              QStringLiteral(" FROM action_items WHERE id = ?"));
    q.addBindValue(a.id);
    if (!q.exec())
        return failed(what, q);
    if (!q.next())
        return result(WriteOutcome::NotFound, noItem(a.id));
    const ActionItem stored = readItem(q);
    q.finish();
    if (stored.revision != a.revision)
        return result(WriteOutcome::Conflict,
                      QStringLiteral("The action item \"%1\" was changed since you loaded it "
                                     "(revision %2 is stored, you had %3): nothing was saved.")
                          .arg(stored.title)
                          .arg(stored.revision)
                          .arg(a.revision),
                      stored.revision);
    if (stored.title == a.title && stored.owner == a.owner && stored.due == a.due &&
        stored.priority == a.priority && stored.type == a.type && stored.status == a.status)
        return result(WriteOutcome::AlreadyStored, {}, stored.revision);
    q.prepare(
        QStringLiteral("UPDATE action_items SET title = ?, owner = ?, due_date = ?,"
                       " priority = ?, type = ?, status = ?, updated_ms = ?,"
                       " revision = revision + 1 WHERE id = ?"));
    bindAll(q, {a.title, text(a.owner), dueDate(a.due), actionItemPriorityKey(a.priority),
                actionItemTypeKey(a.type), actionItemStatusKey(a.status), now(), a.id});
    if (!q.exec())
        return failed(what, q);
    if (!tx.commit())
        return failed(what, tx.query());
    return result(WriteOutcome::Written, {}, stored.revision + 1);
}

WriteResult IncidentStore::removeActionItem(const QString& itemId)
{
    if (!isOpen())
        return result(WriteOutcome::Failed, notOpen());
    const std::optional<QString> id = normalizedId(itemId);
    if (!id)
        return result(WriteOutcome::NotFound, noItem(itemId));
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("DELETE FROM action_items WHERE id = ?"));
    q.addBindValue(*id);
    if (!q.exec())
        return failed(QStringLiteral("Cannot remove the action item"), q);
    if (q.numRowsAffected() == 0)
        return result(WriteOutcome::NotFound, noItem(*id));
    return result(WriteOutcome::Written);
}

QVector<ActionItem> IncidentStore::actionItems(const QString& incidentId, QString* error) const
{
    if (error)
        error->clear();
    if (!isOpen()) {
        if (error)
            *error = notOpen();
        return {};
    }
    const std::optional<QString> id = normalizedId(incidentId);
    if (!id)
        return {};
    return readItems(QSqlDatabase::database(connection_, false),
                     QStringLiteral("SELECT ") + kItemColumns +
                         QStringLiteral(" FROM action_items WHERE incident_id = ?"
                                        " ORDER BY created_ms, rowid"),
                     {*id}, error);
}

QVector<ActionItem> IncidentStore::openActionItems(QString* error) const
{
    if (error)
        error->clear();
    if (!isOpen()) {
        if (error)
            *error = notOpen();
        return {};
    }
    return readItems(QSqlDatabase::database(connection_, false),
                     QStringLiteral("SELECT ") + kItemColumns +
                         QStringLiteral(" FROM action_items"
                                        " WHERE status IN ('open', 'in_progress')"
                                        " ORDER BY due_date IS NULL, due_date, created_ms, rowid"),
                     {}, error);
}

}  // namespace wf
