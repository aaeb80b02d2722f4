#pragma once

// The last loaded view of the reconciliation queue, kept in SQLite so that
// payments ops can still read it while the platform is unreachable: the
// query (as JSON), its first kMaxRows rows and the per-type summary, with the
// time it was saved. One snapshot only: each save replaces the previous one
// in one transaction. It is the last view, not a mirror of the queue.
//
// Money is stored as integer minor units and a currency, never REAL. Text is
// redacted on save (redactSecrets), so nothing card-like reaches the disk;
// secure_delete overwrites what a replaced snapshot leaves behind.
//
// Synchronous, with its own connection: use one instance from one thread
// only (the thread that opened it), and not the UI thread.

#include "recon_query_client.h"
#include "recon_types.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace wf {

class ReconOfflineCache {
public:
    static constexpr int kSchemaVersion = 1;
    static constexpr int kMaxRows = 5000;

    ReconOfflineCache();
    ~ReconOfflineCache();
    ReconOfflineCache(const ReconOfflineCache&) = delete;
    ReconOfflineCache& operator=(const ReconOfflineCache&) = delete;

    // Opens (creating or migrating) the file. Refuses a file written by a
    // newer schema, saying so in `error`.
    bool open(const QString& path, QString* error);
    void close();
    bool isOpen() const;
    QString path() const { return path_; }

    // Replaces the snapshot (rows beyond kMaxRows are not kept).
    bool save(const MismatchQuery& query, const QVector<Mismatch>& rows,
              const MismatchSummary& summary, qint64 savedAtMs, QString* error = nullptr);
    // The snapshot; false when there is none (error empty) or it cannot be
    // read (error says why).
    bool load(MismatchQuery* query, QVector<Mismatch>* rows, MismatchSummary* summary,
              qint64* savedAtMs, QString* error = nullptr) const;
    // PRAGMA integrity_check: true when "ok", otherwise what it found.
    bool checkIntegrity(QString* error) const;

    static QByteArray queryToJson(const MismatchQuery& query);
    static bool queryFromJson(const QByteArray& json, MismatchQuery* query);

private:
    bool migrate(QString* error);

    QString connection_;
    QString path_;
};

}  // namespace wf
