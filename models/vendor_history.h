#pragma once

// What happened to the vendors over the last half hour: each vendor's state
// per region after every 10 s window (the snapshot's history, then one point
// per streamed update), and the events worth marking on a journey chart:
// breaker transitions, status page changes, failovers and failbacks.

#include "change_types.h"

#include <QHash>
#include <QVector>

namespace wf {

struct VendorEvent {
    enum class Kind { Breaker, StatusPage, Routing };
    qint64 atMs = 0;
    Kind kind = Kind::Breaker;
    QString vendorId;
    QString region;
    QStringList journeys;  // the journeys that depend on it
    QString text;          // one line, for a tooltip or a timeline
    // A breaker moving into or out of half-open (probing): worth a timeline
    // line, too frequent for a chart marker.
    bool probe = false;
};

class VendorHistory {
public:
    static constexpr qint64 kKeepMs = 30 * 60 * 1000;

    // Replaces everything with a snapshot (its `recent` points and routing).
    void reset(const QVector<Vendor>& vendors, const QVector<CategoryRouting>& routing);
    // A streamed vendor: appends one point per region and records the
    // transitions since the previous one.
    void addVendor(const Vendor& vendor);
    // A streamed routing change (failover or failback).
    void addRouting(const CategoryRouting& routing);

    const QVector<VendorPoint>& points(const QString& vendorId, const QString& region) const;
    // Events with atMs in [fromMs, toMs), oldest first.
    QVector<VendorEvent> eventsBetween(qint64 fromMs, qint64 toMs) const;
    const QVector<VendorEvent>& events() const { return events_; }

private:
    static QString key(const QString& vendorId, const QString& region);
    void append(const Vendor& v, const VendorRegionState& s, const VendorPoint& p);
    void addEvent(VendorEvent e);
    void trim(qint64 newestMs);

    QHash<QString, QVector<VendorPoint>> points_;  // by vendor/region
    QHash<QString, Vendor> vendors_;               // by id, without history
    QHash<QString, qint64> routedAtMs_;            // category/region -> last change seen
    QVector<VendorEvent> events_;                  // oldest first
};

}  // namespace wf
