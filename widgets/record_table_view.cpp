#include "record_table_view.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace wf {

RecordTableView::RecordTableView(QWidget* parent) : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setResizeContentsPrecision(200);
}

void RecordTableView::setModel(QAbstractItemModel* model)
{
    QTableView::setModel(model);
    if (model)
        connect(model, &QAbstractItemModel::modelReset, this, &QTableView::resizeColumnsToContents);
}

QVariant RecordTableView::currentValue(int role) const
{
    const QModelIndex idx = currentIndex();
    return idx.isValid() ? idx.data(role) : QVariant();
}

void RecordTableView::selectSourceRow(int sourceRow)
{
    auto* proxy = qobject_cast<QSortFilterProxyModel*>(model());
    if (!proxy || sourceRow < 0)
        return;
    const QModelIndex p = proxy->mapFromSource(proxy->sourceModel()->index(sourceRow, 0));
    if (p.isValid()) {
        setCurrentIndex(p);
        scrollTo(p);
    }
}

}  // namespace wf
