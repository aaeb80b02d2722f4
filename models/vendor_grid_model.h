#pragma once

// Vendors by category, one column per region: the vendor's published
// status, our measurements, the breaker, and its role in the routing
// (primary / secondary, serving). Flags where what we measure disagrees with
// what the vendor publishes. Unknown states are shown as unknown, never as
// healthy.

#include "action_executor.h"
#include "change_types.h"
#include "vendor_history.h"

#include <QAbstractTableModel>
#include <QHash>

namespace wf {

class VendorGridModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { VendorColumn, CategoryColumn, FirstRegionColumn };
    enum Role {
        VendorIdRole = Qt::UserRole + 1,
        RegionRole,        // the region of a region column
        DisagreementRole,  // non-empty when measurement and status page disagree
        HealthyRole,       // bool: closed breaker, low error rate, status operational
        ServingRole,       // bool
        StatusLineRole,    // compact: "Operational · breaker closed"
        MeasureLineRole,   // compact: "0.4% err · p95 212 ms"
        RoutingLineRole,   // compact: "primary, serving", a pending action
        ErrorHistoryRole,  // QList<QPointF>: (ms since epoch, error rate 0..1), oldest first
    };

    explicit VendorGridModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setVendors(const QVector<Vendor>& vendors, const QVector<CategoryRouting>& routing);
    void applyVendor(const Vendor& vendor);
    void applyRouting(const CategoryRouting& routing);
    void applyActionOutcome(const ActionOutcome& outcome);

    const Vendor* vendor(const QString& id) const;
    const Vendor& vendorAt(int row) const { return vendors_[row]; }
    const CategoryRouting* routing(VendorCategory category, const QString& region) const;
    QStringList regions() const { return regions_; }
    int rowOf(const QString& id) const;
    // Every vendor/region where measurement and status page disagree.
    QStringList disagreements() const;
    // The last half hour per vendor and region, and the vendor events.
    const VendorHistory& history() const { return history_; }

private:
    static QString routingKey(VendorCategory c, const QString& region);

    QVector<Vendor> vendors_;  // by category, then id
    QStringList regions_;
    QHash<QString, CategoryRouting> routing_;  // by category/region
    QHash<QString, ActionOutcome> actions_;    // by category/region
    VendorHistory history_;
};

}  // namespace wf
