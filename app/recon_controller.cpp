#include "recon_controller.h"

#include "action_controller.h"
#include "action_dialog.h"
#include "approval_list_model.h"
#include "approvals_view.h"
#include "recon_bulk_run.h"
#include "recon_change_pump.h"
#include "recon_csv_export.h"
#include "recon_detail_view.h"
#include "recon_feed_client.h"
#include "recon_filter_bar.h"
#include "recon_offline_cache.h"
#include "recon_queue_model.h"
#include "recon_queue_view.h"

#include <spdlog/spdlog.h>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QThreadPool>
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
      tabs_(new QTabWidget),
      splitter_(new QSplitter(tabs_)),
      queueView_(new ReconQueueView(model_, splitter_)),
      detailView_(new ReconDetailView(splitter_)),
      approvals_(new ApprovalListModel(this)),
      approvalsView_(new ApprovalsView(approvals_, tabs_)),
      exporter_(new ReconCsvExport(this)),
      cache_(std::make_shared<ReconOfflineCache>()),
      cachePool_(new QThreadPool(this)),
      saveTimer_(new QTimer(this)),
      pump_(new ReconChangePump(feed_, model_, this)),
      clock_(new QTimer(this))
{
    tabs_->setObjectName(QStringLiteral("reconTabs"));
    tabs_->setDocumentMode(true);
    splitter_->setObjectName(QStringLiteral("reconSplitter"));
    splitter_->addWidget(queueView_);
    splitter_->addWidget(detailView_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 1);
    splitter_->setChildrenCollapsible(false);
    detailView_->setMinimumWidth(300);
    splitter_->setSizes({700, 420});
    tabs_->addTab(splitter_, tr("Queue"));
    tabs_->addTab(approvalsView_, tr("Approvals"));
    // The cache is one SQLite connection: one thread, never the UI's.
    cachePool_->setMaxThreadCount(1);
    saveTimer_->setSingleShot(true);
    saveTimer_->setInterval(3000);
    connect(saveTimer_, &QTimer::timeout, this, &ReconController::saveSnapshot);
    for (auto signal : {&ReconQueueModel::queryApplied, &ReconQueueModel::refreshed})
        connect(model_, signal, this, [this] {
            if (!model_->showingSnapshot() && !saveTimer_->isActive())
                saveTimer_->start();
        });

    connect(queueView_, &ReconQueueView::currentMismatchChanged, this,
            &ReconController::showCurrentDetail);
    connect(queries_, &ReconQueryClient::detailLoaded, this, [this](const MismatchDetail& d) {
        detailView_->setNowMs(model_->nowMs());
        detailView_->showDetail(d);
    });
    connect(queries_, &ReconQueryClient::detailFailed, detailView_, &ReconDetailView::showError);
    connect(
        detailView_, &ReconDetailView::actionRequested, this,
        [this](const MismatchDetail& d, ResolutionAction a) { requestResolve({d.mismatch}, a); });
    connect(detailView_, &ReconDetailView::assignToMeRequested, this,
            [this](const Mismatch& m) { requestAssign({m}); });
    connect(approvalsView_, &ApprovalsView::refreshRequested, queries_,
            &ReconQueryClient::fetchApprovals);
    connect(approvalsView_, &ApprovalsView::decideRequested, this,
            &ReconController::requestDecision);
    connect(queries_, &ReconQueryClient::approvalsLoaded, this,
            [this](const QVector<Approval>& list, const QVector<Money>& thresholds) {
                approvals_->setApprovals(list);
                approvalsView_->setThresholds(thresholds);
                const int waiting = approvals_->pendingCount();
                tabs_->setTabText(
                    1, waiting > 0 ? tr("Approvals (%1)").arg(waiting) : tr("Approvals"));
            });
    connect(queries_, &ReconQueryClient::approvalsFailed, this,
            [this](const QString& why) { emit message(tr("Approvals: %1").arg(why)); });
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int i) {
        if (i == 1)
            queries_->fetchApprovals(approvalsView_->showDecided());
    });
    connect(queueView_, &ReconQueueView::exportRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            dialogParent_, tr("Export the queue as CSV"),
            QDir::home().filePath(QStringLiteral("reconciliation-%1.csv")
                                      .arg(QDate::currentDate().toString(Qt::ISODate))),
            tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    connect(exporter_, &ReconCsvExport::progress, this, [this](qint64 done, qint64 total) {
        queueView_->setExportProgress(
            tr("Exporting %1 of %2…").arg(QLocale().toString(done), QLocale().toString(total)));
    });
    connect(exporter_, &ReconCsvExport::finished, this, [this](bool ok, const QString& text) {
        queueView_->setExportProgress(QString());
        emit message(text);
        emit exportFinished(ok, text);
    });
    // No approvals stream: a mismatch entering or leaving the approval
    // state is the sign to read the approvals again.
    connect(pump_, &ReconChangePump::applied, this, [this](const QVector<MismatchChange>& c) {
        if (std::any_of(c.begin(), c.end(), [](const MismatchChange& x) {
                return x.kind == MismatchChange::Kind::Updated &&
                       (x.row.status == MismatchStatus::PendingApproval ||
                        !x.row.pendingApprovalId.isEmpty());
            }))
            queries_->fetchApprovals(approvalsView_->showDecided());
    });
    connect(
        feed_, &ReconFeedClient::queueLoaded, this, [this] { model_->refresh(); },
        Qt::QueuedConnection);
    connect(feed_, &ReconFeedClient::statusChanged, this, &ReconController::onFeedStatus,
            Qt::QueuedConnection);
    connect(queueView_, &ReconQueueView::resolveRequested, this, &ReconController::requestResolve);
    connect(queueView_, &ReconQueueView::assignRequested, this, &ReconController::requestAssign);
    connect(executor_, &ActionExecutor::actionUpdated, this, &ReconController::onActionUpdated);
    connect(model_, &ReconQueueModel::loadFailed, this, [this](const QString& why) {
        if (started_)
            emit message(tr("Reconciliation queue: %1").arg(why));
    });
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
    feed_->stop();
    queries_->stop();
    // The SQLite connection closes on the thread that used it.
    cachePool_->start([cache = std::move(cache_)]() mutable { cache.reset(); });
    cachePool_->waitForDone();
    if (!tabs_->parent())
        delete tabs_;
}

QWidget* ReconController::widget() const
{
    return tabs_;
}

void ReconController::start(const EndpointConfig& config)
{
    if (cachePath_.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        cachePath_ = QDir(dir).filePath(QStringLiteral("recon-cache.sqlite"));
    }
    started_ = true;
    live_ = false;
    queries_->setEndpoint(config);
    feed_->start(config);
    model_->setQuery(model_->query());
}

void ReconController::exportTo(const QString& path)
{
    if (!exporter_->start(queries_, model_->query(), path, model_->nowMs()))
        emit message(tr("An export is already running."));
    else
        queueView_->setExportProgress(tr("Exporting…"));
}

void ReconController::showCurrentDetail(const QString& id)
{
    if (id.isEmpty()) {
        detailView_->clear();
        return;
    }
    detailView_->showLoading(id);
    queries_->fetchDetail(id);
}

void ReconController::onFeedStatus(const ConnectionStatus& status)
{
    queueView_->setFeedStatus(status);
    if (status.state == ConnectionState::Live) {
        if (!live_ && model_->showingSnapshot()) {
            queueView_->setOffline(0);
            emit offlineChanged(0);
            model_->setQuery(model_->query());  // the platform's rows again
        }
        live_ = true;
        return;
    }
    if (status.state == ConnectionState::Reconnecting && !model_->showingSnapshot() &&
        !model_->firstPageLoaded())
        loadSnapshot();  // nothing to show: the saved copy, marked offline
    live_ = false;
}

void ReconController::saveSnapshot()
{
    if (cachePath_.isEmpty() || model_->showingSnapshot() || !model_->firstPageLoaded())
        return;
    const MismatchQuery query = model_->query();
    const QVector<Mismatch> rows = model_->loadedRows(ReconOfflineCache::kMaxRows);
    const MismatchSummary summary = model_->summary();
    const qint64 savedAt = QDateTime::currentMSecsSinceEpoch();
    cachePool_->start([cache = cache_, path = cachePath_, query, rows, summary, savedAt] {
        QString error;
        if (!cache->isOpen() && !cache->open(path, &error)) {
            spdlog::warn("reconciliation cache: {}", error.toStdString());
            return;
        }
        if (!cache->save(query, rows, summary, savedAt, &error))
            spdlog::warn("reconciliation cache: {}", error.toStdString());
    });
}

void ReconController::loadSnapshot()
{
    if (cachePath_.isEmpty() || !QFile::exists(cachePath_))
        return;
    QPointer<ReconController> self(this);
    cachePool_->start([self, cache = cache_, path = cachePath_] {
        QString error;
        if (!cache->isOpen() && !cache->open(path, &error))
            return;
        MismatchQuery query;
        QVector<Mismatch> rows;
        MismatchSummary summary;
        qint64 savedAt = 0;
        if (!cache->load(&query, &rows, &summary, &savedAt, &error))
            return;
        QMetaObject::invokeMethod(qApp, [self, query, rows, summary, savedAt] {
            if (!self || self->live_ || self->model_->firstPageLoaded())
                return;
            self->model_->showSnapshot(query, rows, summary);
            self->queueView_->filterBar()->setFilter(query.filter);
            self->queueView_->setOffline(savedAt);
            emit self->offlineChanged(savedAt);
        });
    });
}

void ReconController::stop()
{
    feed_->stop();
    queries_->cancelPending();
}

void ReconController::setSession(const SessionInfo& session)
{
    session_ = session;
    const bool may = session.permissions.contains(QStringLiteral("recon.resolve"));
    queueView_->setMayResolve(may, roleName(session.role));
    queueView_->setActor(session.actor);
    detailView_->setMayResolve(may, roleName(session.role));
    approvalsView_->setSession(session.actor,
                               session.permissions.contains(QStringLiteral("recon.approve")));
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

void ReconController::requestDecision(const Approval& a, bool approve)
{
    const QString touches =
        tr("%1 %2 on mismatch %3 (%4), asked for by %5: \"%6\"")
            .arg(resolutionActionName(a.action), a.amount.format(), a.mismatchId,
                 mismatchTypeName(a.mismatch.type), a.requestedBy, a.reason);
    ActionDialog dialog(approve ? tr("Approve") : tr("Reject"), touches,
                        approve ? a.mismatchId : QString(), dialogParent_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    decide(a, approve, dialog.reason());
}

void ReconController::decide(const Approval& a, bool approve, const QString& reason)
{
    ActionRequest r;
    r.kind = ActionRequest::Kind::DecideApproval;
    r.reason = reason;
    r.approvalId = a.id;
    r.approve = approve;
    r.mismatchId = a.mismatchId;
    r.target = QStringLiteral("approval %1 (%2 %3 on %4, asked for by %5)")
                   .arg(a.id, resolutionActionName(a.action), a.amount.format(), a.mismatchId,
                        a.requestedBy);
    r.summary = QStringLiteral("%1 %2 on %3")
                    .arg(approve ? QStringLiteral("Approve") : QStringLiteral("Reject"),
                         resolutionActionName(a.action), a.mismatchId);
    actions_->submit(r);
}

void ReconController::onActionUpdated(const ActionOutcome& o)
{
    if (!o.request.isReconciliation() || o.state == ActionOutcome::State::Pending)
        return;
    if (o.mismatch)
        model_->applyConfirmed(*o.mismatch);
    else if (o.errorReason == QLatin1String("STALE_VERSION"))
        model_->refresh();  // someone else changed it first: show what it is now
    if (o.approval)
        approvals_->applyDecision(*o.approval);
    // The pane shows what the platform now says about this mismatch.
    if (o.request.mismatchId == detailView_->mismatchId())
        showCurrentDetail(o.request.mismatchId);
    if (o.request.kind == ActionRequest::Kind::DecideApproval || o.approval)
        queries_->fetchApprovals(approvalsView_->showDecided());
}

}  // namespace wf
