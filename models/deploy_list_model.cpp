#include "deploy_list_model.h"

#include "action_state_style.h"

#include <QColor>
#include <QDateTime>
#include <QSet>
#include <QStringBuilder>
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

bool newerFirst(const Deploy& a, const Deploy& b)
{
    return a.startedMs != b.startedMs ? a.startedMs > b.startedMs : a.id > b.id;
}

}  // namespace

DeployListModel::DeployListModel(QObject* parent) : QAbstractTableModel(parent) {}

int DeployListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int DeployListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void DeployListModel::reindex()
{
    rowById_.clear();
    rowById_.reserve(qsizetype(rows_.size()));
    superseded_.assign(rows_.size(), false);
    QSet<QString> seen;  // service/region/environment with a newer deploy
    for (size_t i = 0; i < rows_.size(); ++i) {
        const Deploy& d = rows_[i];
        rowById_.insert(d.id, int(i));
        const QString key = d.service + '\n' + d.region + '\n' + d.environment;
        superseded_[i] = seen.contains(key);
        seen.insert(key);
    }
}

void DeployListModel::setDeploys(const QVector<Deploy>& deploys)
{
    beginResetModel();
    rows_.assign(deploys.begin(), deploys.end());
    std::sort(rows_.begin(), rows_.end(), newerFirst);
    reindex();
    endResetModel();
}

void DeployListModel::applyChange(const Deploy& d)
{
    const auto it = rowById_.constFind(d.id);
    if (it != rowById_.constEnd()) {
        Deploy& existing = rows_[size_t(*it)];
        if (d.resourceVersion < existing.resourceVersion)
            return;  // an older event replayed after a newer one
        existing = d;
        emit dataChanged(index(*it, 0), index(*it, ColumnCount - 1));
        return;
    }
    const auto pos = std::lower_bound(rows_.begin(), rows_.end(), d, newerFirst);
    const int row = int(pos - rows_.begin());
    beginInsertRows({}, row, row);
    rows_.insert(pos, d);
    reindex();
    endInsertRows();
    // The deploy it replaces is no longer "rolled back (current)".
    if (rowCount() > row + 1)
        emit dataChanged(index(row + 1, 0), index(rowCount() - 1, ColumnCount - 1));
}

void DeployListModel::applyActionOutcome(const ActionOutcome& outcome)
{
    if (outcome.request.kind != ActionRequest::Kind::RollbackDeploy)
        return;
    actions_.insert(outcome.request.deployId, outcome);
    if (outcome.deploy)
        applyChange(*outcome.deploy);
    const int row = rowOf(outcome.request.deployId);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const Deploy* DeployListModel::deploy(const QString& id) const
{
    const int row = rowOf(id);
    return row >= 0 ? &rows_[size_t(row)] : nullptr;
}

int DeployListModel::rowOf(const QString& id) const
{
    return rowById_.value(id, -1);
}

bool DeployListModel::superseded(int row) const
{
    return superseded_[size_t(row)];
}

QVector<Deploy> DeployListModel::deploysBetween(qint64 fromMs, qint64 toMs) const
{
    QVector<Deploy> out;
    for (const Deploy& d : rows_) {
        if (d.startedMs >= toMs)
            continue;
        if (d.startedMs < fromMs)
            break;  // newest first
        out.append(d);
    }
    return out;
}

QVariant DeployListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Deploy& d = rows_[size_t(index.row())];
    const int col = index.column();
    switch (role) {
        case DeployIdRole: return d.id;
        case StatusRole: return int(d.status);
        case StartedMsRole: return d.startedMs;
        case SupersededRole: return superseded(index.row());
        case ServiceRole: return d.service;
        case RegionRole: return d.region;
        case FilterTextRole: {
            // One allocation per row: this is read for every row on the first filter.
            const QChar sp(' ');
            return QString(d.service % sp % d.region % sp % d.version % sp % d.author % sp % d.id %
                           sp % d.description);
        }
        case SortRole:
            switch (col) {
                case StartedColumn: return d.startedMs;
                case CanaryColumn: return d.canaryShare;
                case StatusColumn: return int(d.status);
                default: return data(index, Qt::DisplayRole);
            }
        case Qt::ToolTipRole: {
            QString tip = QStringLiteral("%1 %2 → %3 in %4 (%5)\nby %6\n%7")
                              .arg(d.service, d.previousVersion, d.version, d.region, d.environment,
                                   d.author, d.description);
            if (!d.journeys.isEmpty())
                tip += QStringLiteral("\nJourneys: ") + d.journeys.join(QStringLiteral(", "));
            const auto a = actions_.constFind(d.id);
            if (a != actions_.constEnd())
                tip += QStringLiteral("\nRollback: ") + a->message;
            return tip;
        }
        case Qt::ForegroundRole:
            if (col == StatusColumn) {
                switch (d.status) {
                    case DeployStatus::RolledBack:
                    case DeployStatus::RollingBack: return QColor(0xe0, 0xb0, 0x4a);
                    case DeployStatus::Failed: return QColor(0xe0, 0x6c, 0x6c);
                    case DeployStatus::InProgress: return QColor(0x5d, 0xa9, 0xf6);
                    default: return {};
                }
            }
            if (col == ActionColumn) {
                const auto a = actions_.constFind(d.id);
                if (a != actions_.constEnd())
                    return actionStateColor(a->state);
            }
            return {};
        case Qt::DisplayRole:
            switch (col) {
                case StartedColumn: return timeText(d.startedMs);
                case ServiceColumn: return d.service;
                case RegionColumn: return d.region;
                case VersionColumn: return d.version;
                case AuthorColumn: return d.author;
                case CanaryColumn:
                    return d.status == DeployStatus::InProgress
                               ? QStringLiteral("%1%").arg(qRound(d.canaryShare * 100))
                               : QString();
                case StatusColumn: {
                    QString s = deployStatusName(d.status);
                    if (d.status == DeployStatus::RolledBack && !superseded(index.row()))
                        s += QStringLiteral(" (current)");
                    return s;
                }
                case ActionColumn: {
                    const auto a = actions_.constFind(d.id);
                    if (a == actions_.constEnd())
                        return QString();
                    switch (a->state) {
                        case ActionOutcome::State::Pending:
                            return QStringLiteral("Rollback pending…");
                        case ActionOutcome::State::Done:
                            return QStringLiteral("Rollback confirmed");
                        case ActionOutcome::State::Failed: return QStringLiteral("Rollback failed");
                    }
                    return QString();
                }
            }
            return {};
        default: return {};
    }
}

QVariant DeployListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, o, role);
    static const char* names[] = {"Started (UTC)", "Service", "Region", "Version",
                                  "Author",        "Canary",  "Status", "Action"};
    return QString::fromLatin1(names[section]);
}

}  // namespace wf
