#pragma once

// The incident's details after its declaration: its title and the journeys
// and regions it touches (what is learnt during an incident changes them),
// who holds each role (incident commander, communications lead, scribe) and
// its milestones (started, detected, acknowledged, mitigated, resolved; in
// UTC, each may be left unset). Impossible times are said in words and the
// dialog stays open.

#include "incident_types.h"

#include <QDialog>
#include <array>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace wf {

class AffectedPicker;

class IncidentDetailsDialog : public QDialog {
    Q_OBJECT
public:
    // `nowMs`: platform time, for "not in the future"; `journeys` (id,
    // display name) and `regions`: the platform's, to tick.
    IncidentDetailsDialog(const Incident& incident, qint64 nowMs,
                          const QVector<QPair<QString, QString>>& journeys = {},
                          const QStringList& regions = {}, QWidget* parent = nullptr);

    // The incident with its details as filled in.
    Incident incident() const;
    QLineEdit* titleField() const { return title_; }
    AffectedPicker* affected() const { return affected_; }
    QLineEdit* roleField(IncidentRole role) const { return roles_[size_t(role)]; }
    QCheckBox* milestoneSet(Milestone m) const { return set_[size_t(m)]; }
    QDateTimeEdit* milestoneTime(Milestone m) const { return times_[size_t(m)]; }
    QLabel* problem() const { return problem_; }
    QPushButton* saveButton() const { return save_; }

    void accept() override;

private:
    Incident incident_;
    qint64 nowMs_;
    QLineEdit* title_;
    AffectedPicker* affected_;
    std::array<QLineEdit*, 3> roles_{};
    std::array<QCheckBox*, 5> set_{};
    std::array<QDateTimeEdit*, 5> times_{};
    QLabel* problem_;
    QPushButton* save_;
};

}  // namespace wf
