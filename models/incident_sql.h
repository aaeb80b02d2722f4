#pragma once

// Internal to IncidentStore: the small SQL helpers its files share (write
// transactions, binding, ids, results in words). Not for other users.

#include "incident_store.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <initializer_list>
#include <optional>

namespace wf::incident_sql {

// SQLite stores a null QString as NULL; the text columns are NOT NULL.
inline QVariant text(const QString& s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

inline QVariant optionalMs(std::optional<qint64> ms)
{
    return ms ? QVariant(*ms) : QVariant();
}

inline std::optional<qint64> optionalMs(const QSqlQuery& q, int column)
{
    if (q.isNull(column))
        return std::nullopt;
    return q.value(column).toLongLong();
}

inline void bindAll(QSqlQuery& q, std::initializer_list<QVariant> values)
{
    for (const QVariant& v : values)
        q.addBindValue(v);
}

// The record id in the one form the store keeps, or nullopt when it is not
// a UUID (braces and upper case are accepted and normalised).
std::optional<QString> normalizedId(const QString& id);

// "2024-03-05 14:05 UTC"
QString utcText(qint64 ms);

inline WriteResult result(WriteOutcome outcome, const QString& message = {}, qint64 revision = 0)
{
    return {outcome, message, revision};
}

inline WriteResult failed(const QString& what, const QSqlQuery& q)
{
    return {WriteOutcome::Failed, QStringLiteral("%1: %2").arg(what, q.lastError().text()), 0};
}

// One BEGIN IMMEDIATE ... COMMIT: takes the write lock up front (waiting
// for another writer up to the busy timeout) so it never has to upgrade a
// read lock half-way. Rolls back unless committed.
class WriteTransaction {
public:
    explicit WriteTransaction(const QSqlDatabase& db) : db_(db), q_(db) {}
    ~WriteTransaction()
    {
        if (begun_ && !committed_)
            QSqlQuery(db_).exec(QStringLiteral("ROLLBACK"));
    }
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    bool begin()
    {
        begun_ = q_.exec(QStringLiteral("BEGIN IMMEDIATE"));
        return begun_;
    }
    bool commit()
    {
        committed_ = q_.exec(QStringLiteral("COMMIT"));
        return committed_;
    }
    // The statement that failed to begin or commit.
    const QSqlQuery& query() const { return q_; }

private:
    QSqlDatabase db_;
    QSqlQuery q_;
    bool begun_ = false;
    bool committed_ = false;
};

// Whether the incident is there (false also when the query fails; the
// caller's next statement reports that).
bool incidentExists(const QSqlDatabase& db, const QString& incidentId);

// Shared by the store's files: columns and row readers.
extern const QString kIncidentColumns;
extern const QString kTimelineColumns;
extern const QString kItemColumns;
QString toJson(const QStringList& list);
QStringList fromJson(const QString& json);
Incident readIncident(const QSqlQuery& q);
TimelineEntry readEntry(const QSqlQuery& q);
ActionItem readItem(const QSqlQuery& q);
QVariant dueDate(const QDate& d);
// Inserts an entry whose id is already normalised and whose text is clean
// (ON CONFLICT (id) DO NOTHING).
bool insertEntry(QSqlQuery& q, const TimelineEntry& e);

inline QString notOpen()
{
    return QStringLiteral("The incident store is not open.");
}

inline QString noIncident(const QString& id)
{
    return QStringLiteral("There is no incident %1 in this incident store.").arg(id);
}

}  // namespace wf::incident_sql
