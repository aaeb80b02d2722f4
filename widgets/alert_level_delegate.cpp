#include "alert_level_delegate.h"

#include <QApplication>
#include <QPainter>

namespace wf {

void AlertLevelDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    opt.backgroundBrush = QBrush();
    // Row background and selection as usual, without the text.
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QColor colour = index.data(Qt::BackgroundRole).value<QColor>();
    const QRect badge = opt.rect.adjusted(3, 3, -3, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(badge, 4, 4);
    painter->setPen(Qt::white);
    QFont f = opt.font;
    f.setBold(true);
    painter->setFont(f);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

QSize AlertLevelDelegate::sizeHint(const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.rwidth() += 16;
    return s;
}

}  // namespace wf
