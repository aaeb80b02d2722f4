#pragma once

// The audit log as the UI uses it: an AuditStore on its own thread, so the
// UI never waits on the disk. Requests are queued; answers come as signals.

#include "audit_store.h"

#include <QObject>
#include <QThread>

namespace wf {

class AuditLogWorker;

class AuditLog : public QObject {
    Q_OBJECT
public:
    explicit AuditLog(QObject* parent = nullptr);
    ~AuditLog() override;

    // Default: <app data>/audit.sqlite
    static QString defaultPath();

    void open(const QString& path);
    void append(const AuditEntry& entry);
    void reload();
    void verify();
    void exportCsv(const QString& file);
    // Blocks until every queued request has been written (shutdown, tests).
    void flush();

signals:
    void opened(bool ok, const QString& message);
    void appended(const wf::AuditEntry& entry);
    void loaded(const QVector<wf::AuditEntry>& entries);
    void verified(const wf::AuditVerification& result);
    void exported(bool ok, const QString& message);
    void failed(const QString& message);

private:
    QThread thread_;
    AuditLogWorker* worker_;
};

}  // namespace wf
