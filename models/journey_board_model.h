#pragma once

// The journey health board: one row per journey over all regions, followed by
// one row per region. Reads statuses from the HealthStore; cells are
// formatted only when the view asks for them.

#include "health_store.h"

#include <QAbstractTableModel>

namespace wf {

class JourneyBoardModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        JourneyColumn,
        RegionColumn,
        AlertColumn,
        SliColumn,
        ObjectiveColumn,
        BudgetColumn,
        Burn5mColumn,
        Burn30mColumn,
        Burn1hColumn,
        Burn6hColumn,
        Burn3dColumn,
        ExhaustionColumn,
        ColumnCount
    };
    enum Role {
        AlertLevelRole = Qt::UserRole + 1,  // int(AlertLevel)
        ExplanationRole,                    // QString
        JourneyIndexRole,                   // int
        RegionIndexRole,                    // int, -1 = all regions
        SortRole,                           // raw number for sorting
    };

    explicit JourneyBoardModel(HealthStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // While the stream is stale, alert cells say so instead of looking current.
    void setStale(bool stale);
    bool isStale() const { return stale_; }

    int rowFor(int journey, int region) const;
    static QColor alertColor(AlertLevel level);

private:
    void onStatusesChanged();
    int journeyOf(int row) const;
    int regionOf(int row) const;

    HealthStore* store_;
    bool stale_ = false;
};

}  // namespace wf
