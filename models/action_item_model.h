#pragma once

// A postmortem's action items: title, owner, due date, priority, type and
// status. Overdue open items stand out; an unassigned owner says so.

#include "incident_types.h"

#include <QAbstractTableModel>

namespace wf {

class ActionItemModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        OwnerColumn,
        DueColumn,
        PriorityColumn,
        TypeColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role { ItemIdRole = Qt::UserRole + 1 };

    explicit ActionItemModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setItems(const QString& incidentId, const QVector<ActionItem>& items);
    QString incidentId() const { return incidentId_; }
    const QVector<ActionItem>& items() const { return items_; }
    const ActionItem& at(int row) const { return items_[row]; }
    int rowOf(const QString& id) const;
    // "Today" for overdue (tests pin it).
    void setToday(const QDate& today) { today_ = today; }

private:
    QString incidentId_;
    QVector<ActionItem> items_;
    QDate today_;
};

}  // namespace wf
