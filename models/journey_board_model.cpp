#include "journey_board_model.h"

#include <QColor>
#include <cmath>

namespace wf {

namespace {

QString percentText(double v, int decimals)
{
    return std::isnan(v) ? QStringLiteral("–") : QString::number(v * 100.0, 'f', decimals) + '%';
}

QString burnCell(double b)
{
    return std::isnan(b) ? QStringLiteral("–") : QString::number(b, 'f', b < 10 ? 2 : 1);
}

}  // namespace

JourneyBoardModel::JourneyBoardModel(HealthStore* store, QObject* parent)
    : QAbstractTableModel(parent), store_(store)
{
    connect(store_, &HealthStore::catalogAboutToChange, this, &JourneyBoardModel::beginResetModel);
    connect(store_, &HealthStore::catalogChanged, this, &JourneyBoardModel::endResetModel);
    connect(store_, &HealthStore::statusesChanged, this, &JourneyBoardModel::onStatusesChanged);
}

int JourneyBoardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : store_->journeyCount() * (store_->regionCount() + 1);
}

int JourneyBoardModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int JourneyBoardModel::journeyOf(int row) const
{
    return row / (store_->regionCount() + 1);
}
int JourneyBoardModel::regionOf(int row) const
{
    return row % (store_->regionCount() + 1) - 1;
}
int JourneyBoardModel::rowFor(int journey, int region) const
{
    return journey * (store_->regionCount() + 1) + region + 1;
}

QColor JourneyBoardModel::alertColor(AlertLevel level)
{
    switch (level) {
        case AlertLevel::Page: return QColor(0xd6, 0x3a, 0x3a);
        case AlertLevel::Ticket: return QColor(0xd9, 0x8c, 0x1f);
        case AlertLevel::Ok: return QColor(0x2e, 0x8b, 0x57);
        case AlertLevel::Unknown: break;
    }
    return QColor(0x6b, 0x6f, 0x78);
}

QVariant JourneyBoardModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const int j = journeyOf(index.row());
    const int r = regionOf(index.row());
    const SloStatus& s = store_->status(j, r);
    const JourneyDefinition& def = store_->catalog().journeys[j];
    const int col = index.column();

    switch (role) {
        case AlertLevelRole: return int(s.level);
        case ExplanationRole: return s.explanation();
        case JourneyIndexRole: return j;
        case RegionIndexRole: return r;
        case Qt::ToolTipRole:
            return QStringLiteral("%1 — %2\n%3")
                .arg(def.displayName,
                     r < 0 ? QStringLiteral("all regions") : store_->catalog().regions[r],
                     s.explanation());
        case Qt::TextAlignmentRole:
            return col >= SliColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                    : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            if (col == AlertColumn)
                return QColor(Qt::white);
            if (col == BudgetColumn && s.budgetPartial)
                return QColor(0x9a, 0x9f, 0xa8);
            if (col >= Burn5mColumn && col <= Burn3dColumn) {
                const double b = s.burn[col - Burn5mColumn];
                if (b > 14.4)
                    return alertColor(AlertLevel::Page).lighter(130);
                if (b > 1.0)
                    return alertColor(AlertLevel::Ticket).lighter(120);
            }
            return {};
        case Qt::BackgroundRole:
            if (col == AlertColumn)
                return stale_ ? alertColor(AlertLevel::Unknown) : alertColor(s.level);
            return {};
        case Qt::FontRole: return {};
        case SortRole:
            switch (col) {
                case JourneyColumn: return j;
                case RegionColumn: return r;
                case AlertColumn: return int(s.level);
                case SliColumn: return s.sliNow;
                case ObjectiveColumn: return s.objective;
                case BudgetColumn: return s.budgetRemaining;
                case ExhaustionColumn:
                    return s.timeToExhaustionMs ? QVariant(*s.timeToExhaustionMs) : QVariant();
                default: return s.burn[col - Burn5mColumn];
            }
        case Qt::DisplayRole:
            switch (col) {
                case JourneyColumn: return r < 0 ? def.displayName : QString();
                case RegionColumn:
                    return r < 0 ? QStringLiteral("all regions") : store_->catalog().regions[r];
                case AlertColumn: {
                    const QString name = alertLevelName(s.level);
                    return stale_ ? name + QStringLiteral(" (stale)") : name;
                }
                case SliColumn: return percentText(s.sliNow, 2);
                case ObjectiveColumn: return percentText(s.objective, 2);
                case BudgetColumn:
                    if (std::isnan(s.budgetRemaining))
                        return QStringLiteral("–");
                    return percentText(s.budgetRemaining, 1) +
                           (s.budgetPartial ? QStringLiteral(" (partial)") : QString());
                case ExhaustionColumn:
                    if (!s.timeToExhaustionMs)
                        return QStringLiteral("–");
                    if (*s.timeToExhaustionMs == 0)
                        return QStringLiteral("exhausted");
                    // Beyond the SLO window the figure means "not at this rate".
                    if (*s.timeToExhaustionMs > def.sloWindowMs)
                        return QStringLiteral("> %1").arg(formatDuration(def.sloWindowMs));
                    return formatDuration(*s.timeToExhaustionMs);
                default: return burnCell(s.burn[col - Burn5mColumn]);
            }
        default: return {};
    }
}

QVariant JourneyBoardModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, o, role);
    if (role == Qt::DisplayRole) {
        static const char* names[] = {"Journey",  "Region",      "Alert",    "SLI (5 m)",
                                      "SLO",      "Budget left", "Burn 5 m", "Burn 30 m",
                                      "Burn 1 h", "Burn 6 h",    "Burn 3 d", "Budget gone in"};
        return QString::fromUtf8(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case SliColumn: return tr("Good events / valid events over the last 5 minutes");
            case BudgetColumn:
                return tr("Share of the SLO window's error budget (1 − SLO) not yet spent");
            case ExhaustionColumn: return tr("Time until the budget is spent at the 1 h burn rate");
            case AlertColumn:
                return tr(
                    "Page: burn > 14.4 over 1 h and 5 m, or > 6 over 6 h and 30 m.\n"
                    "Ticket: burn > 1 over 3 d and 6 h.");
            default:
                if (section >= Burn5mColumn && section <= Burn3dColumn)
                    return tr(
                        "Burn rate: observed error ratio / (1 − SLO); 1 spends the budget in "
                        "exactly the SLO window");
        }
    }
    return {};
}

void JourneyBoardModel::setStale(bool stale)
{
    if (stale == stale_)
        return;
    stale_ = stale;
    if (rowCount() > 0)
        emit dataChanged(index(0, AlertColumn), index(rowCount() - 1, AlertColumn));
}

void JourneyBoardModel::onStatusesChanged()
{
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace wf
