#include "vendor_grid_model.h"

#include "action_state_style.h"

#include <QColor>
#include <QDateTime>
#include <QPointF>
#include <algorithm>

namespace wf {

namespace {

bool healthy(const VendorRegionState& s)
{
    return s.published == PublishedStatus::Operational && s.breaker == BreakerState::Closed &&
           s.errorRate <= 0.05;
}

}  // namespace

VendorGridModel::VendorGridModel(QObject* parent) : QAbstractTableModel(parent) {}

int VendorGridModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(vendors_.size());
}

int VendorGridModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FirstRegionColumn + int(regions_.size());
}

QString VendorGridModel::routingKey(VendorCategory c, const QString& region)
{
    return QString::number(int(c)) + '/' + region;
}

void VendorGridModel::setVendors(const QVector<Vendor>& vendors,
                                 const QVector<CategoryRouting>& routing)
{
    beginResetModel();
    vendors_ = vendors;
    std::sort(vendors_.begin(), vendors_.end(), [](const Vendor& a, const Vendor& b) {
        return a.category != b.category ? int(a.category) < int(b.category) : a.id < b.id;
    });
    regions_.clear();
    for (const Vendor& v : vendors_)
        for (const VendorRegionState& s : v.regions)
            if (!regions_.contains(s.region))
                regions_ << s.region;
    routing_.clear();
    for (const CategoryRouting& r : routing)
        routing_.insert(routingKey(r.category, r.region), r);
    history_.reset(vendors_, routing);
    for (Vendor& v : vendors_)
        for (VendorRegionState& s : v.regions)
            s.recent.clear();  // kept once, in history_
    endResetModel();
}

void VendorGridModel::applyVendor(const Vendor& v)
{
    const int row = rowOf(v.id);
    if (row < 0) {
        // A reset keeps the category order and gives a new region its column.
        QVector<Vendor> all = vendors_;
        all.append(v);
        const VendorHistory kept = history_;
        setVendors(all, QVector<CategoryRouting>(routing_.begin(), routing_.end()));
        history_ = kept;
        history_.addVendor(v);
        return;
    }
    history_.addVendor(v);
    vendors_[row] = v;
    for (VendorRegionState& s : vendors_[row].regions)
        s.recent.clear();
    emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void VendorGridModel::applyRouting(const CategoryRouting& r)
{
    routing_.insert(routingKey(r.category, r.region), r);
    history_.addRouting(r);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void VendorGridModel::applyActionOutcome(const ActionOutcome& o)
{
    if (o.request.kind != ActionRequest::Kind::Failover &&
        o.request.kind != ActionRequest::Kind::Failback)
        return;
    actions_.insert(routingKey(o.request.category, o.request.region), o);
    if (o.routing)
        applyRouting(*o.routing);
    else if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

const Vendor* VendorGridModel::vendor(const QString& id) const
{
    const int row = rowOf(id);
    return row >= 0 ? &vendors_[row] : nullptr;
}

int VendorGridModel::rowOf(const QString& id) const
{
    for (int i = 0; i < vendors_.size(); ++i)
        if (vendors_[i].id == id)
            return i;
    return -1;
}

const CategoryRouting* VendorGridModel::routing(VendorCategory category,
                                                const QString& region) const
{
    const auto it = routing_.constFind(routingKey(category, region));
    return it == routing_.constEnd() ? nullptr : &*it;
}

QStringList VendorGridModel::disagreements() const
{
    QStringList out;
    for (const Vendor& v : vendors_)
        for (const VendorRegionState& s : v.regions)
            if (s.disagrees())
                out << QStringLiteral("%1 in %2: %3")
                           .arg(v.displayName, s.region, s.disagreement());
    return out;
}

QVariant VendorGridModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const Vendor& v = vendors_[index.row()];
    const int col = index.column();
    if (role == VendorIdRole)
        return v.id;
    if (col < FirstRegionColumn) {
        if (role == Qt::DisplayRole)
            return col == VendorColumn ? v.displayName : vendorCategoryName(v.category);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("%1 (%2)\nJourneys that depend on it: %3")
                .arg(v.displayName, v.id, v.journeys.join(QStringLiteral(", ")));
        return {};
    }
    const QString region = regions_[col - FirstRegionColumn];
    const VendorRegionState* s = v.region(region);
    const CategoryRouting* r = routing(v.category, region);
    QString part;
    if (r)
        part = r->primaryVendorId == v.id     ? QStringLiteral("primary")
               : r->secondaryVendorId == v.id ? QStringLiteral("secondary")
                                              : QString();
    const auto pending = [&]() -> QString {
        const auto a = actions_.constFind(routingKey(v.category, region));
        if (a == actions_.constEnd() || a->state != ActionOutcome::State::Pending ||
            (a->request.targetVendorId != v.id && a->request.kind != ActionRequest::Kind::Failback))
            return {};
        return a->request.kind == ActionRequest::Kind::Failover ? tr("failover pending…")
                                                                : tr("failback pending…");
    };
    switch (role) {
        case RegionRole: return region;
        case StatusLineRole:
            if (!s)
                return tr("not in this region");
            return (s->disagrees() ? QStringLiteral("⚠ ") : QString()) +
                   publishedStatusName(s->published) + QStringLiteral(" · breaker ") +
                   breakerStateName(s->breaker);
        case MeasureLineRole:
            if (!s)
                return {};
            return tr("%1% err · p95 %2 ms")
                .arg(QString::number(s->errorRate * 100.0, 'f', 1))
                .arg(qRound(s->p95Ms));
        case RoutingLineRole: {
            if (!s)
                return {};
            QStringList parts;
            if (!part.isEmpty())
                parts << part;
            if (s->serving)
                parts << tr("serving");
            const QString p = pending();
            if (!p.isEmpty())
                parts << p;
            return parts.join(QStringLiteral(", "));
        }
        case ErrorHistoryRole: {
            QList<QPointF> out;
            if (!s)
                return QVariant::fromValue(out);
            const QVector<VendorPoint>& points = history_.points(v.id, region);
            out.reserve(points.size());
            for (const VendorPoint& p : points)
                out.append(QPointF(double(p.atMs), p.errorRate));
            return QVariant::fromValue(out);
        }
        case ServingRole: return s && s->serving;
        case HealthyRole: return s && healthy(*s);
        case DisagreementRole: return s ? s->disagreement() : QString();
        case Qt::DisplayRole: {
            if (!s)
                return QStringLiteral("not in this region");
            QString text = QStringLiteral("%1 · breaker %2 · %3% err · p95 %4 ms")
                               .arg(publishedStatusName(s->published), breakerStateName(s->breaker))
                               .arg(QString::number(s->errorRate * 100.0, 'f', 1))
                               .arg(qRound(s->p95Ms));
            if (!part.isEmpty())
                text += QStringLiteral(" · ") + part +
                        (s->serving ? QStringLiteral(", serving") : QString());
            if (s->disagrees())
                text.prepend(QStringLiteral("⚠ "));
            const QString p = pending();
            if (!p.isEmpty())
                text += QStringLiteral(" · ") + p;
            return text;
        }
        case Qt::ToolTipRole: {
            if (!s)
                return {};
            QString tip = QStringLiteral(
                              "%1 in %2\nStatus page: %3\nMeasured: %4% errors over %5 calls; "
                              "p50 %6 ms, p95 %7 ms, p99 %8 ms\nBreaker: %9")
                              .arg(v.displayName, region, publishedStatusName(s->published))
                              .arg(QString::number(s->errorRate * 100.0, 'f', 1))
                              .arg(s->calls)
                              .arg(qRound(s->p50Ms))
                              .arg(qRound(s->p95Ms))
                              .arg(qRound(s->p99Ms))
                              .arg(breakerStateName(s->breaker));
            if (s->disagrees())
                tip += QStringLiteral("\nDISAGREES: ") + s->disagreement();
            if (r && r->changedAtMs > 0 && (r->servingVendorId == v.id || part == "primary"))
                tip += QStringLiteral("\nRouting changed %1 by %2: %3")
                           .arg(QDateTime::fromMSecsSinceEpoch(r->changedAtMs, Qt::UTC)
                                    .toString(QStringLiteral("HH:mm:ss 'UTC'")),
                                r->changedBy, r->changeReason);
            const auto a = actions_.constFind(routingKey(v.category, region));
            if (a != actions_.constEnd())
                tip += QStringLiteral("\nLast action: ") + a->message;
            return tip;
        }
        case Qt::ForegroundRole:
            if (!s || s->breaker == BreakerState::Unknown ||
                s->published == PublishedStatus::Unknown)
                return QColor(0x9a, 0x9f, 0xa8);
            if (s->disagrees() || s->breaker == BreakerState::Open || s->errorRate > 0.05 ||
                s->published == PublishedStatus::MajorOutage)
                return QColor(0xe0, 0x6c, 0x6c);
            if (!healthy(*s))
                return QColor(0xe0, 0xb0, 0x4a);
            return s->serving ? QColor(0x8f, 0xd1, 0x9e) : QVariant();
        default: return {};
    }
}

QVariant VendorGridModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, o, role);
    if (section == VendorColumn)
        return tr("Vendor");
    if (section == CategoryColumn)
        return tr("Category");
    return regions_[section - FirstRegionColumn];
}

}  // namespace wf
