#pragma once

// Shares the console's incidents with the platform (IncidentService), local
// first: everything is written to the console's own incident store as
// before, and this sends it when the platform can be reached and brings in
// what other consoles wrote. It works on its own thread with its own
// connection to the store's file, so neither the UI nor the store's writer
// waits on the network.
//
//   - Incidents, timeline entries, status updates, postmortem sections and
//     action items written here are sent with the ids this console made, so
//     sending them again after a lost answer or a reconnect stores nothing
//     twice. What is not sent yet stays in the file (the offline queue) and
//     survives a restart.
//   - The platform's changes arrive by its stream (resumed after a broken
//     connection; a full re-read after the platform restarted) and are
//     written to the store; `changed` tells the UI to reload.
//   - An incident changed here and elsewhere is merged field by field
//     against the last version both had. A postmortem section saved
//     elsewhere while it was edited here is a conflict: nothing is
//     overwritten, `sectionConflict` shows theirs, and the person chooses
//     (resolveSectionConflict). An action item changed on both sides keeps
//     the platform's, said in `notice`.
//   - A role that may not write shared incidents: said once; what is
//     written here stays on this console.

#include "endpoint_config.h"
#include "incident_types.h"

#include <QObject>
#include <QThread>

namespace wf {

class IncidentSyncWorker;

struct IncidentSyncStatus {
    enum class State { Off, Connecting, Shared, Unreachable, ReadOnly };
    State state = State::Off;
    int unsent = 0;         // records written here and not on the platform yet
    int conflicts = 0;      // postmortem sections waiting for a choice
    qint64 lastSyncMs = 0;  // wall clock of the last exchange that went through
    QString detail;         // the last problem, in words

    // "Shared with the platform", "Platform unreachable: 3 changes kept here"...
    QString text() const;
};

class IncidentSync : public QObject {
    Q_OBJECT
public:
    explicit IncidentSync(QObject* parent = nullptr);
    ~IncidentSync() override;

    // The console's incident store file (the one IncidentLog writes).
    void open(const QString& path);
    // Starts sharing with the platform at `config` (again after a change).
    void start(const EndpointConfig& config);
    void stop();
    // Something was written to the store: send it soon.
    void nudge(const QString& incidentId);
    // The person's choice after sectionConflict: keep theirs own text (it
    // replaces the platform's) or take the platform's.
    void resolveSectionConflict(const QString& incidentId, wf::PostmortemSectionKey key,
                                bool keepMine);
    // Blocks until the sync thread has handled everything queued (tests).
    void flush();
    // How often it looks for unsent records (ms; tests make it shorter).
    void setPassIntervalMs(int ms);

signals:
    // Records from the platform were written to the store (reload the views).
    void changed(const QString& incidentId);
    void statusChanged(const wf::IncidentSyncStatus& status);
    // Someone else saved this section on the platform while it was edited
    // here: theirs, with their revision, author and time.
    void sectionConflict(const wf::PostmortemSection& theirs, const QString& mine);
    // Something the person should know, in words (a refusal, a merge).
    void notice(const QString& message);

private:
    QThread thread_;
    IncidentSyncWorker* worker_;
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::IncidentSyncStatus)
Q_DECLARE_METATYPE(wf::PostmortemSection)
