#include "flag_list_model.h"

#include "action_state_style.h"

#include <QColor>
#include <QDateTime>
#include <QTimeZone>
#include <algorithm>

namespace wf {

FlagListModel::FlagListModel(QObject* parent) : QAbstractTableModel(parent) {}

int FlagListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int FlagListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void FlagListModel::setFlags(const QVector<Flag>& flags)
{
    beginResetModel();
    rows_.assign(flags.begin(), flags.end());
    std::sort(rows_.begin(), rows_.end(),
              [](const Flag& a, const Flag& b) { return a.key < b.key; });
    rowByKey_.clear();
    for (size_t i = 0; i < rows_.size(); ++i)
        rowByKey_.insert(rows_[i].key, int(i));
    endResetModel();
}

void FlagListModel::applyFlag(const Flag& f)
{
    const int row = rowOf(f.key);
    if (row >= 0) {
        if (f.resourceVersion < rows_[size_t(row)].resourceVersion)
            return;
        rows_[size_t(row)] = f;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const auto pos = std::lower_bound(rows_.begin(), rows_.end(), f,
                                      [](const Flag& a, const Flag& b) { return a.key < b.key; });
    const int at = int(pos - rows_.begin());
    beginInsertRows({}, at, at);
    rows_.insert(pos, f);
    rowByKey_.clear();
    for (size_t i = 0; i < rows_.size(); ++i)
        rowByKey_.insert(rows_[i].key, int(i));
    endInsertRows();
}

void FlagListModel::applyActionOutcome(const ActionOutcome& outcome)
{
    if (outcome.request.kind != ActionRequest::Kind::SetFlagState)
        return;
    actions_.insert(outcome.request.flagKey, outcome);
    if (outcome.flag)
        applyFlag(*outcome.flag);
    const int row = rowOf(outcome.request.flagKey);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void FlagListModel::recordChange(const FlagChangeEvent& change)
{
    changes_.append(change);
    if (changes_.size() > 20000)
        changes_.remove(0, changes_.size() - 10000);
    applyFlag(change.flag);
}

QVector<FlagChangeEvent> FlagListModel::changesBetween(qint64 fromMs, qint64 toMs) const
{
    QVector<FlagChangeEvent> out;
    for (const FlagChangeEvent& c : changes_)
        if (c.changedMs >= fromMs && c.changedMs < toMs)
            out.append(c);
    return out;
}

const Flag* FlagListModel::flag(const QString& key) const
{
    const int row = rowOf(key);
    return row >= 0 ? &rows_[size_t(row)] : nullptr;
}

QString FlagListModel::statesText(const Flag& f, const QString& environment) const
{
    QStringList parts;
    for (const FlagState& s : f.states)
        if (s.environment == environment)
            parts << QStringLiteral("%1 %2").arg(
                s.region, s.enabled ? QStringLiteral("on") : QStringLiteral("off"));
    return parts.join(QStringLiteral(" · "));
}

qint64 FlagListModel::lastChangeMs(const Flag& f) const
{
    qint64 last = 0;
    for (const FlagState& s : f.states)
        last = std::max(last, s.changedMs);
    return last;
}

QVariant FlagListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Flag& f = rows_[size_t(index.row())];
    const int col = index.column();
    switch (role) {
        case FlagKeyRole: return f.key;
        case KindRole: return int(f.kind);
        case FilterTextRole:
            return QStringList{f.key, f.owner, f.description, f.journeys.join(' '),
                               flagKindName(f.kind)}
                .join(' ');
        case SortRole:
            return col == LastChangeColumn ? QVariant(lastChangeMs(f))
                                           : data(index, Qt::DisplayRole);
        case Qt::ToolTipRole: {
            QString tip = QStringLiteral("%1 (%2, owner %3)\n%4")
                              .arg(f.key, flagKindName(f.kind), f.owner, f.description);
            if (!f.journeys.isEmpty())
                tip += QStringLiteral("\nTouches: ") + f.journeys.join(QStringLiteral(", "));
            const auto a = actions_.constFind(f.key);
            if (a != actions_.constEnd())
                tip += QStringLiteral("\nLast action: ") + a->message;
            return tip;
        }
        case Qt::ForegroundRole:
            if (col == KindColumn && f.kind == FlagKind::KillSwitch)
                return QColor(0xe0, 0x7a, 0x4a);
            if (col == ActionColumn) {
                const auto a = actions_.constFind(f.key);
                if (a != actions_.constEnd())
                    return actionStateColor(a->state);
            }
            return {};
        case Qt::DisplayRole:
            switch (col) {
                case KeyColumn: return f.key;
                case KindColumn: return flagKindName(f.kind);
                case OwnerColumn: return f.owner;
                case JourneysColumn: return f.journeys.join(QStringLiteral(", "));
                case ProductionColumn: return statesText(f, QStringLiteral("production"));
                case StagingColumn: return statesText(f, QStringLiteral("staging"));
                case LastChangeColumn: {
                    const qint64 ms = lastChangeMs(f);
                    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                                        .toString(QStringLiteral("MM-dd HH:mm"))
                                  : QString();
                }
                case ActionColumn: {
                    const auto a = actions_.constFind(f.key);
                    if (a == actions_.constEnd())
                        return QString();
                    const QString what =
                        QStringLiteral("%1 %2 %3")
                            .arg(a->request.enabled ? QStringLiteral("on") : QStringLiteral("off"),
                                 a->request.environment, a->request.region);
                    switch (a->state) {
                        case ActionOutcome::State::Pending:
                            return QStringLiteral("Pending: ") + what;
                        case ActionOutcome::State::Done: return QStringLiteral("Done: ") + what;
                        case ActionOutcome::State::Failed: return QStringLiteral("Failed: ") + what;
                    }
                    return QString();
                }
            }
            return {};
        default: return {};
    }
}

QVariant FlagListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, o, role);
    static const char* names[] = {"Flag",       "Kind",    "Owner",       "Journeys",
                                  "Production", "Staging", "Last change", "Action"};
    return QString::fromLatin1(names[section]);
}

}  // namespace wf
