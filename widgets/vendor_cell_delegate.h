#pragma once

// Paints a vendor's cell in one region compactly: the status page and
// breaker on the first line (in the cell's health colour), our measurements
// on the second, its part in the routing on the third, and a sparkline of
// the error rate over the last half hour on the right with the 5% line
// that trips a breaker.

#include <QStyledItemDelegate>

namespace wf {

class VendorCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static constexpr int kSparkWidth = 64;
};

}  // namespace wf
