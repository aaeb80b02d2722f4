#include "incident_details_dialog.h"

#include "affected_picker.h"
#include "incident_milestones.h"

#include <QCheckBox>
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

constexpr std::array<IncidentRole, 3> kRoles{
    IncidentRole::Commander, IncidentRole::CommunicationsLead, IncidentRole::Scribe};
constexpr std::array<Milestone, 5> kMilestones{Milestone::Started, Milestone::Detected,
                                               Milestone::Acknowledged, Milestone::Mitigated,
                                               Milestone::Resolved};

}  // namespace

IncidentDetailsDialog::IncidentDetailsDialog(const Incident& incident, qint64 nowMs,
                                             const QVector<QPair<QString, QString>>& journeys,
                                             const QStringList& regions, QWidget* parent)
    : QDialog(parent),
      incident_(incident),
      nowMs_(nowMs),
      title_(new QLineEdit(incident.title, this)),
      affected_(new AffectedPicker(journeys, regions, this)),
      problem_(new QLabel(this))
{
    setWindowTitle(tr("Details — %1").arg(incident.title));
    setObjectName(QStringLiteral("incidentDetails"));
    title_->setObjectName(QStringLiteral("incidentDetailsTitle"));
    title_->setMaxLength(200);
    affected_->setSelected(incident.journeys, incident.regions);
    auto* form = new QFormLayout;
    form->addRow(tr("&Title:"), title_);
    form->addRow(affected_);
    for (IncidentRole r : kRoles) {
        auto* field = new QLineEdit(incident.roles.holder(r), this);
        field->setPlaceholderText(tr("unassigned"));
        field->setMaxLength(100);
        roles_[size_t(r)] = field;
        form->addRow(incidentRoleName(r) + QLatin1Char(':'), field);
    }
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc());
    for (Milestone m : kMilestones) {
        auto* set = new QCheckBox(this);
        auto* time = new QDateTimeEdit(this);
        time->setTimeSpec(Qt::UTC);
        time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        const std::optional<qint64> at = incident.milestones.at(m);
        time->setDateTime(at ? QDateTime::fromMSecsSinceEpoch(*at, QTimeZone::utc()) : now);
        time->setEnabled(at.has_value());
        set->setChecked(at.has_value());
        set->setToolTip(tr("Unchecked: not reached, or not known"));
        connect(set, &QCheckBox::toggled, time, &QWidget::setEnabled);
        set_[size_t(m)] = set;
        times_[size_t(m)] = time;
        auto* row = new QHBoxLayout;
        row->addWidget(set);
        row->addWidget(time, 1);
        form->addRow(milestoneName(m) + QLatin1Char(':'), row);
    }
    problem_->setObjectName(QStringLiteral("incidentDetailsProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color:#ff6b6b"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    save_ = buttons->button(QDialogButtonBox::Save);
    connect(buttons, &QDialogButtonBox::accepted, this, &IncidentDetailsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(problem_);
    layout->addWidget(buttons);
}

Incident IncidentDetailsDialog::incident() const
{
    Incident out = incident_;
    if (!title_->text().trimmed().isEmpty())
        out.title = title_->text().trimmed();
    out.journeys = affected_->journeys();
    out.regions = affected_->regions();
    out.roles = {roles_[0]->text().trimmed(), roles_[1]->text().trimmed(),
                 roles_[2]->text().trimmed()};
    for (Milestone m : kMilestones) {
        const size_t i = size_t(m);
        out.milestones.set(m, set_[i]->isChecked()
                                  ? std::optional<qint64>(times_[i]->dateTime().toMSecsSinceEpoch())
                                  : std::nullopt);
    }
    return out;
}

void IncidentDetailsDialog::accept()
{
    const Incident i = incident();
    QString problem = title_->text().trimmed().isEmpty()
                          ? tr("The incident needs a title: what customers see.")
                          : validateMilestones(i.milestones, nowMs_);
    if (problem.isEmpty() && i.status == IncidentStatus::Resolved && !i.milestones.resolvedMs)
        problem = tr("The incident is resolved: it needs its Resolved time.");
    if (problem.isEmpty() && i.status != IncidentStatus::Resolved && i.milestones.resolvedMs)
        problem = tr("A Resolved time is set but the status is %1: set the status to Resolved "
                     "instead, or clear the time.")
                      .arg(incidentStatusName(i.status));
    if (problem.isEmpty() &&
        (i.status == IncidentStatus::Mitigated || i.status == IncidentStatus::Resolved) &&
        !i.milestones.mitigatedMs)
        problem = tr("The incident is %1: it needs its Mitigated time.")
                      .arg(incidentStatusName(i.status).toLower());
    if (!problem.isEmpty()) {
        problem_->setText(problem);
        return;
    }
    QDialog::accept();
}

}  // namespace wf
