#pragma once

// Turns "Roll back…" and "Change state…" into safe actions: the dialog (what
// it touches, a reason, the typed name for production), one idempotency key
// per intended change, pending until the server confirms, and an audit log
// entry when it is sent and when it is settled.

#include "action_executor.h"

#include <QObject>

class QWidget;

namespace wf {

class AuditLog;
class DeployListModel;
class FlagListModel;
class VendorGridModel;

class ActionController : public QObject {
    Q_OBJECT
public:
    ActionController(QWidget* dialogParent, ActionExecutor* executor, DeployListModel* deploys,
                     FlagListModel* flags, VendorGridModel* vendors, AuditLog* audit,
                     QObject* parent = nullptr);

    void requestRollback(const Deploy& deploy);
    void requestFlagChange(const Flag& flag);
    void requestFailover(VendorCategory category, const QString& region);
    void requestFailback(VendorCategory category, const QString& region);

    // Writes "requested" to the audit log and sends the request (a new
    // idempotency key unless it carries one: a bulk run's derived key).
    void submit(const ActionRequest& request);

signals:
    // For the status bar, in words.
    void message(const QString& text);

private:
    void requestRouting(ActionRequest::Kind kind, VendorCategory category, const QString& region);
    void onActionUpdated(const ActionOutcome& outcome);
    void writeAudit(const ActionRequest& request, const QString& outcome, const QString& detail);

    QWidget* dialogParent_;
    ActionExecutor* executor_;
    DeployListModel* deploys_;
    FlagListModel* flags_;
    VendorGridModel* vendors_;
    AuditLog* audit_;
};

}  // namespace wf
