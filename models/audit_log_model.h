#pragma once

// The audit log's entries for a table view, newest first.

#include "audit_store.h"

#include <QAbstractTableModel>

namespace wf {

class AuditLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ActorColumn,
        RoleColumn,
        ActionColumn,
        TargetColumn,
        OutcomeColumn,
        ReasonColumn,
        KeyColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setEntries(const QVector<AuditEntry>& entries);
    void addEntry(const AuditEntry& entry);
    const AuditEntry& entryAt(int row) const { return entries_[entries_.size() - 1 - row]; }

private:
    QVector<AuditEntry> entries_;  // oldest first; shown newest first
};

}  // namespace wf
