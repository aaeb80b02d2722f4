#pragma once

// The incident's people and times: who holds each role (incident
// commander, communications lead, scribe) and its milestones (started,
// detected, acknowledged, mitigated, resolved; in UTC, each may be left
// unset). Impossible times are said in words and the dialog stays open.

#include "incident_types.h"

#include <QDialog>
#include <array>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace wf {

class IncidentDetailsDialog : public QDialog {
    Q_OBJECT
public:
    // `nowMs`: platform time, for "not in the future".
    IncidentDetailsDialog(const Incident& incident, qint64 nowMs, QWidget* parent = nullptr);

    // The incident with the roles and milestones as filled in.
    Incident incident() const;
    QLineEdit* roleField(IncidentRole role) const { return roles_[size_t(role)]; }
    QCheckBox* milestoneSet(Milestone m) const { return set_[size_t(m)]; }
    QDateTimeEdit* milestoneTime(Milestone m) const { return times_[size_t(m)]; }
    QLabel* problem() const { return problem_; }
    QPushButton* saveButton() const { return save_; }

    void accept() override;

private:
    Incident incident_;
    qint64 nowMs_;
    std::array<QLineEdit*, 3> roles_{};
    std::array<QCheckBox*, 5> set_{};
    std::array<QDateTimeEdit*, 5> times_{};
    QLabel* problem_;
    QPushButton* save_;
};

}  // namespace wf
