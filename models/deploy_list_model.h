#pragma once

// Recent and in-flight deploys, newest first. Rows are small records; cell
// text is formatted only when a view asks. A rolled-back deploy stays marked
// until a newer deploy of the same service and region replaces it.

#include "action_executor.h"
#include "change_types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <vector>

namespace wf {

class DeployListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        StartedColumn,
        ServiceColumn,
        RegionColumn,
        VersionColumn,
        AuthorColumn,
        CanaryColumn,
        StatusColumn,
        ActionColumn,
        ColumnCount
    };
    enum Role {
        DeployIdRole = Qt::UserRole + 1,
        StatusRole,      // int(DeployStatus)
        StartedMsRole,   // qint64
        SortRole,        // raw value
        SupersededRole,  // bool: a newer deploy of the same service and region exists
        FilterTextRole,  // service, region, version, author, id in one string
        ServiceRole,
        RegionRole,
    };

    explicit DeployListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setDeploys(const QVector<Deploy>& deploys);
    // Inserts or updates by id (a higher resource version wins).
    void applyChange(const Deploy& deploy);
    // Shows an action's pending / done / failed state on its deploy's row.
    void applyActionOutcome(const ActionOutcome& outcome);

    const Deploy* deploy(const QString& id) const;
    const Deploy& deployAt(int row) const { return rows_[size_t(row)]; }
    int rowOf(const QString& id) const;
    // Deploys of a service (or touching a journey) in a region, newest first,
    // that started in [fromMs, toMs).
    QVector<Deploy> deploysBetween(qint64 fromMs, qint64 toMs) const;

private:
    void reindex();
    bool superseded(int row) const;

    std::vector<Deploy> rows_;  // newest first
    QHash<QString, int> rowById_;
    std::vector<bool> superseded_;  // by row: a newer deploy of the same service and region
    QHash<QString, ActionOutcome> actions_;  // by deploy id
};

}  // namespace wf
