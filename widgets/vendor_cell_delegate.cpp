#include "vendor_cell_delegate.h"

#include "vendor_grid_model.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace wf {

namespace {

constexpr double kBreakerLine = 0.05;  // the error rate that opens a breaker
constexpr int kPad = 4;

void drawSparkline(QPainter* painter, const QRect& box, const QList<QPointF>& points,
                   const QColor& colour)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(QColor(0x3a, 0x3f, 0x48), 1));
    painter->setBrush(QColor(0x1b, 0x1e, 0x24));
    painter->drawRect(box);
    if (points.size() >= 2) {
        double top = kBreakerLine * 2;
        for (const QPointF& p : points)
            top = std::max(top, p.y());
        const double x0 = points.first().x();
        const double span = std::max(1.0, points.last().x() - x0);
        const auto at = [&](const QPointF& p) {
            return QPointF(box.left() + (p.x() - x0) / span * box.width(),
                           box.bottom() - p.y() / top * (box.height() - 2));
        };
        const double breakerY = box.bottom() - kBreakerLine / top * (box.height() - 2);
        painter->setPen(QPen(QColor(0xe0, 0x6c, 0x6c, 120), 1, Qt::DotLine));
        painter->drawLine(QPointF(box.left(), breakerY), QPointF(box.right(), breakerY));
        QPainterPath path(at(points.first()));
        for (qsizetype i = 1; i < points.size(); ++i)
            path.lineTo(at(points[i]));
        painter->setPen(QPen(colour, 1.3));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(path);
    }
    painter->restore();
}

}  // namespace

void VendorCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    if (index.data(VendorGridModel::RegionRole).toString().isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QRect inner = opt.rect.adjusted(kPad, 2, -kPad, -2);
    const QRect spark(inner.right() - kSparkWidth + 1, inner.top() + 3, kSparkWidth,
                      inner.height() - 6);
    const QRect text = inner.adjusted(0, 0, -(kSparkWidth + kPad), 0);
    const QVariant fg = index.data(Qt::ForegroundRole);
    const QColor normal = opt.palette.color(QPalette::Text);
    const QColor health = fg.canConvert<QColor>() ? fg.value<QColor>() : normal;
    const QColor dim = opt.palette.color(QPalette::PlaceholderText);

    painter->save();
    const QFontMetrics fm(opt.font);
    const int line = fm.height();
    const QString lines[3] = {index.data(VendorGridModel::StatusLineRole).toString(),
                              index.data(VendorGridModel::MeasureLineRole).toString(),
                              index.data(VendorGridModel::RoutingLineRole).toString()};
    const QColor colours[3] = {health, normal, dim};
    for (int i = 0; i < 3; ++i) {
        QFont f = opt.font;
        f.setBold(i == 0);
        painter->setFont(f);
        painter->setPen(colours[i]);
        const QRect r(text.left(), text.top() + i * line, text.width(), line);
        painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(f).elidedText(lines[i], Qt::ElideRight, r.width()));
    }
    painter->restore();
    drawSparkline(painter, spark,
                  index.data(VendorGridModel::ErrorHistoryRole).value<QList<QPointF>>(),
                  health == normal ? QColor(0x8f, 0xd1, 0x9e) : health);
}

QSize VendorCellDelegate::sizeHint(const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    if (index.data(VendorGridModel::RegionRole).toString().isEmpty())
        return QStyledItemDelegate::sizeHint(option, index);
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics fm(bold);
    int width = 0;
    for (int role : {int(VendorGridModel::StatusLineRole), int(VendorGridModel::MeasureLineRole),
                     int(VendorGridModel::RoutingLineRole)})
        width = std::max(width, fm.horizontalAdvance(index.data(role).toString()));
    return {std::min(width + 2, 250) + kSparkWidth + 3 * kPad, 3 * fm.height() + 6};
}

}  // namespace wf
