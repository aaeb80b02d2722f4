#pragma once

// Reconciliation in the console: the queue's clients and model, the views,
// and the safe actions on mismatches. Single actions and bulk runs go
// through the ActionController (dialog with a reason, one idempotency key
// per item, pending until the server confirms, the audit log). A bulk run
// shows progress, can be cancelled, and reports each item that failed and
// why; "Retry failed" sends only those, with their original keys.

#include "action_executor.h"
#include "endpoint_config.h"

#include "connection_status.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QProgressDialog;
class QSplitter;
class QTabWidget;
class QThreadPool;
class QTimer;
class QWidget;

namespace wf {

class ActionController;
class ApprovalListModel;
class ApprovalsView;
class ReconBulkRun;
class ReconChangePump;
class ReconCsvExport;
class ReconDetailView;
class ReconOfflineCache;
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
    ReconDetailView* detailView() const { return detailView_; }
    ApprovalsView* approvalsView() const { return approvalsView_; }
    ApprovalListModel* approvalsModel() const { return approvals_; }
    ReconQueueModel* model() const { return model_; }
    ReconQueryClient* queries() const { return queries_; }
    ReconFeedClient* feed() const { return feed_; }
    ReconBulkRun* lastRun() const { return run_; }

    // Where the last view is kept for reading offline (default: the user's
    // data directory). Set before start().
    void setCachePath(const QString& path) { cachePath_ = path; }
    // Writes the current filter's rows to `path` (card numbers masked).
    void exportTo(const QString& path);
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
    void requestDecision(const Approval& approval, bool approve);
    void decide(const Approval& approval, bool approve, const QString& reason);

signals:
    void message(const QString& text);
    void bulkFinished(int succeeded, int failed, int notSent);
    void exportFinished(bool ok, const QString& message);
    // The offline copy was shown (savedAtMs) or the live queue is back (0).
    void offlineChanged(qint64 savedAtMs);

private:
    void runBulk(const QVector<ActionRequest>& items, const QString& what);
    void onBulkFinished(const QString& what);
    void onActionUpdated(const ActionOutcome& outcome);
    void onFeedStatus(const ConnectionStatus& status);
    void saveSnapshot();
    void loadSnapshot();
    void showCurrentDetail(const QString& id);

    QWidget* dialogParent_;
    ActionExecutor* executor_;
    ActionController* actions_;
    ReconQueryClient* queries_;
    ReconFeedClient* feed_;
    ReconQueueModel* model_;
    QTabWidget* tabs_;
    QSplitter* splitter_;
    ReconQueueView* queueView_;
    ReconDetailView* detailView_;
    ApprovalListModel* approvals_;
    ApprovalsView* approvalsView_;
    ReconCsvExport* exporter_;
    std::shared_ptr<ReconOfflineCache> cache_;  // used on cachePool_ only
    QThreadPool* cachePool_;
    QTimer* saveTimer_;
    ReconChangePump* pump_;
    QString cachePath_;
    bool live_ = false;
    bool started_ = false;
    ReconBulkRun* run_ = nullptr;
    QPointer<QProgressDialog> progress_;
    SessionInfo session_;
    QTimer* clock_;
};

}  // namespace wf
