#pragma once

// One action over many mismatches: sent a few at a time through the
// ActionExecutor, each with its own idempotency key derived from the run's
// key and the mismatch id, so retrying the run (or the executor retrying a
// lost answer) never applies an item twice. Progress is counted as the
// server confirms; cancel stops sending new items (those already sent
// finish); failures are kept with the reason, and `retryFailed` sends only
// those again, with their original keys.

#include "action_executor.h"

#include <QHash>
#include <QMap>
#include <QObject>

namespace wf {

class ReconBulkRun : public QObject {
    Q_OBJECT
public:
    // `submit` sends one request (normally ActionController::submit, which
    // also writes the audit log); the run listens to `executor` for outcomes.
    using Submit = std::function<void(const ActionRequest&)>;
    ReconBulkRun(ActionExecutor* executor, Submit submit, QObject* parent = nullptr);

    // Items must differ by mismatchId; keys are set here.
    void start(const QVector<ActionRequest>& items, const QString& runKey = {});
    void cancel();
    void retryFailed();
    void setMaxInFlight(int n) { maxInFlight_ = qMax(1, n); }

    int total() const { return int(items_.size()); }
    int succeeded() const { return succeeded_; }
    int failedCount() const { return int(failures_.size()); }
    int notSent() const;
    bool running() const { return inFlight_ > 0 || (!cancelled_ && next_ < queue_.size()); }
    bool cancelled() const { return cancelled_; }
    QString runKey() const { return runKey_; }
    // Each failed item's outcome (the request, and why), in the order they failed.
    QVector<ActionOutcome> failures() const { return failures_.values().toVector(); }

signals:
    void progress(int settled, int total);
    void finished();

private:
    void pump();
    void onUpdated(const ActionOutcome& outcome);

    ActionExecutor* executor_;
    Submit submit_;
    QString runKey_;
    QVector<ActionRequest> items_;
    QVector<int> queue_;            // indexes into items_, in sending order
    qsizetype next_ = 0;            // next queue_ entry to send
    QHash<QString, int> byKey_;     // idempotency key -> item
    QHash<QString, bool> settled_;  // key -> succeeded
    QMap<int, ActionOutcome> failures_;
    int inFlight_ = 0;
    int succeeded_ = 0;
    int maxInFlight_ = 4;
    bool cancelled_ = false;
};

}  // namespace wf
