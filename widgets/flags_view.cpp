#include "flags_view.h"

#include "feed_status_label.h"
#include "flag_list_model.h"
#include "record_filter_model.h"
#include "record_table_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wf {

FlagsView::FlagsView(FlagListModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      proxy_(new RecordFilterModel(FlagListModel::FilterTextRole, FlagListModel::SortRole, this)),
      filter_(new QLineEdit(this)),
      kind_(new QComboBox(this)),
      table_(new RecordTableView(this)),
      change_(new QPushButton(tr("&Change state…"), this)),
      count_(new QLabel(this)),
      feed_(new FeedStatusLabel(tr("this list"), this))
{
    proxy_->setSourceModel(model_);
    filter_->setObjectName(QStringLiteral("flagFilter"));
    filter_->setPlaceholderText(tr("Filter: key, owner, journey…"));
    filter_->setClearButtonEnabled(true);
    kind_->setObjectName(QStringLiteral("flagKind"));
    kind_->addItem(tr("All kinds"));
    for (FlagKind k :
         {FlagKind::KillSwitch, FlagKind::Release, FlagKind::Experiment, FlagKind::Operational})
        kind_->addItem(flagKindName(k), int(k));
    change_->setObjectName(QStringLiteral("changeFlag"));

    table_->setObjectName(QStringLiteral("flagTable"));
    table_->setModel(proxy_);

    auto* bar = new QHBoxLayout;
    bar->addWidget(filter_, 1);
    bar->addWidget(kind_);
    bar->addWidget(count_);
    bar->addWidget(change_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(feed_);
    layout->addWidget(table_, 1);

    connect(filter_, &QLineEdit::textChanged, proxy_, &RecordFilterModel::setFilterText);
    connect(kind_, &QComboBox::currentIndexChanged, this,
            [this] { proxy_->setExactFilter(FlagListModel::KindRole, kind_->currentData()); });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FlagsView::updateButton);
    connect(proxy_, &QAbstractItemModel::dataChanged, this, &FlagsView::updateButton);
    connect(proxy_, &QAbstractItemModel::modelReset, this, &FlagsView::updateButton);
    for (auto sig : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(proxy_, sig, this, &FlagsView::updateButton);
    connect(change_, &QPushButton::clicked, this, [this] {
        if (const Flag* f = model_->flag(selectedFlagKey()))
            emit changeRequested(*f);
    });
    updateButton();
}

void FlagsView::setPermissions(bool maySet, bool mayKillSwitch, const QString& role)
{
    maySet_ = maySet;
    mayKillSwitch_ = mayKillSwitch;
    role_ = role;
    updateButton();
}

void FlagsView::setFeedStatus(const ConnectionStatus& status)
{
    feed_->setStatus(status);
}

void FlagsView::setFilterText(const QString& text)
{
    filter_->setText(text);
}

QString FlagsView::selectedFlagKey() const
{
    return table_->currentValue(FlagListModel::FlagKeyRole).toString();
}

void FlagsView::selectFlag(const QString& key)
{
    table_->selectSourceRow(model_->rowOf(key));
}

void FlagsView::updateButton()
{
    count_->setText(tr("%1 of %2").arg(proxy_->rowCount()).arg(model_->rowCount()));
    const Flag* f = model_->flag(selectedFlagKey());
    const bool killSwitch = f && f->kind == FlagKind::KillSwitch;
    const bool may = f && maySet_ && (!killSwitch || mayKillSwitch_);
    change_->setEnabled(may);
    change_->setToolTip(!f    ? tr("Select a flag")
                        : may ? tr("Change %1").arg(f->key)
                        : killSwitch && maySet_
                            ? tr("Your role (%1) may not switch kill switches; an incident "
                                 "commander may.")
                                  .arg(role_)
                            : tr("Your role (%1) may not change flags.").arg(role_));
}

}  // namespace wf
