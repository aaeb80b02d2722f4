#include "action_items_pane.h"

#include "action_item_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace wf {

ActionItemsPane::ActionItemsPane(ActionItemModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      table_(new QTableView(this)),
      title_(new QLineEdit(this)),
      owner_(new QLineEdit(this)),
      hasDue_(new QCheckBox(tr("Due by"), this)),
      due_(new QDateEdit(this)),
      priority_(new QComboBox(this)),
      type_(new QComboBox(this)),
      status_(new QComboBox(this)),
      add_(new QPushButton(tr("&Add item"), this)),
      save_(new QPushButton(tr("Save &changes"), this)),
      remove_(new QPushButton(tr("&Remove"), this)),
      problem_(new QLabel(this))
{
    setObjectName(QStringLiteral("actionItems"));
    table_->setObjectName(QStringLiteral("actionItemTable"));
    title_->setObjectName(QStringLiteral("actionItemTitle"));
    owner_->setObjectName(QStringLiteral("actionItemOwner"));
    add_->setObjectName(QStringLiteral("actionItemAdd"));
    save_->setObjectName(QStringLiteral("actionItemSave"));
    remove_->setObjectName(QStringLiteral("actionItemRemove"));
    table_->setModel(model);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(ActionItemModel::TitleColumn,
                                                     QHeaderView::Stretch);
    title_->setPlaceholderText(tr("What will be done, e.g. \"Alert on provider error rate\""));
    title_->setMaxLength(500);
    owner_->setPlaceholderText(tr("Who owns it"));
    due_->setCalendarPopup(true);
    due_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    due_->setDate(QDate::currentDate().addDays(14));
    due_->setEnabled(false);
    for (ActionItemPriority p :
         {ActionItemPriority::High, ActionItemPriority::Medium, ActionItemPriority::Low})
        priority_->addItem(actionItemPriorityName(p), int(p));
    priority_->setCurrentIndex(1);
    for (ActionItemType t :
         {ActionItemType::Prevent, ActionItemType::Detect, ActionItemType::Mitigate})
        type_->addItem(actionItemTypeName(t), int(t));
    for (ActionItemStatus s : {ActionItemStatus::Open, ActionItemStatus::InProgress,
                               ActionItemStatus::Done, ActionItemStatus::WontDo})
        status_->addItem(actionItemStatusName(s), int(s));
    problem_->setStyleSheet(QStringLiteral("color:#e0b04a"));
    problem_->setWordWrap(true);
    save_->setEnabled(false);
    remove_->setEnabled(false);

    auto* dueRow = new QHBoxLayout;
    dueRow->addWidget(hasDue_);
    dueRow->addWidget(due_, 1);
    auto* kinds = new QHBoxLayout;
    kinds->addWidget(priority_);
    kinds->addWidget(type_);
    kinds->addWidget(status_);
    auto* form = new QFormLayout;
    form->addRow(tr("&Item:"), title_);
    form->addRow(tr("&Owner:"), owner_);
    form->addRow(tr("Due:"), dueRow);
    form->addRow(tr("Priority, type, status:"), kinds);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(problem_, 1);
    buttons->addWidget(add_);
    buttons->addWidget(save_);
    buttons->addWidget(remove_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);

    connect(hasDue_, &QCheckBox::toggled, due_, &QWidget::setEnabled);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { selectRow(current.row()); });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        const int row = model_->rowOf(selectedId_);
        if (row >= 0)
            table_->selectRow(row);
        else
            selectRow(-1);
    });
    connect(add_, &QPushButton::clicked, this, [this] {
        if (std::optional<ActionItem> item = fromForm(true)) {
            emit addRequested(*item);
            title_->clear();
        }
    });
    connect(title_, &QLineEdit::returnPressed, add_, &QPushButton::click);
    connect(save_, &QPushButton::clicked, this, [this] {
        if (std::optional<ActionItem> item = fromForm(false))
            emit updateRequested(*item);
    });
    connect(remove_, &QPushButton::clicked, this, [this] {
        if (!selectedId_.isEmpty())
            emit removeRequested(incidentId_, selectedId_);
    });
}

void ActionItemsPane::selectRow(int row)
{
    problem_->clear();
    if (row < 0 || row >= model_->rowCount()) {
        selectedId_.clear();
        save_->setEnabled(false);
        remove_->setEnabled(false);
        return;
    }
    const ActionItem& a = model_->at(row);
    selectedId_ = a.id;
    title_->setText(a.title);
    owner_->setText(a.owner);
    hasDue_->setChecked(a.due.isValid());
    if (a.due.isValid())
        due_->setDate(a.due);
    priority_->setCurrentIndex(priority_->findData(int(a.priority)));
    type_->setCurrentIndex(type_->findData(int(a.type)));
    status_->setCurrentIndex(status_->findData(int(a.status)));
    save_->setEnabled(true);
    remove_->setEnabled(true);
}

std::optional<ActionItem> ActionItemsPane::fromForm(bool adding)
{
    if (incidentId_.isEmpty()) {
        problem_->setText(tr("Open an incident first."));
        return std::nullopt;
    }
    if (title_->text().trimmed().isEmpty()) {
        problem_->setText(tr("An action item needs a title: what will be done."));
        title_->setFocus();
        return std::nullopt;
    }
    ActionItem a;
    if (!adding) {
        const int row = model_->rowOf(selectedId_);
        if (row < 0)
            return std::nullopt;
        a = model_->at(row);  // its id and revision
    } else {
        a.id = newIncidentRecordId();
        a.incidentId = incidentId_;
    }
    a.title = title_->text().trimmed();
    a.owner = owner_->text().trimmed();
    a.due = hasDue_->isChecked() ? due_->date() : QDate();
    a.priority = ActionItemPriority(priority_->currentData().toInt());
    a.type = ActionItemType(type_->currentData().toInt());
    a.status = adding ? ActionItemStatus::Open : ActionItemStatus(status_->currentData().toInt());
    problem_->clear();
    return a;
}

}  // namespace wf
