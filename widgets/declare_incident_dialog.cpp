#include "declare_incident_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wf {

namespace {

QStringList listOf(const QLineEdit* e)
{
    QStringList out;
    for (const QString& part : e->text().split(',', Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

}  // namespace

DeclareIncidentDialog::DeclareIncidentDialog(const QStringList& journeys,
                                             const QStringList& regions, const QString& commander,
                                             QWidget* parent)
    : QDialog(parent),
      title_(new QLineEdit(this)),
      severity_(new QComboBox(this)),
      journeys_(new QLineEdit(this)),
      regions_(new QLineEdit(this)),
      commander_(new QLineEdit(commander, this))
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
    journeys_->setPlaceholderText(journeys.join(QStringLiteral(", ")));
    regions_->setPlaceholderText(regions.join(QStringLiteral(", ")));
    journeys_->setToolTip(
        tr("Comma-separated; known: %1").arg(journeys.join(QStringLiteral(", "))));
    regions_->setToolTip(tr("Comma-separated; known: %1").arg(regions.join(QStringLiteral(", "))));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    declare_ = buttons->addButton(tr("&Declare"), QDialogButtonBox::AcceptRole);
    declare_->setObjectName(QStringLiteral("declare"));
    declare_->setEnabled(false);
    connect(title_, &QLineEdit::textChanged, this,
            [this](const QString& t) { declare_->setEnabled(!t.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("&Title:"), title_);
    form->addRow(tr("&Severity:"), severity_);
    form->addRow(tr("&Journeys:"), journeys_);
    form->addRow(tr("&Regions:"), regions_);
    form->addRow(tr("&Commander:"), commander_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

Incident DeclareIncidentDialog::incident() const
{
    Incident i;
    i.title = title_->text().trimmed();
    i.severity = Severity(severity_->currentData().toInt());
    i.journeys = listOf(journeys_);
    i.regions = listOf(regions_);
    i.roles.commander = commander_->text().trimmed();
    return i;
}

}  // namespace wf
