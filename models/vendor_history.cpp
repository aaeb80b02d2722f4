#include "vendor_history.h"

#include <algorithm>

namespace wf {

namespace {

const QVector<VendorPoint> kNoPoints;

QString arrow(const QString& from, const QString& to)
{
    return from + QStringLiteral(" → ") + to;
}

}  // namespace

QString VendorHistory::key(const QString& vendorId, const QString& region)
{
    return vendorId + '/' + region;
}

void VendorHistory::reset(const QVector<Vendor>& vendors, const QVector<CategoryRouting>& routing)
{
    points_.clear();
    vendors_.clear();
    routedAtMs_.clear();
    events_.clear();
    qint64 newest = 0;
    for (const Vendor& v : vendors) {
        Vendor bare = v;
        for (VendorRegionState& s : bare.regions)
            s.recent.clear();
        vendors_.insert(v.id, bare);
        for (const VendorRegionState& s : v.regions) {
            for (const VendorPoint& p : s.recent)
                append(v, s, p);
            if (s.measuredAtMs > 0)
                append(v, s, s.point());
            newest = std::max(newest, s.measuredAtMs);
        }
    }
    for (const CategoryRouting& r : routing)
        addRouting(r);
    trim(newest);
}

void VendorHistory::addVendor(const Vendor& v)
{
    Vendor bare = v;
    qint64 newest = 0;
    for (VendorRegionState& s : bare.regions) {
        s.recent.clear();
        if (s.measuredAtMs > 0)
            append(v, s, s.point());
        newest = std::max(newest, s.measuredAtMs);
    }
    vendors_.insert(v.id, bare);
    trim(newest);
}

void VendorHistory::append(const Vendor& v, const VendorRegionState& s, const VendorPoint& p)
{
    QVector<VendorPoint>& series = points_[key(v.id, s.region)];
    if (!series.isEmpty() && p.atMs <= series.last().atMs)
        return;  // a repeat (the snapshot's newest point, a replayed event)
    if (!series.isEmpty()) {
        const VendorPoint& prev = series.last();
        const QString where = v.displayName + QStringLiteral(" in ") + s.region;
        if (prev.breaker != p.breaker)
            addEvent(
                {p.atMs, VendorEvent::Kind::Breaker, v.id, s.region, v.journeys,
                 where + QStringLiteral(": breaker ") +
                     arrow(breakerStateName(prev.breaker), breakerStateName(p.breaker)),
                 prev.breaker == BreakerState::HalfOpen || p.breaker == BreakerState::HalfOpen});
        if (prev.published != p.published)
            addEvent(
                {p.atMs, VendorEvent::Kind::StatusPage, v.id, s.region, v.journeys,
                 where + QStringLiteral(": status page ") +
                     arrow(publishedStatusName(prev.published), publishedStatusName(p.published))});
    }
    series.append(p);
}

void VendorHistory::addRouting(const CategoryRouting& r)
{
    if (r.changedAtMs <= 0)
        return;
    const QString k = QString::number(int(r.category)) + '/' + r.region;
    if (routedAtMs_.value(k) >= r.changedAtMs)
        return;
    routedAtMs_.insert(k, r.changedAtMs);
    const bool back = r.servingVendorId == r.primaryVendorId;
    const Vendor serving = vendors_.value(r.servingVendorId);
    QString text =
        QStringLiteral("%1 in %2 %3 %4")
            .arg(vendorCategoryName(r.category), r.region,
                 back ? QStringLiteral("failed back to") : QStringLiteral("failed over to"),
                 serving.displayName.isEmpty() ? r.servingVendorId : serving.displayName);
    if (!r.changedBy.isEmpty())
        text += QStringLiteral(" by ") + r.changedBy;
    if (!r.changeReason.isEmpty())
        text += QStringLiteral(": ") + r.changeReason;
    addEvent({r.changedAtMs, VendorEvent::Kind::Routing, r.servingVendorId, r.region,
              serving.journeys, text});
}

void VendorHistory::addEvent(VendorEvent e)
{
    // Events mostly arrive in order; keep the vector sorted either way.
    const auto at = std::upper_bound(events_.begin(), events_.end(), e.atMs,
                                     [](qint64 ms, const VendorEvent& x) { return ms < x.atMs; });
    events_.insert(at, std::move(e));
}

void VendorHistory::trim(qint64 newestMs)
{
    if (newestMs <= 0)
        return;
    const qint64 cutoff = newestMs - kKeepMs;
    for (QVector<VendorPoint>& series : points_) {
        const auto first =
            std::find_if(series.begin(), series.end(),
                         [cutoff](const VendorPoint& p) { return p.atMs >= cutoff; });
        series.erase(series.begin(), first);
    }
    // Events stay longer than points (a chart can show hours); bound their count.
    constexpr qsizetype kMaxEvents = 5000;
    if (events_.size() > kMaxEvents)
        events_.remove(0, events_.size() - kMaxEvents);
}

const QVector<VendorPoint>& VendorHistory::points(const QString& vendorId,
                                                  const QString& region) const
{
    const auto it = points_.constFind(key(vendorId, region));
    return it == points_.constEnd() ? kNoPoints : *it;
}

QVector<VendorEvent> VendorHistory::eventsBetween(qint64 fromMs, qint64 toMs) const
{
    const auto cmp = [](const VendorEvent& x, qint64 ms) { return x.atMs < ms; };
    const auto b = std::lower_bound(events_.begin(), events_.end(), fromMs, cmp);
    const auto e = std::lower_bound(b, events_.end(), toMs, cmp);
    return QVector<VendorEvent>(b, e);
}

}  // namespace wf
