#pragma once

// Reconciliation in the console: the queue's clients and model, the views,
// and the safe actions on mismatches. Single actions and bulk runs go
// through the ActionController (dialog with a reason, one idempotency key
// per item, pending until the server confirms, the audit log). A bulk run
// shows progress, can be cancelled, and reports each item that failed and
// why; "Retry failed" sends only those, with their original keys.

#include "action_executor.h"
#include "endpoint_config.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QSplitter;
class QTimer;
class QWidget;

namespace wf {

class ActionController;
class ReconBulkRun;
class ReconFeedClient;
class ReconQueryClient;
class ReconQueueModel;
class ReconQueueView;

class ReconController : public QObject {
    Q_OBJECT
public:
    ReconController(QWidget* dialogParent, ActionExecutor* executor, ActionController* actions,
                    QObject* parent = nullptr);
    ~ReconController() override;

    // The tab's contents: the queue (and, as they are added, its panes).
    QWidget* widget() const;
    ReconQueueView* queueView() const { return queueView_; }
    ReconQueueModel* model() const { return model_; }
    ReconQueryClient* queries() const { return queries_; }
    ReconFeedClient* feed() const { return feed_; }
    ReconBulkRun* lastRun() const { return run_; }

    void start(const EndpointConfig& config);
    void stop();
    void setSession(const SessionInfo& session);

    // With a dialog (reason, note, typed count for bulk money-moving actions).
    void requestResolve(const QVector<Mismatch>& rows, ResolutionAction action);
    void requestAssign(const QVector<Mismatch>& rows);
    // Without a dialog (tests, and after the dialog): one item or a bulk run.
    void resolve(const QVector<Mismatch>& rows, ResolutionAction action, const QString& reason,
                 const QString& note);
    void assign(const QVector<Mismatch>& rows, const QString& assignee, const QString& reason);

signals:
    void message(const QString& text);
    void bulkFinished(int succeeded, int failed, int notSent);

private:
    void runBulk(const QVector<ActionRequest>& items, const QString& what);
    void onBulkFinished(const QString& what);
    void onActionUpdated(const ActionOutcome& outcome);

    QWidget* dialogParent_;
    ActionExecutor* executor_;
    ActionController* actions_;
    ReconQueryClient* queries_;
    ReconFeedClient* feed_;
    ReconQueueModel* model_;
    QSplitter* splitter_;
    ReconQueueView* queueView_;
    ReconBulkRun* run_ = nullptr;
    QPointer<QProgressDialog> progress_;
    SessionInfo session_;
    QTimer* clock_;
};

}  // namespace wf
