#pragma once

// Approvals of money-moving reconciliation actions, for the people who
// decide them: waiting ones first (oldest first: they have waited longest),
// then decided ones (latest decision first). A decision replaces its row in
// place; an approval never goes back from decided to waiting.

#include "recon_types.h"

#include <QAbstractTableModel>
#include <QVector>

namespace wf {

class ApprovalListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        RequestedColumn,
        MismatchColumn,
        ActionColumn,
        AmountColumn,
        RequestedByColumn,
        ReasonColumn,
        StateColumn,
        DecidedByColumn,
        ColumnCount
    };
    enum Role {
        ApprovalIdRole = Qt::UserRole + 1,
        RequestedByRole,
        StateRole,  // int(ApprovalState)
    };

    explicit ApprovalListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setApprovals(const QVector<Approval>& approvals);
    // Replaces the approval with the same id in place (an approval not in
    // the list is appended). A waiting state arriving after a decision is
    // stale and ignored. Returns the row, or -1 when ignored.
    int applyDecision(const Approval& approval);

    const Approval& approval(int row) const { return rows_[row]; }
    int rowOf(const QString& id) const;
    int pendingCount() const;

private:
    QVector<Approval> rows_;
};

}  // namespace wf
