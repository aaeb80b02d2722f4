#pragma once

// The local audit log: every action the console sends, in SQLite (WAL,
// migrations by user_version). Append-only: triggers refuse UPDATE and
// DELETE, and every row carries the SHA-256 of the previous row's hash and
// its own fields, so a changed, removed or inserted row breaks the chain.
// Synchronous: run it on a worker thread (AuditLog does).

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVector>
#include <optional>

namespace wf {

struct AuditEntry {
    qint64 id = 0;  // assigned by the store
    qint64 atMs = 0;
    QString actor;
    QString role;
    QString action;  // "deploy.rollback", "flag.set"
    QString target;
    QString reason;
    QString idempotencyKey;
    QString outcome;  // "requested", "confirmed", "failed"
    QString detail;
    QString prevHash;
    QString hash;
};

struct AuditVerification {
    bool ok = true;
    qint64 rows = 0;
    qint64 firstBadId = 0;  // 0 when ok
    QString message;
};

class AuditStore {
public:
    static constexpr int kSchemaVersion = 1;

    AuditStore();
    ~AuditStore();
    AuditStore(const AuditStore&) = delete;
    AuditStore& operator=(const AuditStore&) = delete;

    // Opens (creating or migrating) the database file.
    bool open(const QString& path, QString* error);
    void close();
    QString path() const { return path_; }

    // Redacts, chains and writes the entry; returns it as stored.
    std::optional<AuditEntry> append(AuditEntry entry, QString* error);
    QVector<AuditEntry> readAll(QString* error = nullptr) const;
    AuditVerification verify() const;
    bool exportCsv(const QString& file, QString* error) const;

    static QString chainHash(const QString& prevHash, const AuditEntry& e);

private:
    bool migrate(QString* error);

    QString connection_;
    QString path_;
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::AuditEntry)
Q_DECLARE_METATYPE(wf::AuditVerification)
