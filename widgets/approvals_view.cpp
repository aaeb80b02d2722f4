#include "approvals_view.h"

#include "approval_list_model.h"
#include "record_table_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace wf {

ApprovalsView::ApprovalsView(ApprovalListModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      thresholds_(new QLabel(this)),
      showDecided_(new QCheckBox(tr("Show &decided"), this)),
      refresh_(new QPushButton(tr("Refres&h"), this)),
      count_(new QLabel(this)),
      approve_(new QPushButton(tr("&Approve…"), this)),
      reject_(new QPushButton(tr("Re&ject…"), this)),
      table_(new RecordTableView(this))
{
    thresholds_->setObjectName(QStringLiteral("approvalThresholds"));
    thresholds_->setWordWrap(true);
    thresholds_->setStyleSheet(QStringLiteral("color:#9a9fa8"));
    thresholds_->hide();
    showDecided_->setObjectName(QStringLiteral("showDecided"));
    showDecided_->setToolTip(tr("Also list approvals decided recently"));
    refresh_->setObjectName(QStringLiteral("refreshApprovals"));
    refresh_->setToolTip(tr("Ask the platform for the approvals again"));
    count_->setObjectName(QStringLiteral("approvalCount"));
    approve_->setObjectName(QStringLiteral("approve"));
    reject_->setObjectName(QStringLiteral("reject"));
    table_->setObjectName(QStringLiteral("approvalTable"));
    table_->setModel(model_);
    fitColumns();

    auto* bar = new QHBoxLayout;
    bar->addWidget(showDecided_);
    bar->addWidget(refresh_);
    bar->addWidget(count_, 1);
    bar->addWidget(approve_);
    bar->addWidget(reject_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(thresholds_);
    layout->addLayout(bar);
    layout->addWidget(table_, 1);

    connect(showDecided_, &QCheckBox::toggled, this, &ApprovalsView::refreshRequested);
    connect(refresh_, &QPushButton::clicked, this,
            [this] { emit refreshRequested(showDecided_->isChecked()); });
    connect(approve_, &QPushButton::clicked, this, [this] { decide(true); });
    connect(reject_, &QPushButton::clicked, this, [this] { decide(false); });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ApprovalsView::updateState);
    connect(model_, &QAbstractItemModel::dataChanged, this, &ApprovalsView::updateState);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &ApprovalsView::updateState);
    // A refresh replaces every row: keep the operator's selection by id.
    connect(model_, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { keepSelection_ = selectedApprovalId(); });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        fitColumns();
        selectApproval(keepSelection_);
        updateState();
    });
    updateState();
}

void ApprovalsView::fitColumns()
{
    // The reason is the one long column: the rest of it is in the tooltip.
    table_->resizeColumnsToContents();
    const int reason = ApprovalListModel::ReasonColumn;
    table_->setColumnWidth(reason, std::min(table_->columnWidth(reason), 280));
}

void ApprovalsView::setSession(const QString& actor, bool mayApprove)
{
    actor_ = actor;
    mayApprove_ = mayApprove;
    updateState();
}

void ApprovalsView::setThresholds(const QVector<Money>& thresholds)
{
    QStringList amounts;
    for (const Money& m : thresholds)
        amounts << m.format();
    thresholds_->setText(
        tr("Money-moving actions at or above %1 need a second person.").arg(amounts.join(", ")));
    thresholds_->setVisible(!amounts.isEmpty());
}

void ApprovalsView::selectApproval(const QString& id)
{
    const int row = id.isEmpty() ? -1 : model_->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex idx = model_->index(row, 0);
    table_->setCurrentIndex(idx);
    table_->scrollTo(idx);
}

QString ApprovalsView::selectedApprovalId() const
{
    return table_->currentValue(ApprovalListModel::ApprovalIdRole).toString();
}

bool ApprovalsView::showDecided() const
{
    return showDecided_->isChecked();
}

void ApprovalsView::decide(bool approve)
{
    const int row = model_->rowOf(selectedApprovalId());
    if (row >= 0)
        emit decideRequested(model_->approval(row), approve);
}

void ApprovalsView::updateState()
{
    const int pending = model_->pendingCount();
    count_->setText(pending == 1 ? tr("1 waiting") : tr("%1 waiting").arg(pending));
    const int row = model_->rowOf(selectedApprovalId());
    const Approval* a = row >= 0 ? &model_->approval(row) : nullptr;
    const bool waiting = a && a->state == ApprovalState::Pending;
    const bool own = a && !actor_.isEmpty() && a->requestedBy == actor_;
    const bool can = mayApprove_ && waiting && !own;
    approve_->setEnabled(can);
    reject_->setEnabled(can);
    QString why;
    if (!mayApprove_)
        why = actor_.isEmpty() ? tr("Not signed in to the platform")
                               : tr("You (%1) may not decide approvals; a payments approver "
                                    "must.")
                                     .arg(actor_);
    else if (!a)
        why = tr("Select an approval");
    else if (!waiting)
        why = tr("Already decided: %1 by %2").arg(approvalStateName(a->state), a->decidedBy);
    else if (own)
        why = tr("You asked for this one; a second person must approve it.");
    if (!why.isEmpty()) {
        approve_->setToolTip(why);
        reject_->setToolTip(why);
        return;
    }
    const QString what = tr("%1 of %2 on %3, asked for by %4")
                             .arg(resolutionActionName(a->action), a->amount.format(),
                                  a->mismatchId, a->requestedBy);
    approve_->setToolTip(tr("Approve: %1. The action is applied at once.").arg(what));
    reject_->setToolTip(tr("Reject: %1. The mismatch goes back to open.").arg(what));
}

}  // namespace wf
