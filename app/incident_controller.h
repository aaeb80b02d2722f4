#pragma once

// Incidents in the console: declaring one, changing its severity and
// status, the team's notes and pins, and the automatic timeline. Everything
// the console sees or does is an observed fact: every action it sends with
// its outcome, deploys and flag changes, vendor breaker / status page /
// routing changes, and journeys crossing page or ticket level. A fact lands
// on the timeline of every open incident whose window holds it (from half an
// hour before it started, so the change that set it off is there, until it
// is resolved): as it happens, and, for what happened before the incident
// was declared (or its start moved earlier, or it arrived from another
// console), from the facts of the last day the console keeps. Each automatic
// entry has an id derived from the incident and what it records, so seeing
// the same thing twice (a stream resumed, a reload, two consoles) writes it
// once.

#include "action_executor.h"
#include "change_types.h"
#include "endpoint_config.h"
#include "incident_log.h"
#include "incident_types.h"
#include "status_update_draft.h"

#include <QHash>
#include <QSet>
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
    struct ObservedFact {
        TimelineKind kind;
        QString key;  // names what it records, for the entry's stable id
        qint64 atMs = 0;
        QString source, text, outcome;
    };
    // Remembers the fact (for a day) and writes it to every open incident
    // whose window holds it.
    void record(TimelineKind kind, const QString& key, qint64 atMs, const QString& source,
                const QString& text, const QString& outcome = {});
    // Writes the remembered facts in [fromMs, toMs) that fall in the
    // incident's window to its timeline.
    void backfill(const Incident& incident, qint64 fromMs, qint64 toMs);
    static TimelineEntry entryFor(const Incident& incident, const ObservedFact& fact);
    // New open incidents (declared elsewhere, or before a restart) get the facts
    // this console holds, once per incident and session.
    void backfillNewIncidents(const QVector<Incident>& incidents);
    void rememberDeploys(const QVector<Deploy>& deploys, qint64 platformTimeMs);
    void rememberFlags(const QVector<Flag>& flags);
    void onDeploy(const Deploy& d);
    void onFlagChange(const FlagChangeEvent& c);
    void onActionUpdated(const ActionOutcome& o);
    void checkAlerts();
    // When the first of the incident's named journeys that is alerting now
    // began to, within the last 6 hours (none: nothing).
    std::optional<qint64> alertingSince(const Incident& incident) const;
    // The Impact section's figures from the journey metrics this console holds.
    QString impactFigures(const Incident& incident) const;
    qint64 now() const;
    // The platform's journeys as (id, display name), for the dialogs.
    QVector<QPair<QString, QString>> catalogJourneys() const;

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
    // journey/region -> when its current ticket or page alert began (the
    // detection time of an incident declared while it lasts).
    QHash<QString, qint64> alertSince_;
    QHash<QString, ObservedFact> observed_;  // the last day's facts, by key
    qint64 prunedAtMs_ = 0;
    QSet<QString> backfilled_;  // incidents given the remembered facts
    QString actor_;
    QTimer* reminder_;
    QString overdueSaid_;  // the incident we last said was overdue
    // Status update cadence per severity (QSettings incidents/statusUpdateMinutes/SEV-n).
    StatusUpdateCadence cadence_;
    void loadCadence();
    void saveCadence();
};

}  // namespace wf
