#pragma once

// Feature flags and kill switches with their state per environment and
// region. Updated in place from the change stream.

#include "action_executor.h"
#include "change_types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <vector>

namespace wf {

class FlagListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        KeyColumn,
        KindColumn,
        OwnerColumn,
        JourneysColumn,
        ProductionColumn,
        StagingColumn,
        LastChangeColumn,
        ActionColumn,
        ColumnCount
    };
    enum Role {
        FlagKeyRole = Qt::UserRole + 1,
        KindRole,        // int(FlagKind)
        FilterTextRole,  // key, owner, description, journeys
        SortRole,
    };

    explicit FlagListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setFlags(const QVector<Flag>& flags);
    // Replaces the flag by key (a higher resource version wins).
    void applyFlag(const Flag& flag);
    void applyActionOutcome(const ActionOutcome& outcome);

    // Keeps a streamed change (for chart markers and suspects) and applies it.
    void recordChange(const FlagChangeEvent& change);
    QVector<FlagChangeEvent> changesBetween(qint64 fromMs, qint64 toMs) const;

    const Flag* flag(const QString& key) const;
    const Flag& flagAt(int row) const { return rows_[size_t(row)]; }
    int rowOf(const QString& key) const { return rowByKey_.value(key, -1); }

private:
    QString statesText(const Flag& f, const QString& environment) const;
    qint64 lastChangeMs(const Flag& f) const;

    std::vector<Flag> rows_;  // sorted by key
    QHash<QString, int> rowByKey_;
    QHash<QString, ActionOutcome> actions_;  // by flag key
    QVector<FlagChangeEvent> changes_;       // oldest first, bounded
};

}  // namespace wf
