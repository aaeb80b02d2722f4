#pragma once

// Incidents in the console: declaring one, changing its severity and
// status, the team's notes and pins, and the automatic timeline. While an
// incident is open, everything the console sees or does lands on the newest
// open incident's timeline as it happens: every action it sends with its
// outcome, deploys and flag changes, vendor breaker / status page / routing
// changes, and journeys crossing page or ticket level. Each automatic entry
// has an id derived from what it records, so seeing the same thing twice (a
// stream resumed, a reload) writes it once.

#include "action_executor.h"
#include "endpoint_config.h"
#include "incident_log.h"
#include "incident_types.h"
#include "status_update_draft.h"

#include <QHash>
#include <QTimer>

#include <QObject>

namespace wf {

class DeployFeedClient;
class FlagFeedClient;
class HealthStore;
class IncidentListModel;
class IncidentLog;
class IncidentSync;
class IncidentsView;
class PostmortemEditor;
class TimelineModel;
class VendorFeedClient;
class VendorGridModel;

class IncidentController : public QObject {
    Q_OBJECT
public:
    IncidentController(QWidget* dialogParent, HealthStore* health, QObject* parent = nullptr);

    IncidentsView* view() const { return view_; }
    PostmortemEditor* postmortem() const { return postmortem_; }
    IncidentLog* log() const { return log_; }
    IncidentListModel* incidents() const { return incidents_; }
    TimelineModel* timeline() const { return timeline_; }

    void open(const QString& path);
    // Shares the incidents with the platform (IncidentService) from now on;
    // stopSharing keeps them on this console only.
    void startSharing(const EndpointConfig& config);
    // Writes the postmortem with the affected journeys' charts (the answer
    // comes as IncidentLog::exported).
    void exportPostmortem(const QString& id, IncidentLog::ExportFormat format, const QString& path);
    void stopSharing();
    IncidentSync* sync() const { return sync_; }
    void setActor(const QString& actor) { actor_ = actor; }
    // Whether the role may change incidents (the platform said so).
    void setMayWrite(bool may, const QString& why);
    // What feeds the automatic timeline.
    void watchActions(ActionExecutor* executor);
    void watchChanges(DeployFeedClient* deploys, FlagFeedClient* flags, VendorFeedClient* vendors,
                      VendorGridModel* vendorModel);

    // Without a dialog (tests, and after the dialog).
    QString declare(Incident incident);
    void setSeverity(const QString& id, Severity severity);
    void setStatus(const QString& id, IncidentStatus status);
    void addNote(const QString& id, const QString& text);
    void requestStatusUpdate(const QString& id);
    // The roles and milestones dialog; saved as an update (timeline entries
    // for each role change).
    void requestDetails(const QString& id);
    void postStatusUpdate(const QString& id, const StatusUpdateDraft& draft);
    // Shows when the next status update is due (and says so once when it is late).
    void checkStatusUpdateDue();

signals:
    void message(const QString& text);

private:
    void requestDeclare();
    // Adds an entry to the newest open incident (if any); `key` names what
    // it records, for its stable id.
    void record(TimelineKind kind, const QString& key, qint64 atMs, const QString& source,
                const QString& text, const QString& outcome = {});
    void onActionUpdated(const ActionOutcome& o);
    void checkAlerts();
    // The Impact section's figures from the journey metrics this console holds.
    QString impactFigures(const Incident& incident) const;
    qint64 now() const;

    QWidget* dialogParent_;
    HealthStore* health_;
    IncidentLog* log_;
    IncidentSync* sync_;
    IncidentListModel* incidents_;
    TimelineModel* timeline_;
    IncidentsView* view_;
    PostmortemEditor* postmortem_;
    VendorGridModel* vendorModel_ = nullptr;
    qint64 vendorEventsSeenMs_ = 0;
    QHash<QString, int> alertLevels_;  // journey/region -> AlertLevel
    QString actor_;
    QTimer* reminder_;
    QString overdueSaid_;  // the incident we last said was overdue
};

}  // namespace wf
