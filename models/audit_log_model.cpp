#include "audit_log_model.h"

#include <QColor>
#include <QTimeZone>

namespace wf {

int AuditLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(entries_.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void AuditLogModel::setEntries(const QVector<AuditEntry>& entries)
{
    beginResetModel();
    entries_ = entries;
    endResetModel();
}

void AuditLogModel::addEntry(const AuditEntry& entry)
{
    beginInsertRows({}, 0, 0);
    entries_.append(entry);
    endInsertRows();
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const AuditEntry& e = entryAt(index.row());
    if (role == Qt::ToolTipRole)
        return QStringLiteral("Entry %1\n%2\nhash %3").arg(e.id).arg(e.detail, e.hash);
    if (role == Qt::ForegroundRole && index.column() == OutcomeColumn)
        return e.outcome == QLatin1String("failed")      ? QColor(0xe0, 0x6c, 0x6c)
               : e.outcome == QLatin1String("confirmed") ? QColor(0x2e, 0x8b, 0x57)
                                                         : QColor(0xe0, 0xb0, 0x4a);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.atMs, QTimeZone::utc())
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case ActorColumn: return e.actor;
        case RoleColumn: return e.role;
        case ActionColumn: return e.action;
        case TargetColumn: return e.target;
        case OutcomeColumn: return e.outcome;
        case ReasonColumn: return e.reason;
        case KeyColumn: return e.idempotencyKey;
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, o, role);
    static const char* names[] = {"Time (UTC)", "Who",     "Role",   "Action",
                                  "Target",     "Outcome", "Reason", "Idempotency key"};
    return QString::fromLatin1(names[section]);
}

}  // namespace wf
