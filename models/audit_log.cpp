#include "audit_log.h"

#include <QDir>
#include <QStandardPaths>

namespace wf {

class AuditLogWorker : public QObject {
public:
    AuditStore store;
};

AuditLog::AuditLog(QObject* parent) : QObject(parent), worker_(new AuditLogWorker)
{
    qRegisterMetaType<wf::AuditEntry>();
    qRegisterMetaType<QVector<wf::AuditEntry>>();
    qRegisterMetaType<wf::AuditVerification>();
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.setObjectName(QStringLiteral("audit-log"));
    thread_.start();
}

AuditLog::~AuditLog()
{
    QMetaObject::invokeMethod(
        worker_, [w = worker_] { w->store.close(); }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}

QString AuditLog::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/audit.sqlite");
}

void AuditLog::open(const QString& path)
{
    QMetaObject::invokeMethod(worker_, [this, path] {
        QString error;
        const bool ok = worker_->store.open(path, &error);
        emit opened(ok, ok ? path : error);
        if (ok)
            emit loaded(worker_->store.readAll());
    });
}

void AuditLog::append(const AuditEntry& entry)
{
    QMetaObject::invokeMethod(worker_, [this, entry] {
        QString error;
        if (auto stored = worker_->store.append(entry, &error))
            emit appended(*stored);
        else
            emit failed(error);
    });
}

void AuditLog::reload()
{
    QMetaObject::invokeMethod(worker_, [this] { emit loaded(worker_->store.readAll()); });
}

void AuditLog::verify()
{
    QMetaObject::invokeMethod(worker_, [this] { emit verified(worker_->store.verify()); });
}

void AuditLog::exportCsv(const QString& file)
{
    QMetaObject::invokeMethod(worker_, [this, file] {
        QString error;
        const bool ok = worker_->store.exportCsv(file, &error);
        emit exported(ok, ok ? QStringLiteral("Exported the audit log to %1.").arg(file) : error);
    });
}

void AuditLog::flush()
{
    QMetaObject::invokeMethod(
        worker_, [] {}, Qt::BlockingQueuedConnection);
}

}  // namespace wf
