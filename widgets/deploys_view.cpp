#include "deploys_view.h"

#include "deploy_list_model.h"
#include "feed_status_label.h"
#include "record_filter_model.h"
#include "record_table_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wf {

DeploysView::DeploysView(DeployListModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      proxy_(
          new RecordFilterModel(DeployListModel::FilterTextRole, DeployListModel::SortRole, this)),
      filter_(new QLineEdit(this)),
      service_(new QComboBox(this)),
      region_(new QComboBox(this)),
      table_(new RecordTableView(this)),
      rollback_(new QPushButton(tr("&Roll back…"), this)),
      count_(new QLabel(this)),
      feed_(new FeedStatusLabel(tr("this list"), this))
{
    proxy_->setSourceModel(model_);
    filter_->setObjectName(QStringLiteral("deployFilter"));
    filter_->setPlaceholderText(tr("Filter: service, version, author, id…"));
    filter_->setClearButtonEnabled(true);
    service_->setObjectName(QStringLiteral("deployService"));
    region_->setObjectName(QStringLiteral("deployRegion"));
    rollback_->setObjectName(QStringLiteral("rollback"));
    setServicesAndRegions({}, {});

    table_->setObjectName(QStringLiteral("deployTable"));
    table_->setModel(proxy_);

    auto* bar = new QHBoxLayout;
    bar->addWidget(filter_, 1);
    bar->addWidget(service_);
    bar->addWidget(region_);
    bar->addWidget(count_);
    bar->addWidget(rollback_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(feed_);
    layout->addWidget(table_, 1);

    connect(filter_, &QLineEdit::textChanged, proxy_, &RecordFilterModel::setFilterText);
    connect(service_, &QComboBox::currentIndexChanged, this, [this] {
        proxy_->setExactFilter(DeployListModel::ServiceRole, service_->currentData());
    });
    connect(region_, &QComboBox::currentIndexChanged, this, [this] {
        proxy_->setExactFilter(DeployListModel::RegionRole, region_->currentData());
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DeploysView::updateButton);
    connect(proxy_, &QAbstractItemModel::dataChanged, this, &DeploysView::updateButton);
    for (auto sig : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(proxy_, sig, this, &DeploysView::updateButton);
    connect(proxy_, &QAbstractItemModel::modelReset, this, &DeploysView::updateButton);
    connect(rollback_, &QPushButton::clicked, this, [this] {
        if (const Deploy* d = model_->deploy(selectedDeployId()))
            emit rollbackRequested(*d);
    });
    updateButton();
}

void DeploysView::setServicesAndRegions(const QStringList& services, const QStringList& regions)
{
    const QVariant s = service_->currentData(), r = region_->currentData();
    service_->clear();
    service_->addItem(tr("All services"));
    for (const QString& x : services)
        service_->addItem(x, x);
    region_->clear();
    region_->addItem(tr("All regions"));
    for (const QString& x : regions)
        region_->addItem(x, x);
    service_->setCurrentIndex(std::max(0, service_->findData(s)));
    region_->setCurrentIndex(std::max(0, region_->findData(r)));
}

void DeploysView::setFeedStatus(const ConnectionStatus& status)
{
    feed_->setStatus(status);
}

void DeploysView::setFilterText(const QString& text)
{
    filter_->setText(text);
}

void DeploysView::setMayRollback(bool may, const QString& why)
{
    mayRollback_ = may;
    whyNot_ = why;
    updateButton();
}

QString DeploysView::selectedDeployId() const
{
    return table_->currentValue(DeployListModel::DeployIdRole).toString();
}

void DeploysView::selectDeploy(const QString& id)
{
    table_->selectSourceRow(model_->rowOf(id));
}

void DeploysView::updateButton()
{
    count_->setText(tr("%1 of %2").arg(proxy_->rowCount()).arg(model_->rowCount()));
    const Deploy* d = model_->deploy(selectedDeployId());
    const bool rollbackable = d && d->status != DeployStatus::RolledBack &&
                              d->status != DeployStatus::RollingBack &&
                              !d->previousVersion.isEmpty();
    rollback_->setEnabled(mayRollback_ && rollbackable);
    rollback_->setToolTip(
        !mayRollback_ ? whyNot_
        : !d          ? tr("Select a deploy")
        : !rollbackable
            ? tr("This deploy is already rolled back")
            : tr("Roll %1 in %2 back to %3").arg(d->service, d->region, d->previousVersion));
}

}  // namespace wf
