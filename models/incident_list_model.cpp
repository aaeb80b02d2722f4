#include "incident_list_model.h"

#include <QColor>
#include <QDateTime>

namespace wf {

IncidentListModel::IncidentListModel(QObject* parent) : QAbstractTableModel(parent) {}

int IncidentListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int IncidentListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void IncidentListModel::setIncidents(const QVector<Incident>& incidents)
{
    const bool sameIds =
        incidents.size() == rows_.size() &&
        std::equal(incidents.begin(), incidents.end(), rows_.begin(),
                   [](const Incident& a, const Incident& b) { return a.id == b.id; });
    if (!sameIds) {
        beginResetModel();
        rows_ = incidents;
        endResetModel();
        return;
    }
    rows_ = incidents;
    if (!rows_.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const Incident* IncidentListModel::incident(const QString& id) const
{
    const int row = rowOf(id);
    return row >= 0 ? &rows_[row] : nullptr;
}

int IncidentListModel::rowOf(const QString& id) const
{
    for (int i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id)
            return i;
    return -1;
}

const Incident* IncidentListModel::activeIncident() const
{
    for (const Incident& i : rows_)  // newest first
        if (i.status != IncidentStatus::Resolved)
            return &i;
    return nullptr;
}

QVariant IncidentListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const Incident& i = rows_[index.row()];
    const bool open = i.status != IncidentStatus::Resolved;
    switch (role) {
        case IncidentIdRole: return i.id;
        case Qt::DisplayRole:
            switch (index.column()) {
                case SeverityColumn: return severityName(i.severity);
                case TitleColumn: return i.title;
                case StatusColumn: return incidentStatusName(i.status);
                case DeclaredColumn:
                    return QDateTime::fromMSecsSinceEpoch(i.declaredMs, Qt::UTC)
                        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
                case CommanderColumn:
                    return i.roles.commander.isEmpty() ? tr("(no commander)") : i.roles.commander;
            }
            return {};
        case Qt::ForegroundRole:
            if (!open)
                return QColor(0x9a, 0x9f, 0xa8);
            if (index.column() == SeverityColumn && i.severity <= Severity::Sev2)
                return QColor(0xe0, 0x6c, 0x6c);
            return {};
        case Qt::ToolTipRole:
            return tr("%1 — %2\nJourneys: %3\nRegions: %4")
                .arg(
                    severityName(i.severity), i.title,
                    i.journeys.isEmpty() ? tr("none named") : i.journeys.join(QStringLiteral(", ")),
                    i.regions.isEmpty() ? tr("none named") : i.regions.join(QStringLiteral(", ")));
        default: return {};
    }
}

QVariant IncidentListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
        case SeverityColumn: return tr("Severity");
        case TitleColumn: return tr("Incident");
        case StatusColumn: return tr("Status");
        case DeclaredColumn: return tr("Declared (UTC)");
        case CommanderColumn: return tr("Commander");
    }
    return {};
}

}  // namespace wf
