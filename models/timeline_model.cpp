#include "timeline_model.h"

#include <QColor>
#include <QDateTime>

namespace wf {

TimelineModel::TimelineModel(QObject* parent) : QAbstractTableModel(parent) {}

int TimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(shown_.size());
}

int TimelineModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void TimelineModel::setEntries(const QString& incidentId, const QVector<TimelineEntry>& entries)
{
    incidentId_ = incidentId;
    all_ = entries;
    rebuild();
}

void TimelineModel::setKindFilter(const QVector<TimelineKind>& kinds)
{
    kinds_ = kinds;
    rebuild();
}

void TimelineModel::rebuild()
{
    beginResetModel();
    shown_.clear();
    for (const TimelineEntry& e : all_)
        if (kinds_.isEmpty() || kinds_.contains(e.kind))
            shown_.append(e);
    endResetModel();
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const TimelineEntry& e = shown_[index.row()];
    switch (role) {
        case EntryIdRole: return e.id;
        case PinnedRole: return e.pinned;
        case KindRole: return int(e.kind);
        case Qt::DisplayRole:
            switch (index.column()) {
                case TimeColumn:
                    return QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC)
                               .toString(QStringLiteral("HH:mm:ss")) +
                           (e.pinned ? QStringLiteral(" 📌") : QString());
                case KindColumn: return timelineKindName(e.kind);
                case SourceColumn: return e.source;
                case TextColumn:
                    return e.outcome.isEmpty() ? e.text
                                               : QStringLiteral("%1 — %2").arg(e.text, e.outcome);
            }
            return {};
        case Qt::ForegroundRole:
            if (e.kind == TimelineKind::ConsoleAction &&
                e.outcome.startsWith(QLatin1String("fail")))
                return QColor(0xe0, 0x6c, 0x6c);
            if (e.kind == TimelineKind::AlertCrossing)
                return QColor(0xe0, 0xb0, 0x4a);
            return {};
        case Qt::ToolTipRole:
            return QStringLiteral("%1 UTC · %2 · from %3\n%4")
                .arg(QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC)
                         .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                     timelineKindName(e.kind), e.source, e.text);
        default: return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
        case TimeColumn: return tr("Time (UTC)");
        case KindColumn: return tr("Kind");
        case SourceColumn: return tr("Source");
        case TextColumn: return tr("What happened");
    }
    return {};
}

}  // namespace wf
