#include "declare_incident_dialog.h"

#include "affected_picker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace wf {

namespace {

QLineEdit* personField(const QString& text, const QString& placeholder, QWidget* parent)
{
    auto* field = new QLineEdit(text, parent);
    field->setPlaceholderText(placeholder);
    field->setMaxLength(100);
    return field;
}

}  // namespace

DeclareIncidentDialog::DeclareIncidentDialog(const QVector<QPair<QString, QString>>& journeys,
                                             const QStringList& regions, const QString& commander,
                                             qint64 nowMs, QWidget* parent)
    : QDialog(parent),
      nowMs_(nowMs),
      title_(new QLineEdit(this)),
      severity_(new QComboBox(this)),
      affected_(new AffectedPicker(journeys, regions, this)),
      commander_(personField(commander, tr("you"), this)),
      communications_(personField({}, tr("unassigned"), this)),
      scribe_(personField({}, tr("unassigned"), this)),
      startedEarlier_(new QCheckBox(tr("Customers were hurt &before now, from:"), this)),
      started_(new QDateTimeEdit(this)),
      problem_(new QLabel(this))
{
    setWindowTitle(tr("Declare an incident"));
    setObjectName(QStringLiteral("declareIncident"));
    title_->setObjectName(QStringLiteral("incidentTitle"));
    severity_->setObjectName(QStringLiteral("incidentSeverity"));
    title_->setPlaceholderText(tr("What customers see, e.g. \"Payments failing in eu-west\""));
    title_->setMaxLength(200);
    severity_->addItem(tr("SEV-1 — checkout or payment broken for many customers or a region"),
                       int(Severity::Sev1));
    severity_->addItem(tr("SEV-2 — a critical journey degraded, or a major vendor down"),
                       int(Severity::Sev2));
    severity_->addItem(tr("SEV-3 — partial degradation with a workaround"), int(Severity::Sev3));
    severity_->addItem(tr("SEV-4 — minor, no customer impact yet"), int(Severity::Sev4));
    severity_->setCurrentIndex(1);
    started_->setTimeSpec(Qt::UTC);
    started_->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    started_->setDateTime(QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()));
    started_->setEnabled(false);
    started_->setToolTip(tr("Unticked: from when its alert fired, or now."));
    connect(startedEarlier_, &QCheckBox::toggled, started_, &QWidget::setEnabled);
    problem_->setObjectName(QStringLiteral("declareProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color:#ff6b6b"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    declare_ = buttons->addButton(tr("&Declare"), QDialogButtonBox::AcceptRole);
    declare_->setObjectName(QStringLiteral("declare"));
    declare_->setEnabled(false);
    connect(title_, &QLineEdit::textChanged, this,
            [this](const QString& t) { declare_->setEnabled(!t.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &DeclareIncidentDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("&Title:"), title_);
    form->addRow(tr("&Severity:"), severity_);
    form->addRow(affected_);
    form->addRow(tr("&Commander:"), commander_);
    form->addRow(tr("C&ommunications lead:"), communications_);
    form->addRow(tr("Scri&be:"), scribe_);
    auto* started = new QHBoxLayout;
    started->addWidget(startedEarlier_);
    started->addWidget(started_, 1);
    form->addRow(started);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(problem_);
    layout->addWidget(buttons);
}

QLineEdit* DeclareIncidentDialog::roleField(IncidentRole role) const
{
    switch (role) {
        case IncidentRole::Commander: return commander_;
        case IncidentRole::CommunicationsLead: return communications_;
        case IncidentRole::Scribe: return scribe_;
    }
    return commander_;
}

Incident DeclareIncidentDialog::incident() const
{
    Incident i;
    i.title = title_->text().trimmed();
    i.severity = Severity(severity_->currentData().toInt());
    i.journeys = affected_->journeys();
    i.regions = affected_->regions();
    i.roles = {commander_->text().trimmed(), communications_->text().trimmed(),
               scribe_->text().trimmed()};
    if (startedEarlier_->isChecked())
        i.milestones.startedMs = started_->dateTime().toMSecsSinceEpoch();
    return i;
}

void DeclareIncidentDialog::accept()
{
    if (startedEarlier_->isChecked() && started_->dateTime().toMSecsSinceEpoch() > nowMs_) {
        problem_->setText(tr("It cannot have started in the future: the platform's time is %1 UTC.")
                              .arg(QDateTime::fromMSecsSinceEpoch(nowMs_, QTimeZone::utc())
                                       .toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
        return;
    }
    QDialog::accept();
}

}  // namespace wf
