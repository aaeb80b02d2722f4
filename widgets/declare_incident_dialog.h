#pragma once

// Declares an incident: title, severity (with what each means), the
// journeys and regions it touches, and the commander (you, by default).

#include "incident_types.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace wf {

class DeclareIncidentDialog : public QDialog {
    Q_OBJECT
public:
    DeclareIncidentDialog(const QStringList& journeys, const QStringList& regions,
                          const QString& commander, QWidget* parent = nullptr);

    // The incident as filled in (id, times and revision are the caller's).
    Incident incident() const;
    QLineEdit* titleField() const { return title_; }
    QComboBox* severityBox() const { return severity_; }
    QPushButton* declareButton() const { return declare_; }

private:
    QLineEdit* title_;
    QComboBox* severity_;
    QLineEdit* journeys_;
    QLineEdit* regions_;
    QLineEdit* commander_;
    QPushButton* declare_;
};

}  // namespace wf
