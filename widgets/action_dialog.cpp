#include "action_dialog.h"

#include <algorithm>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wf {

ActionDialog::ActionDialog(const QString& title, const QString& touches, const QString& confirmName,
                           QWidget* parent)
    : QDialog(parent),
      touches_(new QLabel(touches, this)),
      options_(new QFormLayout),
      reason_(new QPlainTextEdit(this)),
      typeLabel_(new QLabel(this)),
      typed_(new QLineEdit(this))
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("actionDialog"));
    touches_->setObjectName(QStringLiteral("touches"));
    touches_->setWordWrap(true);
    touches_->setTextFormat(Qt::PlainText);
    reason_->setObjectName(QStringLiteral("reason"));
    reason_->setPlaceholderText(tr("Why? This goes to the audit log and the incident timeline."));
    reason_->setTabChangesFocus(true);
    reason_->setMaximumHeight(90);
    typed_->setObjectName(QStringLiteral("typedName"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    confirm_ = buttons->addButton(title, QDialogButtonBox::AcceptRole);
    confirm_->setObjectName(QStringLiteral("confirmAction"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(reason_, &QPlainTextEdit::textChanged, this, &ActionDialog::updateState);
    connect(typed_, &QLineEdit::textChanged, this, &ActionDialog::updateState);

    auto* heading = new QLabel(tr("<b>This will change production.</b> It touches:"), this);
    auto* form = new QFormLayout;
    form->addRow(tr("&Reason:"), reason_);
    form->addRow(typeLabel_, typed_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(touches_);
    layout->addLayout(options_);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setConfirmName(confirmName);
    setMinimumWidth(460);
}

void ActionDialog::addOptionRow(const QString& label, QWidget* field)
{
    field->setParent(this);
    options_->addRow(label, field);
}

void ActionDialog::addRequiredText(const QString& label, QLineEdit* field)
{
    addOptionRow(label, field);
    required_.append(field);
    connect(field, &QLineEdit::textChanged, this, &ActionDialog::updateState);
    updateState();
}

void ActionDialog::setConfirmName(const QString& name)
{
    confirmName_ = name;
    typeLabel_->setText(
        name.isEmpty() ? QString() : tr("Type <b>%1</b> to confirm:").arg(name.toHtmlEscaped()));
    typeLabel_->setVisible(!name.isEmpty());
    typed_->setVisible(!name.isEmpty());
    updateState();
}

QString ActionDialog::reason() const
{
    return reason_->toPlainText().trimmed();
}

void ActionDialog::updateState()
{
    const bool named = confirmName_.isEmpty() || typed_->text().trimmed() == confirmName_;
    const bool filled = std::all_of(required_.begin(), required_.end(),
                                    [](QLineEdit* e) { return !e->text().trimmed().isEmpty(); });
    confirm_->setEnabled(!reason().isEmpty() && named && filled);
    confirm_->setToolTip(reason().isEmpty() ? tr("Give a reason first")
                         : !filled          ? tr("Fill in the note")
                         : named            ? QString()
                                            : tr("Type the name exactly as shown"));
}

}  // namespace wf
