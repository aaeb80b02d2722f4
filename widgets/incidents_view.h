#pragma once

// Incidents: the list on the left; for the selected one its severity and
// status (changed in place), commander, and the timeline, filterable by
// kind, with a line for the team's notes and a pin for what matters.

#include "incident_types.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTabWidget;

namespace wf {

class IncidentListModel;
class TimelineModel;

class IncidentsView : public QWidget {
    Q_OBJECT
public:
    IncidentsView(IncidentListModel* incidents, TimelineModel* timeline, QWidget* parent = nullptr);

    QString selectedIncidentId() const { return selected_; }
    void selectIncident(const QString& id);

    QPushButton* declareButton() const { return declare_; }
    QComboBox* severityBox() const { return severity_; }
    QComboBox* statusBox() const { return status_; }
    QComboBox* kindFilter() const { return kinds_; }
    QLineEdit* noteField() const { return note_; }
    QTableView* timelineTable() const { return timelineTable_; }
    QPushButton* statusUpdateButton() const { return statusUpdate_; }
    QPushButton* detailsButton() const { return details_; }
    QLabel* dueLabel() const { return due_; }
    QLabel* syncLabel() const { return sync_; }
    // Whether the incidents are shared with the platform, in words; a
    // problem (unreachable, read-only, conflicts) is shown in amber.
    void setSyncStatus(const QString& text, bool problem);
    // What the role may do: without "incidents.write" nothing that changes
    // an incident is offered, and `why` says so where it would be.
    void setMayWrite(bool may, const QString& why);
    bool mayWrite() const { return mayWrite_; }
    // The status update reminder: "" hides it; overdue shows it in red.
    void setStatusUpdateDue(const QString& text, bool overdue);
    // Another pane beside the timeline (the postmortem).
    void addPane(QWidget* pane, const QString& title);
    QTabWidget* panes() const { return panes_; }

signals:
    void declareRequested();
    void incidentSelected(const QString& id);
    void severityChangeRequested(const QString& id, wf::Severity severity);
    void statusChangeRequested(const QString& id, wf::IncidentStatus status);
    void noteRequested(const QString& id, const QString& text);
    void pinRequested(const QString& id, const QString& entryId, bool pinned);
    void statusUpdateRequested(const QString& id);
    void detailsRequested(const QString& id);

private:
    void showSelected();

    IncidentListModel* incidents_;
    TimelineModel* timeline_;
    QTableView* list_;
    QPushButton* declare_;
    QLabel* header_;
    QComboBox* severity_;
    QComboBox* status_;
    QComboBox* kinds_;
    QTableView* timelineTable_;
    QLineEdit* note_;
    QPushButton* addNote_;
    QPushButton* pin_;
    QPushButton* statusUpdate_;
    QPushButton* details_;
    QLabel* due_;
    QLabel* sync_;
    QTabWidget* panes_;
    QString selected_;
    QString pendingSelect_;  // asked for before the list had it
    bool mayWrite_ = true;
    QString whyNot_;
    bool updating_ = false;
};

}  // namespace wf
