#include "recon_controller.h"

#include "action_controller.h"
#include "action_dialog.h"
#include "recon_bulk_run.h"
#include "recon_feed_client.h"
#include "recon_queue_model.h"
#include "recon_queue_view.h"

#include <QDateTime>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>

namespace wf {

namespace {

QString totalsOf(const QVector<Mismatch>& rows)
{
    QMap<QString, qint64> sums;
    for (const Mismatch& m : rows)
        if (m.amount.valid())
            sums[m.amount.currency] += m.amount.minor;
    QStringList out;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        out << Money{it.value(), it.key()}.format();
    return out.join(QStringLiteral(", "));
}

}  // namespace

ReconController::ReconController(QWidget* dialogParent, ActionExecutor* executor,
                                 ActionController* actions, QObject* parent)
    : QObject(parent),
      dialogParent_(dialogParent),
      executor_(executor),
      actions_(actions),
      queries_(new ReconQueryClient(this)),
      feed_(new ReconFeedClient(this)),
      model_(new ReconQueueModel(queries_, this)),
      splitter_(new QSplitter),
      queueView_(new ReconQueueView(model_, splitter_)),
      clock_(new QTimer(this))
{
    splitter_->setObjectName(QStringLiteral("reconSplitter"));
    splitter_->addWidget(queueView_);
    connect(
        feed_, &ReconFeedClient::changesAvailable, this,
        [this] { model_->applyChanges(feed_->takeChanges()); }, Qt::QueuedConnection);
    connect(
        feed_, &ReconFeedClient::queueLoaded, this, [this] { model_->refresh(); },
        Qt::QueuedConnection);
    connect(feed_, &ReconFeedClient::statusChanged, queueView_, &ReconQueueView::setFeedStatus,
            Qt::QueuedConnection);
    connect(queueView_, &ReconQueueView::resolveRequested, this, &ReconController::requestResolve);
    connect(queueView_, &ReconQueueView::assignRequested, this, &ReconController::requestAssign);
    connect(executor_, &ActionExecutor::actionUpdated, this, &ReconController::onActionUpdated);
    connect(model_, &ReconQueueModel::loadFailed, this,
            [this](const QString& why) { emit message(tr("Reconciliation queue: %1").arg(why)); });
    // Ages move on between pages: repaint the age column once a minute.
    clock_->setInterval(60'000);
    connect(clock_, &QTimer::timeout, this, [this] {
        model_->setNowMs(model_->nowMs() + clock_->interval());
        if (model_->rowCount() > 0)
            emit model_->dataChanged(
                model_->index(0, ReconQueueModel::AgeColumn),
                model_->index(model_->rowCount() - 1, ReconQueueModel::AgeColumn));
    });
    clock_->start();
}

ReconController::~ReconController()
{
    stop();
    if (!splitter_->parent())
        delete splitter_;
}

QWidget* ReconController::widget() const
{
    return splitter_;
}

void ReconController::start(const EndpointConfig& config)
{
    queries_->setEndpoint(config);
    feed_->start(config);
    model_->setQuery(model_->query());
}

void ReconController::stop()
{
    feed_->stop();
    queries_->stop();
}

void ReconController::setSession(const SessionInfo& session)
{
    session_ = session;
    const bool may = session.permissions.contains(QStringLiteral("recon.resolve"));
    queueView_->setMayResolve(may, roleName(session.role));
    queueView_->setActor(session.actor);
}

void ReconController::requestAssign(const QVector<Mismatch>& rows)
{
    if (rows.isEmpty())
        return;
    const QString touches =
        rows.size() == 1
            ? tr("Mismatch %1 (%2) is assigned to you (%3).")
                  .arg(rows[0].id, mismatchTypeName(rows[0].type), session_.actor)
            : tr("%1 mismatches are assigned to you (%2).").arg(rows.size()).arg(session_.actor);
    ActionDialog dialog(tr("Assign"), touches, QString(), dialogParent_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    assign(rows, session_.actor, dialog.reason());
}

void ReconController::requestResolve(const QVector<Mismatch>& rows, ResolutionAction action)
{
    if (rows.isEmpty())
        return;
    const QString name = resolutionActionName(action);
    QString touches =
        rows.size() == 1
            ? tr("%1 on mismatch %2: %3\nOrder %4, provider reference %5, %6 in %7.\nAmount: %8")
                  .arg(name, rows[0].id, rows[0].summary,
                       rows[0].orderId.isEmpty() ? tr("(none)") : rows[0].orderId,
                       rows[0].providerReference, rows[0].providerId, rows[0].region,
                       rows[0].amount.format())
            : tr("%1 on %2 mismatches.\nAmounts: %3\nEach is sent once, with its own key; "
                 "those that fail are listed afterwards.")
                  .arg(name)
                  .arg(rows.size())
                  .arg(totalsOf(rows));
    if (movesMoney(action))
        touches +=
            tr("\nThis moves money: at or above the approval threshold it waits for a "
               "second person with the approver role.");
    // Moving money in bulk: type the count, so a mis-click cannot do it.
    const QString confirm =
        movesMoney(action) && rows.size() > 1 ? QString::number(rows.size()) : QString();
    ActionDialog dialog(name, touches, confirm, dialogParent_);
    QLineEdit* note = nullptr;
    if (needsNote(action)) {
        note = new QLineEdit;
        note->setObjectName(QStringLiteral("reconNote"));
        note->setMaxLength(2000);
        note->setPlaceholderText(tr("Kept with the mismatch: why this is right"));
        dialog.addRequiredText(tr("&Note:"), note);
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    resolve(rows, action, dialog.reason(), note ? note->text().trimmed() : QString());
}

void ReconController::resolve(const QVector<Mismatch>& rows, ResolutionAction action,
                              const QString& reason, const QString& note)
{
    QVector<ActionRequest> items;
    for (const Mismatch& m : rows) {
        ActionRequest r;
        r.kind = ActionRequest::Kind::ResolveMismatch;
        r.reason = reason;
        r.note = note;
        r.mismatchId = m.id;
        r.resolution = action;
        r.expectedVersion = m.version;
        r.target = QStringLiteral("mismatch %1 (%2, %3)")
                       .arg(m.id, mismatchTypeName(m.type), m.amount.format());
        r.summary = QStringLiteral("%1 on %2").arg(resolutionActionName(action), m.id);
        items.append(r);
    }
    if (items.size() == 1)
        actions_->submit(items[0]);
    else
        runBulk(items, resolutionActionName(action));
}

void ReconController::assign(const QVector<Mismatch>& rows, const QString& assignee,
                             const QString& reason)
{
    QVector<ActionRequest> items;
    for (const Mismatch& m : rows) {
        ActionRequest r;
        r.kind = ActionRequest::Kind::AssignMismatch;
        r.reason = reason;
        r.mismatchId = m.id;
        r.assignee = assignee;
        r.expectedVersion = m.version;
        r.target = QStringLiteral("mismatch %1").arg(m.id);
        r.summary = QStringLiteral("Assign %1 to %2").arg(m.id, assignee);
        items.append(r);
    }
    if (items.size() == 1)
        actions_->submit(items[0]);
    else
        runBulk(items, tr("Assign"));
}

void ReconController::runBulk(const QVector<ActionRequest>& items, const QString& what)
{
    if (run_ && run_->running()) {
        emit message(tr("A bulk action is still running; wait for it or cancel it first."));
        return;
    }
    delete run_;
    run_ = new ReconBulkRun(
        executor_, [this](const ActionRequest& r) { actions_->submit(r); }, this);
    if (dialogParent_ && dialogParent_->isVisible()) {
        progress_ = new QProgressDialog(tr("%1: sending %2 items…").arg(what).arg(items.size()),
                                        tr("Cancel"), 0, int(items.size()), dialogParent_);
        progress_->setObjectName(QStringLiteral("reconBulkProgress"));
        progress_->setWindowModality(Qt::WindowModal);
        progress_->setMinimumDuration(300);
        progress_->setAutoClose(false);
        progress_->setAutoReset(false);
        connect(progress_, &QProgressDialog::canceled, run_, &ReconBulkRun::cancel);
    }
    connect(run_, &ReconBulkRun::progress, this, [this, what](int settled, int total) {
        if (progress_) {
            progress_->setValue(settled);
            progress_->setLabelText(tr("%1: %2 of %3 confirmed by the platform, %4 failed")
                                        .arg(what)
                                        .arg(run_->succeeded())
                                        .arg(total)
                                        .arg(run_->failedCount()));
        }
        (void)settled;
    });
    connect(run_, &ReconBulkRun::finished, this, [this, what] { onBulkFinished(what); });
    run_->start(items);
}

void ReconController::onBulkFinished(const QString& what)
{
    if (progress_) {
        progress_->close();
        progress_->deleteLater();
    }
    const int ok = run_->succeeded(), failed = run_->failedCount(), unsent = run_->notSent();
    emit bulkFinished(ok, failed, unsent);
    QString text = tr("%1: %2 done, %3 failed").arg(what).arg(ok).arg(failed);
    if (unsent > 0)
        text += tr(", %1 not sent (cancelled)").arg(unsent);
    emit message(text + '.');
    if ((failed == 0 && unsent == 0) || !dialogParent_ || !dialogParent_->isVisible())
        return;
    QStringList lines;
    for (const ActionOutcome& o : run_->failures())
        lines << QStringLiteral("%1: %2").arg(o.request.mismatchId, o.message);
    QMessageBox box(QMessageBox::Warning, what, text + '.', QMessageBox::Close, dialogParent_);
    box.setObjectName(QStringLiteral("reconBulkReport"));
    box.setInformativeText(tr("The items that succeeded will not be sent again."));
    box.setDetailedText(lines.join('\n'));
    QPushButton* retry = box.addButton(tr("Retry failed"), QMessageBox::ActionRole);
    box.exec();
    if (box.clickedButton() == static_cast<QAbstractButton*>(retry))
        run_->retryFailed();
}

void ReconController::onActionUpdated(const ActionOutcome& o)
{
    if (!o.request.isReconciliation() || o.state == ActionOutcome::State::Pending)
        return;
    if (o.mismatch)
        model_->applyConfirmed(*o.mismatch);
    else if (o.errorReason == QLatin1String("STALE_VERSION"))
        model_->refresh();  // someone else changed it first: show what it is now
}

}  // namespace wf
