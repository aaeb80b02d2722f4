#include "recon_csv_export.h"

#include "redaction.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QLocale>
#include <QSaveFile>
#include <QTimeZone>
#include <atomic>
#include <mutex>

namespace wf {

namespace {

constexpr qint64 kProgressIntervalMs = 100;

QString grouped(qint64 n)
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions);  // "1,234"
    return c.toString(n);
}

// A cell we formatted ourselves from numbers: only quoted when needed.
QString numberCell(const QString& s)
{
    return s.contains(',') ? '"' + s + '"' : s;
}

QString amountCell(const Money& m)
{
    if (!m.valid())
        return {};
    const QString text = m.format();  // "1,234.50 EUR"
    return numberCell(text.left(text.size() - m.currency.size() - 1));
}

QString ageHoursCell(qint64 detectedMs, qint64 nowMs)
{
    if (detectedMs <= 0)
        return {};
    const qint64 tenths = std::max<qint64>(0, nowMs - detectedMs) / 360'000;
    return QStringLiteral("%1.%2").arg(tenths / 10).arg(tenths % 10);
}

}  // namespace

// Shared by the owner (UI thread) and the client's worker thread. The worker
// owns the file and the counters; `owner` is cleared (under `mutex`) when the
// export settles or the owner is destroyed, so nothing is posted after that.
struct ReconCsvExport::Job {
    std::mutex mutex;
    ReconCsvExport* owner = nullptr;  // guarded by mutex
    std::atomic<bool> cancelled{false};
    QString path;
    qint64 nowMs = 0;
    // Worker thread only:
    std::unique_ptr<QSaveFile> file;
    QString failure;
    qint64 rows = 0;
    qint64 total = 0;
    qint64 reportedRows = -1;
    QElapsedTimer sinceProgress;
    bool settled = false;

    template <typename F>
    void post(F f)
    {
        std::lock_guard lock(mutex);
        if (owner)
            QMetaObject::invokeMethod(owner, std::move(f), Qt::QueuedConnection);
    }
    void reportProgress(const std::shared_ptr<Job>& self, bool force);
    bool openFile();
    bool writePage(const QVector<Mismatch>& page, qint64 pageTotal);
    void finish(const std::shared_ptr<Job>& self, const QString& readError);
    QString where() const { return QDir::toNativeSeparators(path); }
};

void ReconCsvExport::Job::reportProgress(const std::shared_ptr<Job>& self, bool force)
{
    if (rows == reportedRows)
        return;
    if (!force && sinceProgress.isValid() && sinceProgress.elapsed() < kProgressIntervalMs)
        return;
    sinceProgress.start();
    reportedRows = rows;
    post([self, r = rows, t = total] {
        if (self->owner)
            emit self->owner->progress(r, t);
    });
}

bool ReconCsvExport::Job::openFile()
{
    file = std::make_unique<QSaveFile>(path);
    if (!file->open(QIODevice::WriteOnly)) {
        failure = QStringLiteral("Cannot write %1: %2").arg(where(), file->errorString());
        return false;
    }
    const QByteArray header = csvHeader().toUtf8();
    if (file->write(header) != header.size()) {
        failure = QStringLiteral("Cannot write %1: %2").arg(where(), file->errorString());
        return false;
    }
    return true;
}

bool ReconCsvExport::Job::writePage(const QVector<Mismatch>& page, qint64 pageTotal)
{
    if (!file && !openFile())
        return false;
    QByteArray chunk;
    for (const Mismatch& m : page)
        chunk += csvRow(m, nowMs).toUtf8();
    if (file->write(chunk) != chunk.size()) {
        failure = QStringLiteral("Cannot write %1: %2").arg(where(), file->errorString());
        return false;
    }
    rows += page.size();
    total = std::max(pageTotal, rows);
    return true;
}

void ReconCsvExport::Job::finish(const std::shared_ptr<Job>& self, const QString& readError)
{
    bool ok = false;
    QString message;
    if (!failure.isEmpty()) {
        message = failure + QStringLiteral(". Nothing was written.");
    } else if (cancelled.load()) {
        message = QStringLiteral("Export cancelled; nothing was written to %1.").arg(where());
    } else if (!readError.isEmpty()) {
        const QString why = readError.endsWith('.') ? readError : readError + '.';
        message =
            QStringLiteral("The export stopped: %1 Nothing was written to %2.").arg(why, where());
    } else if (!file && !openFile()) {
        message = failure + QStringLiteral(". Nothing was written.");
    } else if (!file->commit()) {
        message = QStringLiteral("Cannot save %1: %2. Nothing was written.")
                      .arg(where(), file->errorString());
    } else {
        ok = true;
        message = QStringLiteral("Exported %1 %2 to %3.")
                      .arg(grouped(rows),
                           rows == 1 ? QStringLiteral("mismatch") : QStringLiteral("mismatches"),
                           where());
    }
    file.reset();  // without commit() the temporary file is removed
    settled = true;
    if (ok)
        reportProgress(self, true);
    post([self, ok, message] {
        if (self->owner)
            self->owner->settle(self, ok, message);
    });
}

ReconCsvExport::ReconCsvExport(QObject* parent) : QObject(parent) {}

ReconCsvExport::~ReconCsvExport()
{
    if (job_) {
        job_->cancelled.store(true);
        std::lock_guard lock(job_->mutex);
        job_->owner = nullptr;
    }
}

bool ReconCsvExport::start(ReconQueryClient* client, const MismatchQuery& query,
                           const QString& path, qint64 nowMs)
{
    if (job_ || !client || path.isEmpty())
        return false;
    auto job = std::make_shared<Job>();
    job->owner = this;
    job->path = path;
    job->nowMs = nowMs > 0 ? nowMs : QDateTime::currentMSecsSinceEpoch();
    job_ = job;
    // Dropped unrun (the client stopped): the export settles as interrupted.
    struct Guard {
        explicit Guard(std::shared_ptr<Job> j) : job(std::move(j)) {}
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;
        std::shared_ptr<Job> job;
        ~Guard()
        {
            if (job->settled)
                return;
            job->post([j = job] {
                if (j->owner)
                    j->owner->settle(j, false,
                                     QStringLiteral("The export was interrupted: the "
                                                    "reconciliation client stopped. Nothing "
                                                    "was written to %1.")
                                         .arg(j->where()));
            });
        }
    };
    auto guard = std::make_shared<Guard>(job);
    client->readAll(
        query,
        [guard](const QVector<Mismatch>& rows, qint64 total) {
            Job& j = *guard->job;
            if (j.cancelled.load() || !j.writePage(rows, total))
                return false;
            j.reportProgress(guard->job, false);
            return true;
        },
        [guard](const QString& error) { guard->job->finish(guard->job, error); });
    return true;
}

void ReconCsvExport::cancel()
{
    if (job_)
        job_->cancelled.store(true);
}

void ReconCsvExport::settle(const std::shared_ptr<Job>& job, bool ok, const QString& message)
{
    if (job != job_)
        return;
    {
        std::lock_guard lock(job->mutex);
        job->owner = nullptr;  // settled: nothing more is posted
    }
    job_.reset();
    emit finished(ok, message);
}

QString ReconCsvExport::csvHeader()
{
    return QStringLiteral(
        "id,type,status,amount,currency,amount_minor,provider,region,order_id,"
        "provider_reference,detected_at,age_hours,assignee,version,summary\r\n");
}

QString ReconCsvExport::csvTextCell(const QString& text)
{
    QString v = redactSecrets(text);
    // A leading = + - @ (or a tab or CR before one) is a formula to a spreadsheet.
    if (!v.isEmpty() && QStringLiteral("=+-@\t\r").contains(v.front()))
        v.prepend('\'');
    if (v.contains(',') || v.contains('"') || v.contains('\n') || v.contains('\r'))
        v = '"' + v.replace('"', QStringLiteral("\"\"")) + '"';
    return v;
}

QString ReconCsvExport::csvRow(const Mismatch& m, qint64 nowMs)
{
    const QString type = m.type == MismatchType::Unknown
                             ? QStringLiteral("Unknown type (%1)").arg(m.rawType)
                             : mismatchTypeName(m.type);
    const QString detected = m.detectedMs > 0
                                 ? QDateTime::fromMSecsSinceEpoch(m.detectedMs, QTimeZone::utc())
                                       .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"))
                                 : QString();
    const QStringList cells{csvTextCell(m.id),
                            csvTextCell(type),
                            csvTextCell(mismatchStatusName(m.status)),
                            maskCardNumbers(amountCell(m.amount)),
                            csvTextCell(m.amount.currency),
                            maskCardNumbers(QString::number(m.amount.minor)),
                            csvTextCell(m.providerId),
                            csvTextCell(m.region),
                            csvTextCell(m.orderId),
                            csvTextCell(m.providerReference),
                            detected,
                            ageHoursCell(m.detectedMs, nowMs),
                            csvTextCell(m.assignee),
                            maskCardNumbers(QString::number(m.version)),
                            csvTextCell(m.summary)};
    return cells.join(',') + QStringLiteral("\r\n");
}

}  // namespace wf
