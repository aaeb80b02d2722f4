#include "recon_offline_cache.h"

#include "redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace wf {

namespace {

// SQLite stores a null QString as NULL; the text columns are NOT NULL.
QVariant text(const QString& s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QJsonArray strings(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    for (const QJsonValue& s : v.toArray())
        out.append(s.toString());
    return out;
}

template <typename E>
QJsonArray enums(const QVector<E>& list)
{
    QJsonArray a;
    for (E e : list)
        a.append(int(e));
    return a;
}

template <typename E>
E toEnum(qint64 v, E last)
{
    return v >= 0 && v <= qint64(last) ? E(v) : E(0);
}

template <typename E>
QVector<E> enums(const QJsonValue& v, E last)
{
    QVector<E> out;
    for (const QJsonValue& e : v.toArray())
        out.append(toEnum(e.toInteger(), last));
    return out;
}

QStringList redacted(const QStringList& list)
{
    QStringList out;
    for (const QString& s : list)
        out.append(redactSecrets(s));
    return out;
}

bool fail(QString* error, const QString& what, const QSqlQuery& q)
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, q.lastError().text());
    return false;
}

const QStringList kSchemaV1{
    QStringLiteral("CREATE TABLE snapshot (id INTEGER PRIMARY KEY CHECK (id = 1),"
                   " saved_at_ms INTEGER NOT NULL, query_json TEXT NOT NULL,"
                   " summary_total INTEGER NOT NULL, summary_platform_ms INTEGER NOT NULL)"),
    QStringLiteral("CREATE TABLE mismatches (position INTEGER PRIMARY KEY,"
                   " id TEXT NOT NULL, type INTEGER NOT NULL, raw_type INTEGER NOT NULL,"
                   " status INTEGER NOT NULL, provider TEXT NOT NULL, region TEXT NOT NULL,"
                   " order_id TEXT NOT NULL, provider_reference TEXT NOT NULL,"
                   " amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),"
                   " currency TEXT NOT NULL, detected_ms INTEGER NOT NULL,"
                   " assignee TEXT NOT NULL, version INTEGER NOT NULL, summary TEXT NOT NULL,"
                   " pending_approval_id TEXT NOT NULL, problem TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE summary_types (position INTEGER PRIMARY KEY,"
                   " type INTEGER NOT NULL, count INTEGER NOT NULL)"),
    QStringLiteral("CREATE TABLE summary_totals (type_position INTEGER NOT NULL,"
                   " currency TEXT NOT NULL,"
                   " amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'))"),
    QStringLiteral("PRAGMA user_version = 1"),
};

}  // namespace

ReconOfflineCache::ReconOfflineCache()
    : connection_(QStringLiteral("recon-cache-") +
                  QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

ReconOfflineCache::~ReconOfflineCache()
{
    close();
}

bool ReconOfflineCache::open(const QString& path, QString* error)
{
    close();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    db.setDatabaseName(path);
    // Wait for another connection's write (another console, a save in
    // flight) from the very first statement on.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    path_ = path;
    if (!db.open()) {
        *error = QStringLiteral("Cannot open the offline reconciliation cache %1: %2")
                     .arg(path, db.lastError().text());
        close();
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
        fail(error, QStringLiteral("Cannot read the offline reconciliation cache %1").arg(path), q);
        close();
        return false;
    }
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA busy_timeout=2000"));
    q.exec(QStringLiteral("PRAGMA secure_delete=ON"));
    if (!migrate(error)) {
        close();
        return false;
    }
    return true;
}

void ReconOfflineCache::close()
{
    if (QSqlDatabase::contains(connection_)) {
        QSqlDatabase::database(connection_, false).close();
        QSqlDatabase::removeDatabase(connection_);
    }
}

bool ReconOfflineCache::isOpen() const
{
    return QSqlDatabase::contains(connection_) &&
           QSqlDatabase::database(connection_, false).isOpen();
}

bool ReconOfflineCache::migrate(QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(connection_);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return fail(error, QStringLiteral("Cannot read the offline reconciliation cache"), q);
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion) {
        *error = QStringLiteral(
                     "The offline reconciliation cache %1 was written by a newer "
                     "Watchfloor (schema %2; this one reads up to %3). It was left "
                     "as it is.")
                     .arg(path_)
                     .arg(version)
                     .arg(kSchemaVersion);
        return false;
    }
    if (version < 1) {
        // Another console may be creating it at the same moment: take the
        // write lock first (waiting for it), then look again.
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return fail(error, QStringLiteral("Cannot create the offline reconciliation cache"), q);
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            q.exec(QStringLiteral("ROLLBACK"));
            return fail(error, QStringLiteral("Cannot read the offline reconciliation cache"), q);
        }
        if (q.value(0).toInt() < 1) {
            for (const QString& sql : kSchemaV1) {
                if (!q.exec(sql)) {
                    const QString why = q.lastError().text();
                    q.exec(QStringLiteral("ROLLBACK"));
                    *error = QStringLiteral("Cannot create the offline reconciliation cache: %1")
                                 .arg(why);
                    return false;
                }
            }
        }
        if (!q.exec(QStringLiteral("COMMIT")))
            return fail(error, QStringLiteral("Cannot create the offline reconciliation cache"), q);
    }
    return true;
}

QByteArray ReconOfflineCache::queryToJson(const MismatchQuery& query)
{
    const MismatchFilter& f = query.filter;
    const QJsonObject filter{
        {QStringLiteral("types"), enums(f.types)},
        {QStringLiteral("statuses"), enums(f.statuses)},
        {QStringLiteral("providerIds"), strings(f.providerIds)},
        {QStringLiteral("regions"), strings(f.regions)},
        {QStringLiteral("currencies"), strings(f.currencies)},
        {QStringLiteral("minAmountMinor"), f.minAmountMinor},
        {QStringLiteral("maxAmountMinor"), f.maxAmountMinor},
        {QStringLiteral("minAgeSeconds"), f.minAgeSeconds},
        {QStringLiteral("maxAgeSeconds"), f.maxAgeSeconds},
        {QStringLiteral("assignee"), f.assignee},
        {QStringLiteral("text"), f.text},
    };
    const QJsonObject o{{QStringLiteral("filter"), filter},
                        {QStringLiteral("sort"), int(query.sort)},
                        {QStringLiteral("descending"), query.descending}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool ReconOfflineCache::queryFromJson(const QByteArray& json, MismatchQuery* query)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return false;
    const QJsonObject o = doc.object();
    const QJsonObject f = o.value(QStringLiteral("filter")).toObject();
    MismatchQuery q;
    q.filter.types = enums(f.value(QStringLiteral("types")), MismatchType::ChargebackWithoutOrder);
    q.filter.statuses = enums(f.value(QStringLiteral("statuses")), MismatchStatus::WrittenOff);
    q.filter.providerIds = strings(f.value(QStringLiteral("providerIds")));
    q.filter.regions = strings(f.value(QStringLiteral("regions")));
    q.filter.currencies = strings(f.value(QStringLiteral("currencies")));
    q.filter.minAmountMinor = f.value(QStringLiteral("minAmountMinor")).toInteger();
    q.filter.maxAmountMinor = f.value(QStringLiteral("maxAmountMinor")).toInteger();
    q.filter.minAgeSeconds = f.value(QStringLiteral("minAgeSeconds")).toInteger();
    q.filter.maxAgeSeconds = f.value(QStringLiteral("maxAgeSeconds")).toInteger();
    q.filter.assignee = f.value(QStringLiteral("assignee")).toString();
    q.filter.text = f.value(QStringLiteral("text")).toString();
    const qint64 sort = o.value(QStringLiteral("sort")).toInteger();
    q.sort = sort >= qint64(MismatchSort::DetectedAt) && sort <= qint64(MismatchSort::OrderId)
                 ? MismatchSort(sort)
                 : MismatchSort::DetectedAt;
    q.descending = o.value(QStringLiteral("descending")).toBool();
    *query = q;
    return true;
}

bool ReconOfflineCache::save(const MismatchQuery& query, const QVector<Mismatch>& rows,
                             const MismatchSummary& summary, qint64 savedAtMs, QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    if (!db.isOpen()) {
        if (error)
            *error = QStringLiteral("The offline reconciliation cache is not open.");
        return false;
    }
    MismatchQuery safe = query;  // what someone typed into the search could be a card number
    safe.filter.providerIds = redacted(safe.filter.providerIds);
    safe.filter.regions = redacted(safe.filter.regions);
    safe.filter.currencies = redacted(safe.filter.currencies);
    safe.filter.assignee = redactSecrets(safe.filter.assignee);
    safe.filter.text = redactSecrets(safe.filter.text);

    db.transaction();
    QSqlQuery q(db);
    auto abort = [&](const QString& what, const QSqlQuery& failed) {
        fail(error, what, failed);
        db.rollback();
        return false;
    };
    for (const char* table : {"snapshot", "mismatches", "summary_types", "summary_totals"})
        if (!q.exec(QStringLiteral("DELETE FROM ") + QLatin1String(table)))
            return abort(QStringLiteral("Cannot replace the offline reconciliation cache"), q);
    q.prepare(QStringLiteral("INSERT INTO snapshot VALUES (1, ?, ?, ?, ?)"));
    for (const QVariant& v : {QVariant(savedAtMs), QVariant(QString::fromUtf8(queryToJson(safe))),
                              QVariant(summary.total), QVariant(summary.platformMs)})
        q.addBindValue(v);
    if (!q.exec())
        return abort(QStringLiteral("Cannot save the offline reconciliation cache"), q);

    q.prepare(
        QStringLiteral("INSERT INTO mismatches VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const qsizetype kept = std::min<qsizetype>(rows.size(), kMaxRows);
    for (qsizetype i = 0; i < kept; ++i) {
        const Mismatch& m = rows[i];
        for (const QVariant& v :
             {QVariant(qint64(i)), text(redactSecrets(m.id)), QVariant(int(m.type)),
              QVariant(m.rawType), QVariant(int(m.status)), text(redactSecrets(m.providerId)),
              text(redactSecrets(m.region)), text(redactSecrets(m.orderId)),
              text(redactSecrets(m.providerReference)), QVariant(m.amount.minor),
              text(redactSecrets(m.amount.currency)), QVariant(m.detectedMs),
              text(redactSecrets(m.assignee)), QVariant(m.version), text(redactSecrets(m.summary)),
              text(redactSecrets(m.pendingApprovalId)), text(redactSecrets(m.problem))})
            q.addBindValue(v);
        if (!q.exec())
            return abort(QStringLiteral("Cannot save the offline reconciliation cache"), q);
    }

    QSqlQuery totals(db);
    q.prepare(QStringLiteral("INSERT INTO summary_types VALUES (?, ?, ?)"));
    totals.prepare(QStringLiteral("INSERT INTO summary_totals VALUES (?, ?, ?)"));
    for (qsizetype i = 0; i < summary.types.size(); ++i) {
        const TypeSummary& t = summary.types[i];
        q.addBindValue(qint64(i));
        q.addBindValue(int(t.type));
        q.addBindValue(t.count);
        if (!q.exec())
            return abort(QStringLiteral("Cannot save the offline reconciliation cache"), q);
        for (const Money& m : t.totals) {
            totals.addBindValue(qint64(i));
            totals.addBindValue(text(redactSecrets(m.currency)));
            totals.addBindValue(m.minor);
            if (!totals.exec())
                return abort(QStringLiteral("Cannot save the offline reconciliation cache"),
                             totals);
        }
    }
    if (!db.commit())
        return abort(QStringLiteral("Cannot save the offline reconciliation cache"), q);
    return true;
}

bool ReconOfflineCache::load(MismatchQuery* query, QVector<Mismatch>* rows,
                             MismatchSummary* summary, qint64* savedAtMs, QString* error) const
{
    if (error)
        error->clear();
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    if (!db.isOpen()) {
        if (error)
            *error = QStringLiteral("The offline reconciliation cache is not open.");
        return false;
    }
    const QString unreadable = QStringLiteral("Cannot read the offline reconciliation cache");
    // One read transaction: a consistent snapshot even if another process writes.
    db.transaction();
    auto done = [&](bool ok) {
        db.commit();
        return ok;
    };
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT saved_at_ms, query_json, summary_total, "
                               "summary_platform_ms FROM snapshot WHERE id = 1")))
        return done(fail(error, unreadable, q));
    if (!q.next())
        return done(false);  // nothing saved yet
    MismatchQuery storedQuery;
    if (!queryFromJson(q.value(1).toString().toUtf8(), &storedQuery)) {
        if (error)
            *error = unreadable + QStringLiteral(": the saved query is not valid JSON.");
        return done(false);
    }
    const qint64 saved = q.value(0).toLongLong();
    MismatchSummary s;
    s.total = q.value(2).toLongLong();
    s.platformMs = q.value(3).toLongLong();

    QVector<Mismatch> out;
    if (!q.exec(QStringLiteral("SELECT id, type, raw_type, status, provider, region, order_id, "
                               "provider_reference, amount_minor, currency, detected_ms, "
                               "assignee, version, summary, pending_approval_id, problem "
                               "FROM mismatches ORDER BY position")))
        return done(fail(error, unreadable, q));
    while (q.next()) {
        Mismatch m;
        m.id = q.value(0).toString();
        m.type = toEnum(q.value(1).toLongLong(), MismatchType::ChargebackWithoutOrder);
        m.rawType = q.value(2).toInt();
        m.status = toEnum(q.value(3).toLongLong(), MismatchStatus::WrittenOff);
        m.providerId = q.value(4).toString();
        m.region = q.value(5).toString();
        m.orderId = q.value(6).toString();
        m.providerReference = q.value(7).toString();
        m.amount = {q.value(8).toLongLong(), q.value(9).toString()};
        m.detectedMs = q.value(10).toLongLong();
        m.assignee = q.value(11).toString();
        m.version = q.value(12).toLongLong();
        m.summary = q.value(13).toString();
        m.pendingApprovalId = q.value(14).toString();
        m.problem = q.value(15).toString();
        out.append(m);
    }

    if (!q.exec(QStringLiteral("SELECT t.position, t.type, t.count, s.currency, s.amount_minor "
                               "FROM summary_types t LEFT JOIN summary_totals s "
                               "ON s.type_position = t.position ORDER BY t.position, s.rowid")))
        return done(fail(error, unreadable, q));
    qint64 position = -1;
    while (q.next()) {
        if (q.value(0).toLongLong() != position) {
            position = q.value(0).toLongLong();
            TypeSummary t;
            t.type = toEnum(q.value(1).toLongLong(), MismatchType::ChargebackWithoutOrder);
            t.count = q.value(2).toLongLong();
            s.types.append(t);
        }
        if (!q.isNull(3))
            s.types.last().totals.append({q.value(4).toLongLong(), q.value(3).toString()});
    }
    *query = storedQuery;
    *rows = out;
    *summary = s;
    *savedAtMs = saved;
    return done(true);
}

bool ReconOfflineCache::checkIntegrity(QString* error) const
{
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return fail(error, QStringLiteral("Cannot check the offline reconciliation cache"), q);
    QStringList problems;
    while (q.next())
        problems.append(q.value(0).toString());
    if (problems == QStringList{QStringLiteral("ok")})
        return true;
    if (error)
        *error = problems.join('\n');
    return false;
}

}  // namespace wf
