#pragma once

// Vendors by category and region, with a banner for every place where what we
// measure disagrees with what the vendor publishes, and "Fail over…" /
// "Fail back…" for the selected cell when the role allows it.

#include "change_types.h"
#include "connection_status.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace wf {

class FeedStatusLabel;
class RecordTableView;
class VendorGridModel;

class VendorsView : public QWidget {
    Q_OBJECT
public:
    explicit VendorsView(VendorGridModel* model, QWidget* parent = nullptr);

    void setMayFailover(bool may, const QString& role);
    void setFeedStatus(const ConnectionStatus& status);
    // Selects the cell of a vendor in a region.
    void selectCell(const QString& vendorId, const QString& region);
    RecordTableView* table() const { return table_; }
    QPushButton* failoverButton() const { return failover_; }
    QPushButton* failbackButton() const { return failback_; }
    QLabel* disagreementBanner() const { return banner_; }

signals:
    void failoverRequested(wf::VendorCategory category, const QString& region);
    void failbackRequested(wf::VendorCategory category, const QString& region);

private:
    void updateState();
    // The selected cell's category routing, or null.
    const CategoryRouting* selectedRouting(QString* region) const;

    VendorGridModel* model_;
    RecordTableView* table_;
    QLabel* banner_;
    FeedStatusLabel* feed_;
    QPushButton* failover_;
    QPushButton* failback_;
    bool may_ = false;
    QString role_;
};

}  // namespace wf
