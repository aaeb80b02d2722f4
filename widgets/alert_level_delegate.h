#pragma once

// Paints the alert cell as a coloured badge that stays visible when the row
// is selected: the colour is the state, the word says it for colour-blind
// readers and screenshots in grey.

#include <QStyledItemDelegate>

namespace wf {

class AlertLevelDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace wf
