#pragma once

// The postmortem's action items: the list, and a form to add one or change
// the selected one (title, owner, due date, priority, type: prevent, detect,
// mitigate; status). What it asks for goes out as signals; the list comes
// back from the store.

#include "incident_types.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace wf {

class ActionItemModel;

class ActionItemsPane : public QWidget {
    Q_OBJECT
public:
    explicit ActionItemsPane(ActionItemModel* model, QWidget* parent = nullptr);

    void setIncidentId(const QString& id) { incidentId_ = id; }
    // Fills the form from the row (or clears it for a new item).
    void selectRow(int row);

    QTableView* table() const { return table_; }
    QLineEdit* titleField() const { return title_; }
    QLineEdit* ownerField() const { return owner_; }
    QDateEdit* dueField() const { return due_; }
    QCheckBox* hasDue() const { return hasDue_; }
    QComboBox* priorityBox() const { return priority_; }
    QComboBox* typeBox() const { return type_; }
    QComboBox* statusBox() const { return status_; }
    QPushButton* addButton() const { return add_; }
    QPushButton* saveButton() const { return save_; }
    QPushButton* removeButton() const { return remove_; }
    QLabel* problem() const { return problem_; }

signals:
    void addRequested(const wf::ActionItem& item);
    void updateRequested(const wf::ActionItem& item);
    void removeRequested(const QString& incidentId, const QString& itemId);

private:
    // The form as an item (a new id when adding); nullopt with the problem
    // shown when it is not complete.
    std::optional<ActionItem> fromForm(bool adding);

    ActionItemModel* model_;
    QString incidentId_;
    QString selectedId_;
    QTableView* table_;
    QLineEdit* title_;
    QLineEdit* owner_;
    QCheckBox* hasDue_;
    QDateEdit* due_;
    QComboBox* priority_;
    QComboBox* type_;
    QComboBox* status_;
    QPushButton* add_;
    QPushButton* save_;
    QPushButton* remove_;
    QLabel* problem_;
};

}  // namespace wf
