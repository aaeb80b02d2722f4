#pragma once

// Exports every row of a reconciliation query to a CSV file. The rows are
// read page by page through ReconQueryClient::readAll and written on that
// client's worker thread (the UI thread never touches the disk) into a
// QSaveFile that is committed only at the end: a cancelled or failed export
// leaves no half-written file and an existing file as it was.
//
// The CSV is UTF-8 without a BOM, CRLF line ends, RFC 4180 quoting. Every
// text cell goes through redactSecrets (card numbers masked, tokens removed)
// and a text cell starting with = + - @ tab or CR gets a leading apostrophe so
// that a spreadsheet does not run it as a formula. Numbers we format
// ourselves (amount, amount_minor, age_hours, version) are written as they
// are, except that a number shaped like a card number is masked too (found
// by fuzz_exports: an amount_minor of 2305843009213706297 passes Luhn).

#include "recon_query_client.h"
#include "recon_types.h"

#include <QObject>
#include <QString>
#include <memory>

namespace wf {

class ReconCsvExport : public QObject {
    Q_OBJECT
public:
    explicit ReconCsvExport(QObject* parent = nullptr);
    ~ReconCsvExport() override;

    // Starts writing every row of `query` to `path`; false (and nothing
    // started) when an export is already running, or without a client or a
    // path. The outcome arrives through finished(). `nowMs` (the platform's
    // clock; 0: this machine's) is what age_hours counts from.
    bool start(ReconQueryClient* client, const MismatchQuery& query, const QString& path,
               qint64 nowMs = 0);
    // Stops after the page being written; the file is not created or changed.
    void cancel();
    bool isRunning() const { return job_ != nullptr; }

    // The header line and one row, CRLF-terminated. `nowMs` gives age_hours.
    static QString csvHeader();
    static QString csvRow(const Mismatch& m, qint64 nowMs);
    // One text cell: redacted, defused against formulas, quoted if needed.
    static QString csvTextCell(const QString& text);

signals:
    // On this object's thread, at most about ten times a second (and once
    // more at the end).
    void progress(qint64 rowsWritten, qint64 total);
    // "Exported 1,234 mismatches to …", or why nothing was written.
    void finished(bool ok, const QString& message);

private:
    struct Job;
    void settle(const std::shared_ptr<Job>& job, bool ok, const QString& message);

    std::shared_ptr<Job> job_;  // the running export, null when idle
};

}  // namespace wf
