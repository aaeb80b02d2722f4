#include "slo_trend_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace wf {

SloTrendModel::SloTrendModel(QObject* parent) : QAbstractTableModel(parent) {}

int SloTrendModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int SloTrendModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SloTrendModel::percentText(std::optional<double> v, int decimals)
{
    if (!v)
        return QStringLiteral("—");
    return QStringLiteral("%1%").arg(*v * 100.0, 0, 'f', decimals);
}

QString SloTrendModel::hoursText(qint64 ms)
{
    const qint64 minutes = ms / 60'000;
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    return minutes % 60 ? QStringLiteral("%1 h %2 min").arg(minutes / 60).arg(minutes % 60)
                        : QStringLiteral("%1 h").arg(minutes / 60);
}

QVariant SloTrendModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SloTrend& t = rows_[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case JourneyColumn: return t.journeyName.isEmpty() ? t.journeyId : t.journeyName;
            case RegionColumn: return t.region;
            case ObjectiveColumn: return percentText(t.objective, 2);
            case AttainmentColumn: return percentText(t.attainment);
            case BudgetColumn: return percentText(t.budgetRemaining, 1);
            case PageColumn: return hoursText(t.pageMs);
            case TicketColumn: return hoursText(t.ticketMs);
            default: return {};
        }
    }
    if (role == Qt::ForegroundRole) {
        const bool bad =
            (index.column() == AttainmentColumn && t.attainment && *t.attainment < t.objective) ||
            (index.column() == BudgetColumn && t.budgetRemaining && *t.budgetRemaining < 0);
        if (bad)
            return QBrush(QColor(0xff, 0x6b, 0x6b));
        if (index.column() == BudgetColumn && t.budgetRemaining && *t.budgetRemaining < 0.25)
            return QBrush(QColor(0xe0, 0xb0, 0x4a));
    }
    if (role == Qt::FontRole && t.overall) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= ObjectiveColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == AttainmentColumn)
        return tr("%1 good of %2 valid events").arg(t.good).arg(t.valid);
    return {};
}

QVariant SloTrendModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case JourneyColumn: return tr("Journey");
        case RegionColumn: return tr("Region");
        case ObjectiveColumn: return tr("Objective");
        case AttainmentColumn: return tr("Attainment");
        case BudgetColumn: return tr("Budget left");
        case PageColumn: return tr("In page alert");
        case TicketColumn: return tr("In ticket alert");
        default: return {};
    }
}

void SloTrendModel::setTrends(const QVector<SloTrend>& rows)
{
    beginResetModel();
    rows_ = rows;
    endResetModel();
}

}  // namespace wf
