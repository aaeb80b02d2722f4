#pragma once

// Confirms a state-changing action: says what it touches, asks for a reason,
// and for production asks for the resource's name to be typed. The action
// is sent only when both are given.

#include <QDialog>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace wf {

class ActionDialog : public QDialog {
    Q_OBJECT
public:
    // confirmName: what must be typed (empty = no typing needed).
    ActionDialog(const QString& title, const QString& touches, const QString& confirmName,
                 QWidget* parent = nullptr);

    // Extra choices above the reason (environment, region, state…).
    void addOptionRow(const QString& label, QWidget* field);
    // A text the action cannot go without (a note): confirm stays disabled
    // until it is filled in.
    void addRequiredText(const QString& label, QLineEdit* field);
    void setConfirmName(const QString& name);
    QString reason() const;
    QPushButton* confirmButton() const { return confirm_; }

private:
    void updateState();

    QLabel* touches_;
    QFormLayout* options_;
    QPlainTextEdit* reason_;
    QLabel* typeLabel_;
    QLineEdit* typed_;
    QPushButton* confirm_;
    QString confirmName_;
    QList<QLineEdit*> required_;
};

}  // namespace wf
