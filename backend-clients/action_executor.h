#pragma once

// Sends state-changing calls (rollback, flag state) off the UI thread. Each
// intended change gets one idempotency key, reused by every retry: a lost
// response or a timeout is retried with backoff and can never apply the
// change twice. The outcome is reported only as the server confirmed it.
// Also asks the platform who we are (role and permissions).

#include "change_types.h"
#include "endpoint_config.h"
#include "recon_types.h"

#include <QObject>
#include <QThreadPool>
#include <memory>
#include <optional>

namespace grpc {
class Channel;
}

namespace wf {

struct ActionRequest {
    enum class Kind {
        RollbackDeploy,
        SetFlagState,
        Failover,
        Failback,
        AssignMismatch,
        ResolveMismatch,
        DecideApproval,
    };
    Kind kind = Kind::RollbackDeploy;
    QString idempotencyKey;  // set by submit() when empty
    QString reason;
    QString summary;  // "Roll back payments-api 2026.11.25-7 in eu-west"
    QString target;   // deploy id, or flag key/environment/region
    qint64 expectedVersion = 0;
    // RollbackDeploy
    QString deployId;
    // SetFlagState
    QString flagKey;
    QString environment;
    QString region;
    bool enabled = false;
    // Failover / Failback (region above)
    VendorCategory category = VendorCategory::Unknown;
    QString targetVendorId;
    // Reconciliation: the mismatch (expectedVersion above), and
    QString mismatchId;
    QString assignee;                                         // AssignMismatch; empty unassigns
    ResolutionAction resolution = ResolutionAction::Unknown;  // ResolveMismatch
    QString note;                                             // mark matched, write off
    Money amount;          // refund amount; minor 0 = the mismatch's amount
    QString approvalId;    // DecideApproval
    bool approve = false;  // DecideApproval
    bool isReconciliation() const;
};

struct ActionOutcome {
    enum class State { Pending, Done, Failed };
    State state = State::Pending;
    ActionRequest request;
    int attempt = 0;
    QString message;             // in words: progress, or why it failed
    QString errorReason;         // ErrorDetail.reason, e.g. "STALE_VERSION"
    int statusCode = 0;          // grpc::StatusCode of the last failure
    qint64 currentVersion = -1;  // from a STALE_VERSION refusal
    QString actionId;
    bool replayed = false;
    QString actor;
    QString role;
    qint64 appliedMs = 0;
    std::optional<Deploy> deploy;
    std::optional<Flag> flag;
    std::optional<CategoryRouting> routing;
    std::optional<Mismatch> mismatch;  // the row after the change
    std::optional<Approval> approval;  // held for (or decided by) a second person
};

class ActionExecutor : public QObject {
    Q_OBJECT
public:
    explicit ActionExecutor(QObject* parent = nullptr);
    ~ActionExecutor() override;

    void setEndpoint(const EndpointConfig& config);
    // Retries after UNAVAILABLE / DEADLINE_EXCEEDED, with the same key.
    void setMaxAttempts(int n) { maxAttempts_ = n; }
    void setRetryDelayMs(int ms) { retryDelayMs_ = ms; }

    // Starts the action; returns its idempotency key. Progress and the
    // outcome arrive through actionUpdated.
    QString submit(ActionRequest request);
    // Asks the platform for our role; the answer arrives through sessionChanged.
    void refreshSession();
    const SessionInfo& session() const { return session_; }
    // Waits for running calls (tests, shutdown).
    void waitForIdle();

    static QString newIdempotencyKey();

signals:
    void actionUpdated(const wf::ActionOutcome& outcome);
    void sessionChanged(const wf::SessionInfo& session);
    void sessionFailed(const QString& message);

private:
    ActionOutcome execute(const ActionRequest& request, const EndpointConfig& config,
                          const std::shared_ptr<grpc::Channel>& channel);

    EndpointConfig config_;
    std::shared_ptr<grpc::Channel> channel_;
    SessionInfo session_;
    QThreadPool pool_;
    int maxAttempts_ = 4;
    int retryDelayMs_ = 400;
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::ActionOutcome)
