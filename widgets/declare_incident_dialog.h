#pragma once

// Declares an incident: title, severity (with what each means), the
// journeys and regions it touches (ticked from the platform's lists), who
// holds the roles (the commander is you, by default) and, when customers
// were hurt before anyone noticed, when it started.

#include "incident_types.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace wf {

class AffectedPicker;

class DeclareIncidentDialog : public QDialog {
    Q_OBJECT
public:
    // `journeys`: (id, display name); `nowMs`: platform time.
    DeclareIncidentDialog(const QVector<QPair<QString, QString>>& journeys,
                          const QStringList& regions, const QString& commander, qint64 nowMs,
                          QWidget* parent = nullptr);

    // The incident as filled in (id, times other than Started, and revision
    // are the caller's).
    Incident incident() const;
    QLineEdit* titleField() const { return title_; }
    QComboBox* severityBox() const { return severity_; }
    AffectedPicker* affected() const { return affected_; }
    QLineEdit* roleField(IncidentRole role) const;
    QCheckBox* startedEarlier() const { return startedEarlier_; }
    QDateTimeEdit* startedTime() const { return started_; }
    QLabel* problem() const { return problem_; }
    QPushButton* declareButton() const { return declare_; }

    void accept() override;

private:
    qint64 nowMs_;
    QLineEdit* title_;
    QComboBox* severity_;
    AffectedPicker* affected_;
    QLineEdit* commander_;
    QLineEdit* communications_;
    QLineEdit* scribe_;
    QCheckBox* startedEarlier_;
    QDateTimeEdit* started_;
    QLabel* problem_;
    QPushButton* declare_;
};

}  // namespace wf
