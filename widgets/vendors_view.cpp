#include "vendors_view.h"

#include "feed_status_label.h"
#include "record_table_view.h"
#include "vendor_cell_delegate.h"
#include "vendor_grid_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace wf {

VendorsView::VendorsView(VendorGridModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      table_(new RecordTableView(this)),
      banner_(new QLabel(this)),
      feed_(new FeedStatusLabel(tr("vendor states"), this)),
      failover_(new QPushButton(tr("Fail &over…"), this)),
      failback_(new QPushButton(tr("Fail &back…"), this))
{
    table_->setObjectName(QStringLiteral("vendorTable"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectItems);
    table_->setItemDelegate(new VendorCellDelegate(table_));
    table_->verticalHeader()->setDefaultSectionSize(3 * table_->fontMetrics().height() + 8);
    table_->setAlternatingRowColors(false);
    banner_->setObjectName(QStringLiteral("vendorDisagreements"));
    banner_->setWordWrap(true);
    banner_->setStyleSheet(QStringLiteral("color:#e06c6c; font-weight:bold"));
    failover_->setObjectName(QStringLiteral("failover"));
    failback_->setObjectName(QStringLiteral("failback"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(banner_, 1);
    bar->addWidget(failover_);
    bar->addWidget(failback_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(feed_);
    layout->addWidget(table_, 1);

    connect(table_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &VendorsView::updateState);
    connect(model_, &QAbstractItemModel::dataChanged, this, &VendorsView::updateState);
    // A cell's words change with its state ("breaker open"): keep them whole.
    connect(model_, &QAbstractItemModel::dataChanged, table_, &QTableView::resizeColumnsToContents);
    connect(model_, &QAbstractItemModel::modelReset, this, &VendorsView::updateState);
    connect(failover_, &QPushButton::clicked, this, [this] {
        QString region;
        if (const CategoryRouting* r = selectedRouting(&region))
            emit failoverRequested(r->category, region);
    });
    connect(failback_, &QPushButton::clicked, this, [this] {
        QString region;
        if (const CategoryRouting* r = selectedRouting(&region))
            emit failbackRequested(r->category, region);
    });
    updateState();
}

void VendorsView::setMayFailover(bool may, const QString& role)
{
    may_ = may;
    role_ = role;
    updateState();
}

void VendorsView::setFeedStatus(const ConnectionStatus& status)
{
    feed_->setStatus(status);
}

void VendorsView::selectCell(const QString& vendorId, const QString& region)
{
    const int row = model_->rowOf(vendorId);
    const int col = int(model_->regions().indexOf(region));
    if (row >= 0 && col >= 0)
        table_->setCurrentIndex(model_->index(row, VendorGridModel::FirstRegionColumn + col));
}

const CategoryRouting* VendorsView::selectedRouting(QString* region) const
{
    const QModelIndex idx = table_->currentIndex();
    if (!idx.isValid())
        return nullptr;
    *region = idx.data(VendorGridModel::RegionRole).toString();
    if (region->isEmpty())
        return nullptr;
    return model_->routing(model_->vendorAt(idx.row()).category, *region);
}

void VendorsView::updateState()
{
    const QStringList d = model_->disagreements();
    banner_->setText(d.isEmpty() ? QString()
                                 : QStringLiteral("⚠ ") + d.join(QStringLiteral("\n⚠ ")));
    QString region;
    const CategoryRouting* r = selectedRouting(&region);
    const bool onPrimary = r && r->servingVendorId == r->primaryVendorId;
    const bool canFailover = r && onPrimary && !r->secondaryVendorId.isEmpty();
    const bool canFailback = r && !onPrimary;
    failover_->setEnabled(may_ && canFailover);
    failback_->setEnabled(may_ && canFailback);
    const QString why = !may_ ? tr("Your role (%1) may not fail vendors over.").arg(role_)
                        : !r  ? tr("Select a vendor's cell in a region")
                              : QString();
    failover_->setToolTip(
        !why.isEmpty() ? why
        : !canFailover
            ? (r->secondaryVendorId.isEmpty() ? tr("No secondary provider for this category")
                                              : tr("Already on the secondary provider"))
            : tr("Route %1 in %2 to %3")
                  .arg(vendorCategoryName(r->category), region, r->secondaryVendorId));
    failback_->setToolTip(
        !why.isEmpty() ? why
        : !canFailback ? tr("Already on the primary provider")
                       : tr("Route %1 in %2 back to %3")
                             .arg(vendorCategoryName(r->category), region, r->primaryVendorId));
}

}  // namespace wf
