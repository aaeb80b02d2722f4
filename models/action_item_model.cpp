#include "action_item_model.h"

#include <QBrush>
#include <QColor>

namespace wf {

ActionItemModel::ActionItemModel(QObject* parent) : QAbstractTableModel(parent) {}

int ActionItemModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(items_.size());
}

int ActionItemModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActionItemModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActionItem& a = items_[index.row()];
    const bool open =
        a.status == ActionItemStatus::Open || a.status == ActionItemStatus::InProgress;
    const QDate today = today_.isValid() ? today_ : QDate::currentDate();
    const bool overdue = open && a.due.isValid() && a.due < today;
    if (role == ItemIdRole)
        return a.id;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
            case TitleColumn: return a.title;
            case OwnerColumn: return a.owner.isEmpty() ? tr("(unassigned)") : a.owner;
            case DueColumn:
                if (!a.due.isValid())
                    return tr("none");
                return overdue ? tr("%1 (overdue)").arg(a.due.toString(Qt::ISODate))
                               : a.due.toString(Qt::ISODate);
            case PriorityColumn: return actionItemPriorityName(a.priority);
            case TypeColumn: return actionItemTypeName(a.type);
            case StatusColumn: return actionItemStatusName(a.status);
            default: return {};
        }
    }
    if (role == Qt::ForegroundRole) {
        if (index.column() == DueColumn && overdue)
            return QBrush(QColor(0xff, 0x6b, 0x6b));
        if (index.column() == OwnerColumn && a.owner.isEmpty())
            return QBrush(QColor(0xe0, 0xb0, 0x4a));
        if (!open)
            return QBrush(QColor(0x8a, 0x8a, 0x8a));
    }
    return {};
}

QVariant ActionItemModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case TitleColumn: return tr("Action item");
        case OwnerColumn: return tr("Owner");
        case DueColumn: return tr("Due");
        case PriorityColumn: return tr("Priority");
        case TypeColumn: return tr("Type");
        case StatusColumn: return tr("Status");
        default: return {};
    }
}

void ActionItemModel::setItems(const QString& incidentId, const QVector<ActionItem>& items)
{
    beginResetModel();
    incidentId_ = incidentId;
    items_ = items;
    endResetModel();
}

int ActionItemModel::rowOf(const QString& id) const
{
    for (int i = 0; i < items_.size(); ++i)
        if (items_[i].id == id)
            return i;
    return -1;
}

}  // namespace wf
