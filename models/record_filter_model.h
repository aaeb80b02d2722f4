#pragma once

// Filters a record model by free text (every word must appear, any case) and
// by exact values of chosen roles (service, region, kind…), and sorts by the
// source's sort role. The text each row is searched in is read once and
// cached, so filtering 10,000 rows does no per-row formatting.

#include <QHash>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <vector>

namespace wf {

class RecordFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    // textRole: the source role holding the searchable text of a row.
    RecordFilterModel(int textRole, int sortRole, QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* source) override;
    void setFilterText(const QString& text);
    // Rows must have `value` in `role` (column 0); an invalid value clears it.
    void setExactFilter(int role, const QVariant& value);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    const QString& haystack(int sourceRow) const;
    void dropCache() { haystacks_.clear(); }

    int textRole_;
    QStringList terms_;
    QHash<int, QVariant> exact_;
    mutable std::vector<QString> haystacks_;  // lower-case, by source row; empty = not read
    mutable std::vector<bool> cached_;
};

}  // namespace wf
