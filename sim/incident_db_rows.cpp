// IncidentDb: incident records to rows and back.
#include "incident_db.h"
#include "incident_keys.h"
#include "proto_time.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <initializer_list>

namespace wfsim {

namespace v1 = watchfloor::v1;
namespace keys = incident_keys;

namespace {

std::string lastError(const QSqlQuery& q)
{
    return q.lastError().text().toStdString();
}

QVariant text(const std::string& s)
{
    return QString::fromStdString(s);
}

std::string text(const QVariant& v)
{
    return v.toString().toStdString();
}

int64_t msOf(const google::protobuf::Timestamp& ts)
{
    return ts.seconds() * 1000 + ts.nanos() / 1000000;
}

QVariant optionalMs(bool set, const google::protobuf::Timestamp& ts)
{
    return set ? QVariant(static_cast<qlonglong>(msOf(ts)))
               : QVariant(QMetaType(QMetaType::LongLong));
}

void setMs(google::protobuf::Timestamp* ts, const QVariant& v)
{
    proto_time::setMs(ts, v.toLongLong());
}

void setOptionalMs(const QVariant& v,
                   google::protobuf::Timestamp* (v1::IncidentMilestones::*field)(),
                   v1::IncidentMilestones* m)
{
    if (!v.isNull())
        setMs((m->*field)(), v);
}

QVariant list(const google::protobuf::RepeatedPtrField<std::string>& values)
{
    QStringList out;
    for (const std::string& v : values)
        out << QString::fromStdString(v);
    return out.join(QLatin1Char(','));
}

void setList(const QVariant& v, google::protobuf::RepeatedPtrField<std::string>* out)
{
    const QStringList values = v.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& value : values)
        out->Add(value.toStdString());
}

// INSERT ... ON CONFLICT (key) DO UPDATE of every column.
QString upsertSql(const char* table, const char* key, std::initializer_list<const char*> columns)
{
    QStringList names, marks, updates;
    for (const char* c : columns) {
        names << QLatin1String(c);
        marks << QStringLiteral("?");
        updates << QStringLiteral("%1 = excluded.%1").arg(QLatin1String(c));
    }
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) DO UPDATE SET %5")
        .arg(QLatin1String(table), names.join(QStringLiteral(", ")),
             marks.join(QStringLiteral(", ")), QLatin1String(key),
             updates.join(QStringLiteral(", ")));
}

bool exec(QSqlQuery& q, const QString& sql, std::initializer_list<QVariant> values)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant& v : values)
        q.addBindValue(v);
    return q.exec();
}

const QString& incidentSql()
{
    static const QString sql = upsertSql("incidents", "id",
                                         {"id",
                                          "severity",
                                          "title",
                                          "journeys",
                                          "regions",
                                          "commander",
                                          "communications_lead",
                                          "scribe",
                                          "status",
                                          "started_ms",
                                          "detected_ms",
                                          "acknowledged_ms",
                                          "mitigated_ms",
                                          "resolved_ms",
                                          "declared_ms",
                                          "declared_by",
                                          "updated_ms",
                                          "updated_by",
                                          "version",
                                          "declare_fingerprint"});
    return sql;
}

bool writeIncident(QSqlQuery& q, const StoredIncident& s)
{
    const v1::Incident& i = s.incident;
    const v1::IncidentMilestones& m = i.milestones();
    return exec(q, incidentSql(),
                {text(i.id()),
                 text(keys::severityKey(i.severity())),
                 text(i.title()),
                 list(i.journeys()),
                 list(i.regions()),
                 text(i.roles().commander()),
                 text(i.roles().communications_lead()),
                 text(i.roles().scribe()),
                 text(keys::statusKey(i.status())),
                 optionalMs(m.has_started_at(), m.started_at()),
                 optionalMs(m.has_detected_at(), m.detected_at()),
                 optionalMs(m.has_acknowledged_at(), m.acknowledged_at()),
                 optionalMs(m.has_mitigated_at(), m.mitigated_at()),
                 optionalMs(m.has_resolved_at(), m.resolved_at()),
                 static_cast<qlonglong>(msOf(i.declared_at())),
                 text(i.declared_by()),
                 static_cast<qlonglong>(msOf(i.updated_at())),
                 text(i.updated_by()),
                 static_cast<qlonglong>(i.version()),
                 QByteArray::fromStdString(s.declareFingerprint)});
}

const QString& entrySql()
{
    static const QString sql =
        upsertSql("timeline_entries", "id",
                  {"id", "incident_id", "position", "kind", "source", "at_ms", "text", "outcome",
                   "pinned", "recorded_ms", "recorded_by"});
    return sql;
}

bool writeEntry(QSqlQuery& q, const StoredEntry& s)
{
    const v1::TimelineEntry& e = s.entry;
    return exec(
        q, entrySql(),
        {text(e.id()), text(e.incident_id()), static_cast<qlonglong>(s.position),
         text(keys::kindKey(e.kind())), text(e.source()), static_cast<qlonglong>(msOf(e.at())),
         text(e.text()), text(e.outcome()), int(e.pinned()),
         static_cast<qlonglong>(msOf(e.recorded_at())), text(e.recorded_by())});
}

const QString& statusUpdateSql()
{
    static const QString sql = upsertSql("status_updates", "id",
                                         {"id", "incident_id", "position", "at_ms", "author",
                                          "status", "text", "recorded_ms", "recorded_by"});
    return sql;
}

bool writeStatusUpdate(QSqlQuery& q, const StoredStatusUpdate& s)
{
    const v1::StatusUpdate& u = s.update;
    return exec(
        q, statusUpdateSql(),
        {text(u.id()), text(u.incident_id()), static_cast<qlonglong>(s.position),
         static_cast<qlonglong>(msOf(u.at())), text(u.author()), text(keys::statusKey(u.status())),
         text(u.text()), static_cast<qlonglong>(msOf(u.recorded_at())), text(u.recorded_by())});
}

const QString& sectionSql()
{
    static const QString sql =
        upsertSql("postmortem_sections", "incident_id, section",
                  {"incident_id", "section", "text", "revision", "updated_ms", "updated_by"});
    return sql;
}

bool writeSection(QSqlQuery& q, const v1::PostmortemSection& s)
{
    return exec(
        q, sectionSql(),
        {text(s.incident_id()), text(s.key()), text(s.text()), static_cast<qlonglong>(s.revision()),
         static_cast<qlonglong>(msOf(s.updated_at())), text(s.updated_by())});
}

const QString& itemSql()
{
    static const QString sql = upsertSql(
        "action_items", "id",
        {"id", "incident_id", "position", "title", "owner", "due_date", "priority", "type",
         "status", "created_ms", "updated_ms", "updated_by", "revision", "deleted"});
    return sql;
}

bool writeItem(QSqlQuery& q, const StoredItem& s)
{
    const v1::ActionItem& a = s.item;
    return exec(
        q, itemSql(),
        {text(a.id()), text(a.incident_id()), static_cast<qlonglong>(s.position), text(a.title()),
         text(a.owner()), text(a.due_date()), text(keys::priorityKey(a.priority())),
         text(keys::typeKey(a.type())), text(keys::itemStatusKey(a.status())),
         static_cast<qlonglong>(msOf(a.created_at())), static_cast<qlonglong>(msOf(a.updated_at())),
         text(a.updated_by()), static_cast<qlonglong>(a.revision()), int(a.deleted())});
}

StoredIncident readIncident(const QSqlQuery& q)
{
    StoredIncident s;
    v1::Incident& i = s.incident;
    i.set_id(text(q.value(0)));
    i.set_severity(
        keys::severityFromKey(text(q.value(1))).value_or(v1::INCIDENT_SEVERITY_UNSPECIFIED));
    i.set_title(text(q.value(2)));
    setList(q.value(3), i.mutable_journeys());
    setList(q.value(4), i.mutable_regions());
    i.mutable_roles()->set_commander(text(q.value(5)));
    i.mutable_roles()->set_communications_lead(text(q.value(6)));
    i.mutable_roles()->set_scribe(text(q.value(7)));
    i.set_status(keys::statusFromKey(text(q.value(8))).value_or(v1::INCIDENT_STATUS_UNSPECIFIED));
    v1::IncidentMilestones* m = i.mutable_milestones();
    setOptionalMs(q.value(9), &v1::IncidentMilestones::mutable_started_at, m);
    setOptionalMs(q.value(10), &v1::IncidentMilestones::mutable_detected_at, m);
    setOptionalMs(q.value(11), &v1::IncidentMilestones::mutable_acknowledged_at, m);
    setOptionalMs(q.value(12), &v1::IncidentMilestones::mutable_mitigated_at, m);
    setOptionalMs(q.value(13), &v1::IncidentMilestones::mutable_resolved_at, m);
    setMs(i.mutable_declared_at(), q.value(14));
    i.set_declared_by(text(q.value(15)));
    setMs(i.mutable_updated_at(), q.value(16));
    i.set_updated_by(text(q.value(17)));
    i.set_version(q.value(18).toLongLong());
    s.declareFingerprint = q.value(19).toByteArray().toStdString();
    return s;
}

StoredEntry readEntry(const QSqlQuery& q)
{
    StoredEntry s;
    v1::TimelineEntry& e = s.entry;
    e.set_id(text(q.value(0)));
    e.set_incident_id(text(q.value(1)));
    s.position = q.value(2).toLongLong();
    e.set_kind(keys::kindFromKey(text(q.value(3))).value_or(v1::TIMELINE_ENTRY_KIND_UNSPECIFIED));
    e.set_source(text(q.value(4)));
    setMs(e.mutable_at(), q.value(5));
    e.set_text(text(q.value(6)));
    e.set_outcome(text(q.value(7)));
    e.set_pinned(q.value(8).toInt() != 0);
    setMs(e.mutable_recorded_at(), q.value(9));
    e.set_recorded_by(text(q.value(10)));
    return s;
}

StoredStatusUpdate readStatusUpdate(const QSqlQuery& q)
{
    StoredStatusUpdate s;
    v1::StatusUpdate& u = s.update;
    u.set_id(text(q.value(0)));
    u.set_incident_id(text(q.value(1)));
    s.position = q.value(2).toLongLong();
    setMs(u.mutable_at(), q.value(3));
    u.set_author(text(q.value(4)));
    u.set_status(keys::statusFromKey(text(q.value(5))).value_or(v1::INCIDENT_STATUS_UNSPECIFIED));
    u.set_text(text(q.value(6)));
    setMs(u.mutable_recorded_at(), q.value(7));
    u.set_recorded_by(text(q.value(8)));
    return s;
}

v1::PostmortemSection readSection(const QSqlQuery& q)
{
    v1::PostmortemSection s;
    s.set_incident_id(text(q.value(0)));
    s.set_key(text(q.value(1)));
    s.set_text(text(q.value(2)));
    s.set_revision(q.value(3).toLongLong());
    setMs(s.mutable_updated_at(), q.value(4));
    s.set_updated_by(text(q.value(5)));
    return s;
}

StoredItem readItem(const QSqlQuery& q)
{
    StoredItem s;
    v1::ActionItem& a = s.item;
    a.set_id(text(q.value(0)));
    a.set_incident_id(text(q.value(1)));
    s.position = q.value(2).toLongLong();
    a.set_title(text(q.value(3)));
    a.set_owner(text(q.value(4)));
    a.set_due_date(text(q.value(5)));
    a.set_priority(
        keys::priorityFromKey(text(q.value(6))).value_or(v1::ACTION_ITEM_PRIORITY_UNSPECIFIED));
    a.set_type(keys::typeFromKey(text(q.value(7))).value_or(v1::ACTION_ITEM_TYPE_UNSPECIFIED));
    a.set_status(
        keys::itemStatusFromKey(text(q.value(8))).value_or(v1::ACTION_ITEM_STATUS_UNSPECIFIED));
    setMs(a.mutable_created_at(), q.value(9));
    setMs(a.mutable_updated_at(), q.value(10));
    a.set_updated_by(text(q.value(11)));
    a.set_revision(q.value(12).toLongLong());
    a.set_deleted(q.value(13).toInt() != 0);
    return s;
}

// Runs `sql` and appends read(row) for each row to `out`.
template <typename Row, typename Read>
bool readAll(QSqlQuery& q, const char* sql, Read read, std::vector<Row>* out)
{
    if (!q.exec(QString::fromLatin1(sql)))
        return false;
    while (q.next())
        out->push_back(read(q));
    return true;
}

}  // namespace

bool IncidentDb::loadHere(IncidentRows* rows, std::string* error)
{
    *rows = {};
    QSqlQuery q(QSqlDatabase::database(QString::fromStdString(connection_), false));
    const bool ok =
        opened_ &&
        readAll(q,
                "SELECT id, severity, title, journeys, regions, commander, communications_lead,"
                " scribe, status, started_ms, detected_ms, acknowledged_ms, mitigated_ms,"
                " resolved_ms, declared_ms, declared_by, updated_ms, updated_by, version,"
                " declare_fingerprint FROM incidents ORDER BY rowid",
                readIncident, &rows->incidents) &&
        readAll(q,
                "SELECT id, incident_id, position, kind, source, at_ms, text, outcome, pinned,"
                " recorded_ms, recorded_by FROM timeline_entries ORDER BY position",
                readEntry, &rows->entries) &&
        readAll(q,
                "SELECT id, incident_id, position, at_ms, author, status, text, recorded_ms,"
                " recorded_by FROM status_updates ORDER BY position",
                readStatusUpdate, &rows->statusUpdates) &&
        readAll(q,
                "SELECT incident_id, section, text, revision, updated_ms, updated_by"
                " FROM postmortem_sections",
                readSection, &rows->sections) &&
        readAll(q,
                "SELECT id, incident_id, position, title, owner, due_date, priority, type, status,"
                " created_ms, updated_ms, updated_by, revision, deleted FROM action_items"
                " ORDER BY position",
                readItem, &rows->items);
    if (!ok)
        *error = "cannot read the incident file: " +
                 (opened_ ? lastError(q) : std::string("it is not open"));
    return ok;
}

bool IncidentDb::writeHere(const IncidentRows& rows, std::string* error)
{
    QSqlDatabase db = QSqlDatabase::database(QString::fromStdString(connection_), false);
    if (!opened_ || !db.transaction()) {
        *error = "cannot write the incident file: " +
                 (opened_ ? db.lastError().text().toStdString() : std::string("it is not open"));
        return false;
    }
    QSqlQuery q(db);
    bool ok = true;
    for (const StoredIncident& s : rows.incidents)
        ok = ok && writeIncident(q, s);
    for (const StoredEntry& s : rows.entries)
        ok = ok && writeEntry(q, s);
    for (const StoredStatusUpdate& s : rows.statusUpdates)
        ok = ok && writeStatusUpdate(q, s);
    for (const v1::PostmortemSection& s : rows.sections)
        ok = ok && writeSection(q, s);
    for (const StoredItem& s : rows.items)
        ok = ok && writeItem(q, s);
    if (ok && db.commit())
        return true;
    *error = "cannot write the incident file: " +
             (ok ? db.lastError().text().toStdString() : lastError(q));
    q.finish();
    db.rollback();
    return false;
}

}  // namespace wfsim
