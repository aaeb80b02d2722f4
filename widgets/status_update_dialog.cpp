#include "status_update_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace wf {

StatusUpdateDialog::StatusUpdateDialog(const Incident& incident, const StatusUpdateDraft& draft,
                                       qint64 nowMs, int everyMinutes, QWidget* parent)
    : QDialog(parent),
      incident_(incident),
      nowMs_(nowMs),
      conditions_(new QPlainTextEdit(draft.conditions, this)),
      actions_(new QPlainTextEdit(draft.actions, this)),
      needs_(new QPlainTextEdit(draft.needs, this)),
      next_(new QDateTimeEdit(this)),
      every_(new QSpinBox(this))
{
    every_->setObjectName(QStringLiteral("statusUpdateEvery"));
    every_->setRange(5, 7 * 24 * 60);
    every_->setSingleStep(5);
    every_->setSuffix(tr(" min"));
    every_->setValue(everyMinutes);
    every_->setToolTip(tr("How often %1 incidents get a status update; the reminder uses it "
                          "when an update promises no time. Kept as this console's default.")
                           .arg(severityName(incident.severity)));
    // A new cadence moves the proposed next update with it.
    connect(every_, &QSpinBox::valueChanged, this, [this](int minutes) {
        next_->setDateTime(
            QDateTime::fromMSecsSinceEpoch(nowMs_ + qint64(minutes) * 60'000, Qt::UTC));
    });
    setWindowTitle(tr("Status update — %1").arg(incident.title));
    setObjectName(QStringLiteral("statusUpdate"));
    conditions_->setObjectName(QStringLiteral("conditions"));
    actions_->setObjectName(QStringLiteral("actionsTaken"));
    needs_->setObjectName(QStringLiteral("needs"));
    needs_->setPlaceholderText(tr("What the team needs (people, decisions, vendors)…"));
    next_->setTimeSpec(Qt::UTC);
    next_->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    next_->setDateTime(QDateTime::fromMSecsSinceEpoch(draft.nextUpdateMs, Qt::UTC));
    for (QPlainTextEdit* e : {conditions_, actions_, needs_})
        e->setTabChangesFocus(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copyText = buttons->addButton(tr("Copy as &text"), QDialogButtonBox::ActionRole);
    auto* copyMarkdown = buttons->addButton(tr("Copy as &Markdown"), QDialogButtonBox::ActionRole);
    post_ = buttons->addButton(tr("&Post to the timeline"), QDialogButtonBox::AcceptRole);
    post_->setObjectName(QStringLiteral("postStatusUpdate"));
    connect(copyText, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(plainText()); });
    connect(copyMarkdown, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(markdown()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("Current &conditions:"), conditions_);
    form->addRow(tr("&Actions taken:"), actions_);
    form->addRow(tr("&Needs:"), needs_);
    form->addRow(tr("Next &update by:"), next_);
    form->addRow(tr("Remind &every (%1):").arg(severityName(incident.severity)), every_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("Copied text has card numbers masked and tokens removed. Posting adds it to the "
           "timeline and restarts the reminder."),
        this));
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(640, 520);
}

StatusUpdateDraft StatusUpdateDialog::draft() const
{
    StatusUpdateDraft d;
    d.conditions = conditions_->toPlainText().trimmed();
    d.actions = actions_->toPlainText().trimmed();
    d.needs = needs_->toPlainText().trimmed();
    d.nextUpdateMs = next_->dateTime().toMSecsSinceEpoch();
    return d;
}

QString StatusUpdateDialog::plainText() const
{
    return statusUpdatePlainText(incident_, draft(), nowMs_);
}

QString StatusUpdateDialog::markdown() const
{
    return statusUpdateMarkdown(incident_, draft(), nowMs_);
}

int StatusUpdateDialog::everyMinutes() const
{
    return every_->value();
}

}  // namespace wf
