#include "approval_list_model.h"

#include "redaction.h"

#include <QColor>
#include <QDateTime>
#include <QTimeZone>
#include <algorithm>

namespace wf {

namespace {

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                        .toString(QStringLiteral("MM-dd HH:mm"))
                  : QString();
}

bool decided(ApprovalState s)
{
    return s == ApprovalState::Approved || s == ApprovalState::Rejected;
}

// Waiting first, oldest first; then the latest decisions.
bool queueOrder(const Approval& a, const Approval& b)
{
    const bool da = decided(a.state), db = decided(b.state);
    if (da != db)
        return db;
    if (!da)
        return a.requestedMs != b.requestedMs ? a.requestedMs < b.requestedMs : a.id < b.id;
    return a.decidedMs != b.decidedMs ? a.decidedMs > b.decidedMs : a.id < b.id;
}

QString oneLine(const QString& text)
{
    QString s = redactSecrets(text).simplified();
    return s.size() > 80 ? s.left(79) + QChar(0x2026) : s;
}

}  // namespace

ApprovalListModel::ApprovalListModel(QObject* parent) : QAbstractTableModel(parent) {}

int ApprovalListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int ApprovalListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ApprovalListModel::setApprovals(const QVector<Approval>& approvals)
{
    beginResetModel();
    rows_ = approvals;
    std::stable_sort(rows_.begin(), rows_.end(), queueOrder);
    endResetModel();
}

int ApprovalListModel::applyDecision(const Approval& a)
{
    const int row = rowOf(a.id);
    if (row < 0) {
        const int at = rowCount();
        beginInsertRows({}, at, at);
        rows_.append(a);
        endInsertRows();
        return at;
    }
    if (decided(rows_[row].state) && !decided(a.state))
        return -1;  // an older answer arriving after the decision
    rows_[row] = a;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return row;
}

int ApprovalListModel::rowOf(const QString& id) const
{
    for (int i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id)
            return i;
    return -1;
}

int ApprovalListModel::pendingCount() const
{
    return int(std::count_if(rows_.begin(), rows_.end(),
                             [](const Approval& a) { return a.state == ApprovalState::Pending; }));
}

QVariant ApprovalListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const Approval& a = rows_[index.row()];
    const int col = index.column();
    switch (role) {
        case ApprovalIdRole: return a.id;
        case RequestedByRole: return a.requestedBy;
        case StateRole: return int(a.state);
        case Qt::TextAlignmentRole:
            if (col == AmountColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::ForegroundRole:
            if (col != StateColumn)
                return {};
            switch (a.state) {
                case ApprovalState::Pending: return QColor(0xe0, 0xb0, 0x4a);
                case ApprovalState::Approved: return QColor(0x8f, 0xd1, 0x9e);
                case ApprovalState::Rejected: return QColor(0xe0, 0x6c, 0x6c);
                case ApprovalState::Unknown: return QColor(0x9a, 0x9f, 0xa8);
            }
            return {};
        case Qt::ToolTipRole: {
            QString tip = QStringLiteral("%1 of %2 on %3\nRequested by %4: %5")
                              .arg(resolutionActionName(a.action), a.amount.format(), a.mismatchId,
                                   a.requestedBy, redactSecrets(a.reason));
            if (!a.mismatch.summary.isEmpty())
                tip += QStringLiteral("\nMismatch: ") + redactSecrets(a.mismatch.summary);
            if (decided(a.state))
                tip += QStringLiteral("\n%1 by %2: %3")
                           .arg(approvalStateName(a.state), a.decidedBy,
                                redactSecrets(a.decisionReason));
            return tip;
        }
        case Qt::DisplayRole:
            switch (col) {
                case RequestedColumn: return timeText(a.requestedMs);
                case MismatchColumn: return a.mismatchId;
                case ActionColumn: return resolutionActionName(a.action);
                case AmountColumn: return a.amount.format();
                case RequestedByColumn: return a.requestedBy;
                case ReasonColumn: return oneLine(a.reason);
                case StateColumn: return approvalStateName(a.state);
                case DecidedByColumn: return a.decidedBy;
            }
            return {};
        default: return {};
    }
}

QVariant ApprovalListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, o, role);
    static const char* names[] = {"Requested (UTC)", "Mismatch", "Action", "Amount",
                                  "Requested by",    "Reason",   "State",  "Decided by"};
    return QString::fromLatin1(names[section]);
}

}  // namespace wf
