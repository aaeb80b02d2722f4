#pragma once

// The table every record list uses (deploys, flags, the audit log): whole
// rows selected one at a time, compact rows, columns sized to their content
// whenever the data is replaced, and selection by source row through a
// filter proxy.

#include <QTableView>

class QSortFilterProxyModel;

namespace wf {

class RecordTableView : public QTableView {
    Q_OBJECT
public:
    explicit RecordTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    // `role` of the current row, or an invalid value.
    QVariant currentValue(int role) const;
    // Selects and shows a row given in the proxy's source model.
    void selectSourceRow(int sourceRow);
};

}  // namespace wf
