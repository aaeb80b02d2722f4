#include "action_controller.h"

#include "action_dialog.h"
#include "audit_log.h"
#include "deploy_list_model.h"
#include "flag_list_model.h"
#include "vendor_grid_model.h"

#include <QComboBox>
#include <QPushButton>

namespace wf {

ActionController::ActionController(QWidget* dialogParent, ActionExecutor* executor,
                                   DeployListModel* deploys, FlagListModel* flags,
                                   VendorGridModel* vendors, AuditLog* audit, QObject* parent)
    : QObject(parent),
      dialogParent_(dialogParent),
      executor_(executor),
      deploys_(deploys),
      flags_(flags),
      vendors_(vendors),
      audit_(audit)
{
    connect(executor_, &ActionExecutor::actionUpdated, this, &ActionController::onActionUpdated);
}

void ActionController::requestRollback(const Deploy& d)
{
    const QString touches =
        tr("%1 in %2 (%3): %4 goes back to %5.\nJourneys: %6\nStarted by %7.")
            .arg(d.service, d.region, d.environment, d.version, d.previousVersion,
                 d.journeys.isEmpty() ? tr("none listed") : d.journeys.join(QStringLiteral(", ")),
                 d.author);
    ActionDialog dialog(tr("Roll back"), touches,
                        d.environment == QLatin1String("production") ? d.service : QString(),
                        dialogParent_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The deploy as the operator saw it when they confirmed.
    const Deploy* seen = deploys_->deploy(d.id);
    ActionRequest r;
    r.kind = ActionRequest::Kind::RollbackDeploy;
    r.reason = dialog.reason();
    r.deployId = d.id;
    r.expectedVersion = seen ? seen->resourceVersion : d.resourceVersion;
    r.target = QStringLiteral("deploy %1 (%2 %3 in %4)").arg(d.id, d.service, d.version, d.region);
    r.summary = QStringLiteral("Roll back %1 %2 in %3").arg(d.service, d.version, d.region);
    submit(r);
}

void ActionController::requestFlagChange(const Flag& f)
{
    auto* environment = new QComboBox;
    environment->setObjectName(QStringLiteral("flagEnvironment"));
    auto* region = new QComboBox;
    region->setObjectName(QStringLiteral("flagRegion"));
    auto* state = new QComboBox;
    state->setObjectName(QStringLiteral("flagState"));
    QStringList environments, regions;
    for (const FlagState& s : f.states) {
        if (!environments.contains(s.environment))
            environments << s.environment;
        if (!regions.contains(s.region))
            regions << s.region;
    }
    environment->addItems(environments);
    region->addItems(regions);
    state->addItem(tr("Off"), false);
    state->addItem(tr("On"), true);
    // A kill switch is usually being switched off.
    state->setCurrentIndex(f.kind == FlagKind::KillSwitch ? 0 : 1);

    const QString touches =
        tr("%1 (%2, owner %3)\n%4\nBlast radius — journeys: %5")
            .arg(f.key, flagKindName(f.kind), f.owner, f.description,
                 f.journeys.isEmpty() ? tr("none listed") : f.journeys.join(QStringLiteral(", ")));
    ActionDialog dialog(tr("Change flag"), touches, QString(), dialogParent_);
    dialog.addOptionRow(tr("&Environment:"), environment);
    dialog.addOptionRow(tr("Re&gion:"), region);
    dialog.addOptionRow(tr("&State:"), state);
    auto updateName = [&] {
        dialog.setConfirmName(
            environment->currentText() == QLatin1String("production") ? f.key : QString());
    };
    connect(environment, &QComboBox::currentIndexChanged, &dialog, updateName);
    updateName();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Flag* seen = flags_->flag(f.key);
    ActionRequest r;
    r.kind = ActionRequest::Kind::SetFlagState;
    r.reason = dialog.reason();
    r.flagKey = f.key;
    r.environment = environment->currentText();
    r.region = region->currentText();
    r.enabled = state->currentData().toBool();
    r.expectedVersion = seen ? seen->resourceVersion : f.resourceVersion;
    r.target = QStringLiteral("flag %1 %2/%3").arg(f.key, r.environment, r.region);
    r.summary = QStringLiteral("Switch %1 %2 in %3/%4")
                    .arg(f.key, r.enabled ? QStringLiteral("on") : QStringLiteral("off"),
                         r.environment, r.region);
    submit(r);
}

void ActionController::requestFailover(VendorCategory category, const QString& region)
{
    requestRouting(ActionRequest::Kind::Failover, category, region);
}

void ActionController::requestFailback(VendorCategory category, const QString& region)
{
    requestRouting(ActionRequest::Kind::Failback, category, region);
}

void ActionController::requestRouting(ActionRequest::Kind kind, VendorCategory category,
                                      const QString& region)
{
    const CategoryRouting* r = vendors_->routing(category, region);
    if (!r)
        return;
    const bool over = kind == ActionRequest::Kind::Failover;
    const QString from = r->servingVendorId;
    const QString to = over ? r->secondaryVendorId : r->primaryVendorId;
    QStringList journeys;
    if (const Vendor* v = vendors_->vendor(from))
        journeys = v->journeys;
    const QString touches =
        tr("All %1 traffic in %2 moves from %3 to %4.\nJourneys: %5")
            .arg(vendorCategoryName(category), region, from, to,
                 journeys.isEmpty() ? tr("none listed") : journeys.join(QStringLiteral(", ")));
    ActionDialog dialog(over ? tr("Fail over") : tr("Fail back"), touches, to, dialogParent_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const CategoryRouting* seen = vendors_->routing(category, region);
    ActionRequest req;
    req.kind = kind;
    req.reason = dialog.reason();
    req.category = category;
    req.region = region;
    req.targetVendorId = to;
    req.expectedVersion = seen ? seen->resourceVersion : r->resourceVersion;
    req.target =
        QStringLiteral("%1 in %2: %3 -> %4").arg(vendorCategoryName(category), region, from, to);
    req.summary = QStringLiteral("%1 %2 in %3 to %4")
                      .arg(over ? QStringLiteral("Fail over") : QStringLiteral("Fail back"),
                           vendorCategoryName(category), region, to);
    submit(req);
}

void ActionController::submit(const ActionRequest& request)
{
    ActionRequest r = request;
    if (r.idempotencyKey.isEmpty())
        r.idempotencyKey = ActionExecutor::newIdempotencyKey();
    writeAudit(r, QStringLiteral("requested"), r.summary);
    executor_->submit(r);
    emit message(tr("%1: sent, waiting for the platform to confirm…").arg(r.summary));
}

void ActionController::onActionUpdated(const ActionOutcome& o)
{
    deploys_->applyActionOutcome(o);
    flags_->applyActionOutcome(o);
    vendors_->applyActionOutcome(o);
    if (o.state == ActionOutcome::State::Pending) {
        if (o.attempt > 0)
            emit message(tr("%1: %2").arg(o.request.summary, o.message));
        return;
    }
    QString text;
    if (o.state == ActionOutcome::State::Done && o.approval &&
        o.approval->state == ApprovalState::Pending) {
        text = tr("%1: held for a second person's approval (%2).")
                   .arg(o.request.summary, o.approval->id);
        writeAudit(o.request, QStringLiteral("held for approval"),
                   QStringLiteral("approval %1, action %2").arg(o.approval->id, o.actionId));
    } else if (o.state == ActionOutcome::State::Done) {
        text = tr("%1: done. %2").arg(o.request.summary, o.message);
        writeAudit(o.request, QStringLiteral("confirmed"),
                   QStringLiteral("action %1%2, attempt %3")
                       .arg(o.actionId, o.replayed ? QStringLiteral(" (replayed)") : QString())
                       .arg(o.attempt));
    } else {
        if (o.errorReason == QLatin1String("STALE_VERSION"))
            text = tr("%1: refused — someone changed it first (now at version %2). The list "
                      "shows its current state; check it before trying again.")
                       .arg(o.request.summary)
                       .arg(o.currentVersion);
        else
            text = tr("%1: failed. %2").arg(o.request.summary, o.message);
        writeAudit(o.request, QStringLiteral("failed"), o.message);
    }
    emit message(text);
}

void ActionController::writeAudit(const ActionRequest& r, const QString& outcome,
                                  const QString& detail)
{
    AuditEntry e;
    e.actor = executor_->session().actor.isEmpty() ? QStringLiteral("unknown")
                                                   : executor_->session().actor;
    e.role = roleName(executor_->session().role);
    switch (r.kind) {
        case ActionRequest::Kind::RollbackDeploy:
            e.action = QStringLiteral("deploy.rollback");
            break;
        case ActionRequest::Kind::SetFlagState: e.action = QStringLiteral("flag.set"); break;
        case ActionRequest::Kind::Failover: e.action = QStringLiteral("vendor.failover"); break;
        case ActionRequest::Kind::Failback: e.action = QStringLiteral("vendor.failback"); break;
        case ActionRequest::Kind::AssignMismatch: e.action = QStringLiteral("recon.assign"); break;
        case ActionRequest::Kind::ResolveMismatch:
            e.action = QStringLiteral("recon.") +
                       resolutionActionName(r.resolution).toLower().replace(' ', '_');
            break;
        case ActionRequest::Kind::DecideApproval:
            e.action = r.approve ? QStringLiteral("recon.approve") : QStringLiteral("recon.reject");
            break;
    }
    e.target = r.target;
    e.reason = r.reason;
    e.idempotencyKey = r.idempotencyKey;
    e.outcome = outcome;
    e.detail = detail;
    audit_->append(e);
}

}  // namespace wf
