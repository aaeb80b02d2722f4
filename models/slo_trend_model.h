#pragma once

// SLO attainment per journey (all regions, in bold) and region over the
// Trends range: objective,
// attainment (red below the objective), error budget remaining (red when
// overspent), and the time spent in page and ticket alert.

#include "trend_metrics.h"

#include <QAbstractTableModel>

namespace wf {

class SloTrendModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        JourneyColumn,
        RegionColumn,
        ObjectiveColumn,
        AttainmentColumn,
        BudgetColumn,
        PageColumn,
        TicketColumn,
        ColumnCount
    };

    explicit SloTrendModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setTrends(const QVector<SloTrend>& rows);
    const SloTrend& at(int row) const { return rows_[row]; }

    // "99.925%" (enough digits to tell it from the objective), "—" unknown.
    static QString percentText(std::optional<double> v, int decimals = 3);
    // "3 h 20 min", "0 min".
    static QString hoursText(qint64 ms);

private:
    QVector<SloTrend> rows_;
};

}  // namespace wf
