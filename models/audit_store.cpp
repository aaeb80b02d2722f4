#include "audit_store.h"

#include "redaction.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

namespace wf {

namespace {

QString csvField(const QString& s)
{
    QString v = redactSecrets(s);
    // A leading = + - @ would be a formula in a spreadsheet.
    if (!v.isEmpty() && QStringLiteral("=+-@").contains(v.front()))
        v.prepend('\'');
    if (v.contains(',') || v.contains('"') || v.contains('\n') || v.contains('\r'))
        v = '"' + v.replace('"', QStringLiteral("\"\"")) + '"';
    return v;
}

// SQLite stores a null QString as NULL; the columns are NOT NULL text.
QVariant text(const QString& s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

}  // namespace

AuditStore::AuditStore()
    : connection_(QStringLiteral("audit-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

AuditStore::~AuditStore()
{
    close();
}

bool AuditStore::open(const QString& path, QString* error)
{
    close();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error =
            QStringLiteral("Cannot open the audit log %1: %2").arg(path, db.lastError().text());
        return false;
    }
    path_ = path;
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA busy_timeout=2000"));
    return migrate(error);
}

void AuditStore::close()
{
    if (QSqlDatabase::contains(connection_)) {
        QSqlDatabase::database(connection_, false).close();
        QSqlDatabase::removeDatabase(connection_);
    }
}

bool AuditStore::migrate(QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(connection_);
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA user_version"));
    const int version = q.next() ? q.value(0).toInt() : 0;
    if (version > kSchemaVersion) {
        *error = QStringLiteral("The audit log %1 was written by a newer Watchfloor (schema %2).")
                     .arg(path_)
                     .arg(version);
        return false;
    }
    if (version < 1) {
        db.transaction();
        const QStringList ddl{
            QStringLiteral("CREATE TABLE audit_entries ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " at_ms INTEGER NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,"
                           " action TEXT NOT NULL, target TEXT NOT NULL, reason TEXT NOT NULL,"
                           " idempotency_key TEXT NOT NULL, outcome TEXT NOT NULL,"
                           " detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX audit_by_key ON audit_entries(idempotency_key)"),
            QStringLiteral("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_entries "
                           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
            QStringLiteral("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_entries "
                           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
            QStringLiteral("PRAGMA user_version = 1"),
        };
        for (const QString& sql : ddl) {
            if (!q.exec(sql)) {
                *error =
                    QStringLiteral("Cannot create the audit log: %1").arg(q.lastError().text());
                db.rollback();
                return false;
            }
        }
        db.commit();
    }
    return true;
}

QString AuditStore::chainHash(const QString& prevHash, const AuditEntry& e)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    const QStringList fields{prevHash,
                             QString::number(e.id),
                             QString::number(e.atMs),
                             e.actor,
                             e.role,
                             e.action,
                             e.target,
                             e.reason,
                             e.idempotencyKey,
                             e.outcome,
                             e.detail};
    for (const QString& f : fields) {
        const QByteArray b = f.toUtf8();
        h.addData(QByteArray::number(b.size()) + ':');  // length-prefixed: no ambiguity
        h.addData(b);
    }
    return QString::fromLatin1(h.result().toHex());
}

std::optional<AuditEntry> AuditStore::append(AuditEntry e, QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(connection_);
    if (!db.isOpen()) {
        *error = QStringLiteral("The audit log is not open.");
        return std::nullopt;
    }
    e.actor = redactSecrets(e.actor);
    e.target = redactSecrets(e.target);
    e.reason = redactSecrets(e.reason);
    e.detail = redactSecrets(e.detail);
    if (e.atMs == 0)
        e.atMs = QDateTime::currentMSecsSinceEpoch();
    db.transaction();
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT id, hash FROM audit_entries ORDER BY id DESC LIMIT 1"));
    e.prevHash = q.next() ? q.value(1).toString() : QString();
    e.id = q.isValid() ? q.value(0).toLongLong() + 1 : 1;
    e.hash = chainHash(e.prevHash, e);
    q.prepare(
        QStringLiteral("INSERT INTO audit_entries (id, at_ms, actor, role, action, target, "
                       "reason, idempotency_key, outcome, detail, prev_hash, hash) VALUES "
                       "(?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant& v :
         {QVariant(e.id), QVariant(e.atMs), text(e.actor), text(e.role), text(e.action),
          text(e.target), text(e.reason), text(e.idempotencyKey), text(e.outcome), text(e.detail),
          text(e.prevHash), text(e.hash)})
        q.addBindValue(v);
    if (!q.exec() || !db.commit()) {
        *error = QStringLiteral("Cannot write to the audit log: %1").arg(q.lastError().text());
        db.rollback();
        return std::nullopt;
    }
    return e;
}

QVector<AuditEntry> AuditStore::readAll(QString* error) const
{
    QVector<AuditEntry> out;
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (!q.exec(QStringLiteral("SELECT id, at_ms, actor, role, action, target, reason, "
                               "idempotency_key, outcome, detail, prev_hash, hash "
                               "FROM audit_entries ORDER BY id"))) {
        if (error)
            *error = q.lastError().text();
        return out;
    }
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.atMs = q.value(1).toLongLong();
        e.actor = q.value(2).toString();
        e.role = q.value(3).toString();
        e.action = q.value(4).toString();
        e.target = q.value(5).toString();
        e.reason = q.value(6).toString();
        e.idempotencyKey = q.value(7).toString();
        e.outcome = q.value(8).toString();
        e.detail = q.value(9).toString();
        e.prevHash = q.value(10).toString();
        e.hash = q.value(11).toString();
        out.append(e);
    }
    return out;
}

AuditVerification AuditStore::verify() const
{
    AuditVerification v;
    QString error;
    const QVector<AuditEntry> rows = readAll(&error);
    if (!error.isEmpty()) {
        v.ok = false;
        v.message = QStringLiteral("Cannot read the audit log: %1").arg(error);
        return v;
    }
    QString prev;
    qint64 expectedId = 1;
    for (const AuditEntry& e : rows) {
        ++v.rows;
        QString why;
        if (e.id != expectedId)
            why = QStringLiteral("entry %1 is missing").arg(expectedId);
        else if (e.prevHash != prev)
            why = QStringLiteral("entry %1 does not follow the entry before it").arg(e.id);
        else if (chainHash(prev, e) != e.hash)
            why = QStringLiteral("entry %1 was changed after it was written").arg(e.id);
        if (!why.isEmpty()) {
            v.ok = false;
            v.firstBadId = e.id;
            v.message = QStringLiteral("The audit log has been tampered with: %1.").arg(why);
            return v;
        }
        prev = e.hash;
        ++expectedId;
    }
    v.message = QStringLiteral("The audit log is intact (%1 entries).").arg(v.rows);
    return v;
}

bool AuditStore::exportCsv(const QString& file, QString* error) const
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("Cannot write %1: %2").arg(file, f.errorString());
        return false;
    }
    QString out = QStringLiteral(
        "id,time_utc,actor,role,action,target,reason,idempotency_key,outcome,detail,hash\n");
    for (const AuditEntry& e : readAll()) {
        const QStringList fields{
            QString::number(e.id),
            QDateTime::fromMSecsSinceEpoch(e.atMs, QTimeZone::utc()).toString(Qt::ISODateWithMs),
            e.actor,
            e.role,
            e.action,
            e.target,
            e.reason,
            e.idempotencyKey,
            e.outcome,
            e.detail,
            e.hash};
        QStringList cells;
        for (const QString& c : fields)
            cells << csvField(c);
        out += cells.join(',') + '\n';
    }
    f.write(out.toUtf8());
    if (!f.flush()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(file, f.errorString());
        return false;
    }
    return true;
}

}  // namespace wf
