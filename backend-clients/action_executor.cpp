#include "action_executor.h"

#include "action_calls.h"
#include "change_conversion.h"
#include "platform_channel.h"
#include "watchfloor/v1/common.pb.h"
#include "watchfloor/v1/session.grpc.pb.h"

#include <spdlog/spdlog.h>
#include <QMetaObject>
#include <QThread>
#include <QUuid>

namespace wf {

namespace v1 = watchfloor::v1;

namespace {

bool retryable(grpc::StatusCode code)
{
    // The change may or may not have been applied: only the same key is safe.
    return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED ||
           code == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

}  // namespace

bool ActionRequest::isReconciliation() const
{
    return kind == Kind::AssignMismatch || kind == Kind::ResolveMismatch ||
           kind == Kind::DecideApproval;
}

ActionExecutor::ActionExecutor(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<wf::ActionOutcome>();
    qRegisterMetaType<wf::SessionInfo>();
    pool_.setMaxThreadCount(2);
}

ActionExecutor::~ActionExecutor()
{
    pool_.waitForDone();
}

void ActionExecutor::setEndpoint(const EndpointConfig& config)
{
    config_ = config;
    QString error;
    channel_ = createPlatformChannel(config, &error);
    session_ = {};
}

QString ActionExecutor::newIdempotencyKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void ActionExecutor::waitForIdle()
{
    pool_.waitForDone();
}

QString ActionExecutor::submit(ActionRequest request)
{
    if (request.idempotencyKey.isEmpty())
        request.idempotencyKey = newIdempotencyKey();
    ActionOutcome pending;
    pending.request = request;
    pending.message = QStringLiteral("Sent; waiting for the platform to confirm…");
    emit actionUpdated(pending);
    const EndpointConfig config = config_;
    const auto channel = channel_;
    pool_.start([this, request, config, channel] {
        const ActionOutcome outcome = execute(request, config, channel);
        emit actionUpdated(outcome);
    });
    return request.idempotencyKey;
}

ActionOutcome ActionExecutor::execute(const ActionRequest& request, const EndpointConfig& config,
                                      const std::shared_ptr<grpc::Channel>& channel)
{
    ActionOutcome o;
    o.request = request;
    if (!channel) {
        o.state = ActionOutcome::State::Failed;
        o.message = QStringLiteral("Not connected to a platform.");
        return o;
    }
    for (o.attempt = 1; o.attempt <= maxAttempts_; ++o.attempt) {
        grpc::ClientContext ctx;
        prepareCall(ctx, config, config.callDeadlineMs);
        const grpc::Status st = request.isReconciliation()
                                    ? callReconAction(request, ctx, channel, o)
                                    : callPlatformAction(request, ctx, channel, o);
        if (st.ok()) {
            o.state = ActionOutcome::State::Done;
            o.message = o.replayed ? QStringLiteral(
                                         "Confirmed by the platform (applied by an "
                                         "earlier attempt; not applied twice).")
                                   : QStringLiteral("Confirmed by the platform.");
            spdlog::info("action {} ({}): done, action id {}{}", request.summary.toStdString(),
                         request.idempotencyKey.toStdString(), o.actionId.toStdString(),
                         o.replayed ? " (replayed)" : "");
            return o;
        }
        o.statusCode = int(st.error_code());
        o.errorReason = QString::fromStdString(errorReason(st));
        o.message = describeStatus(st, config);
        v1::ErrorDetail detail;
        if (!st.error_details().empty() && detail.ParseFromString(st.error_details())) {
            auto it = detail.metadata().find("current_version");
            if (it != detail.metadata().end())
                o.currentVersion = QString::fromStdString(it->second).toLongLong();
        }
        spdlog::warn("action {} ({}): attempt {} failed: {}", request.summary.toStdString(),
                     request.idempotencyKey.toStdString(), o.attempt, o.message.toStdString());
        if (!retryable(st.error_code()) || o.attempt == maxAttempts_)
            break;
        ActionOutcome progress = o;
        progress.state = ActionOutcome::State::Pending;
        progress.message = QStringLiteral(
                               "No answer yet (%1); retrying with the same key, "
                               "attempt %2 of %3…")
                               .arg(o.message)
                               .arg(o.attempt + 1)
                               .arg(maxAttempts_);
        emit actionUpdated(progress);
        QThread::msleep(ulong(retryDelayMs_ * o.attempt));
    }
    o.state = ActionOutcome::State::Failed;
    if (retryable(grpc::StatusCode(o.statusCode)))
        o.message = QStringLiteral(
                        "The platform did not confirm after %1 attempts; the change "
                        "may or may not be applied. Check its state before trying "
                        "again. (%2)")
                        .arg(maxAttempts_)
                        .arg(o.message);
    return o;
}

namespace {

// The names the platform's certificate proved (common name, then the
// alternative names), "" over a plain connection.
QString peerIdentity(const grpc::ClientContext& ctx)
{
    const std::shared_ptr<const grpc::AuthContext> auth = ctx.auth_context();
    if (!auth || !auth->IsPeerAuthenticated())
        return {};
    QStringList names;
    for (const char* property : {"x509_common_name", "x509_subject_alternative_name"})
        for (const grpc::string_ref& v : auth->FindPropertyValues(property)) {
            const QString name = QString::fromUtf8(v.data(), qsizetype(v.size()));
            if (!names.contains(name))
                names.append(name);
        }
    return names.join(QStringLiteral(", "));
}

}  // namespace

void ActionExecutor::refreshSession()
{
    const EndpointConfig config = config_;
    const auto channel = channel_;
    if (!channel)
        return;
    pool_.start([this, config, channel] {
        grpc::ClientContext ctx;
        prepareCall(ctx, config, config.callDeadlineMs);
        v1::WhoAmIResponse resp;
        const grpc::Status st =
            v1::SessionService::NewStub(channel)->WhoAmI(&ctx, v1::WhoAmIRequest{}, &resp);
        if (!st.ok()) {
            emit sessionFailed(describeStatus(st, config));
            return;
        }
        SessionInfo s = toSession(resp);
        s.serverIdentity = peerIdentity(ctx);
        QMetaObject::invokeMethod(this, [this, s] {
            session_ = s;
            emit sessionChanged(s);
        });
    });
}

}  // namespace wf
