#pragma once

// The local-first incident store: incidents, their timelines, status updates,
// postmortem drafts and action items in one SQLite file (WAL, synchronous =
// NORMAL, foreign keys on, migrations by user_version). It needs nothing from
// the platform, so an incident can be run and written up while the platform
// is unreachable.
//
// Every write is one short BEGIN IMMEDIATE transaction, so what a call
// returned as written is on disk even if the console crashes right after
// (a postmortem draft is saved section by section this way). Text people
// type is redacted (redactSecrets) before it is stored.
//
// Records carry ids made by the console that wrote them (UUIDs, see
// newIncidentRecordId()): writing the same incident, timeline entry, status
// update or action item again stores nothing new (INSERT ... ON CONFLICT DO
// NOTHING) and reports AlreadyStored. Incidents, postmortem sections and
// action items carry a revision; an update names the revision it started from
// and is refused as a Conflict when the stored one has moved on.
//
// The store writes the timeline entries of its own changes in the same
// transaction: the declaration when an incident is created, and a severity,
// status or role change entry for each such change in updateIncident (plus a
// status update's own entry), so callers must not add those again.
//
// Synchronous, with its own connection: use one instance from one thread
// only (the thread that opened it). Two instances (two consoles) may share a
// file; writers wait for each other (busy timeout).
//
// Schema 2. Schema 1 (the first local-only release) had incidents without
// revision or sync state, timeline entries and status updates with integer
// ids, and no postmortem or action items; opening it migrates it in place,
// giving the old entries UUIDs.

#include "incident_types.h"

#include <QString>
#include <QVector>
#include <functional>
#include <optional>

namespace wf {

enum class WriteOutcome {
    Written,
    AlreadyStored,  // the same record (same id) or the same text was already there
    Invalid,        // refused: the message says what is wrong
    NotFound,       // the incident (or entry, item) is not in this store
    Conflict,       // someone else changed it since the revision the caller had
    Failed,         // the file could not be written (or the store is not open)
};

struct WriteResult {
    WriteOutcome outcome = WriteOutcome::Failed;
    QString message;      // in words; empty when written
    qint64 revision = 0;  // incidents, sections, action items: the stored revision afterwards

    bool ok() const
    {
        return outcome == WriteOutcome::Written || outcome == WriteOutcome::AlreadyStored;
    }
};

// What savePostmortemSection did, with the section as it is stored now: the
// caller's text with its new revision, or on a conflict the other text.
struct PostmortemSave {
    WriteResult result;
    PostmortemSection section;
};

// What this console last exchanged with the platform about one shared
// record (IncidentSync's bookkeeping).
enum class SyncRecordKind { Incident, Section, Item };
struct SyncRecord {
    bool exists = false;
    qint64 remoteRevision = 0;  // the platform's version/revision; 0: not on the platform yet
    QString base;               // the record as it was then (text, or fields as JSON)
    bool conflict = false;      // a section waiting for keep mine / take theirs
};

struct IncidentFilter {
    bool openOnly = false;         // everything but Resolved
    QVector<Severity> severities;  // empty: all
    qint64 declaredFromMs = 0;     // 0: no lower bound
    qint64 declaredBeforeMs = 0;   // 0: no upper bound
};

struct TimelineFilter {
    QVector<TimelineKind> kinds;  // empty: all
    bool pinnedOnly = false;
};

class IncidentStore {
public:
    static constexpr int kSchemaVersion = 3;

    IncidentStore();
    ~IncidentStore();
    IncidentStore(const IncidentStore&) = delete;
    IncidentStore& operator=(const IncidentStore&) = delete;

    // Opens (creating or migrating) the file. Refuses, in words in `error`,
    // a file written by a newer schema or one that is not a database.
    bool open(const QString& path, QString* error);
    void close();
    bool isOpen() const;
    QString path() const { return path_; }

    // "Now" in platform time, for milestone validation and the times of the
    // entries the store writes itself. Defaults to the local clock.
    void setClock(std::function<qint64()> clock);
    qint64 now() const;

    // Incidents. createIncident needs an id, a title and possible milestones
    // (validateMilestones), and a status that agrees with them (Mitigated
    // needs the Mitigated time, Resolved the Resolved time). `source` is who
    // declared it (the declaration entry's source).
    WriteResult createIncident(const Incident& incident, const QString& source);
    // Severity, title, journeys, regions, roles, status and milestones, from
    // `incident.revision`; also marks the incident LocalOnly again.
    WriteResult updateIncident(const Incident& incident, const QString& source);
    std::optional<Incident> incident(const QString& id, QString* error = nullptr) const;
    // Most recently declared first.
    QVector<Incident> listIncidents(const IncidentFilter& filter = {},
                                    QString* error = nullptr) const;

    // Timeline, oldest first (entries at the same time in the order written).
    WriteResult addTimelineEntry(const TimelineEntry& entry);
    QVector<TimelineEntry> timeline(const QString& incidentId, const TimelineFilter& filter = {},
                                    QString* error = nullptr) const;
    WriteResult setPinned(const QString& entryId, bool pinned);
    WriteResult setSyncState(const QString& entryId, SyncState state);

    // Also writes its StatusUpdate timeline entry (same id).
    WriteResult addStatusUpdate(const StatusUpdate& update);
    QVector<StatusUpdate> statusUpdates(const QString& incidentId, QString* error = nullptr) const;

    // Saves one section of the draft if the stored revision is still
    // `expectedRevision` (0: never saved). Saving the text that is already
    // stored changes nothing (AlreadyStored), whoever saved it.
    PostmortemSave savePostmortemSection(const QString& incidentId, PostmortemSectionKey key,
                                         const QString& text, qint64 expectedRevision,
                                         const QString& author);
    // All sections in the order of the write-up; never saved ones empty with
    // revision 0.
    QVector<PostmortemSection> postmortem(const QString& incidentId,
                                          QString* error = nullptr) const;

    // Action items. Each needs an id and a title.
    WriteResult addActionItem(const ActionItem& item);
    // Everything but the id and incident, from `item.revision`.
    WriteResult updateActionItem(const ActionItem& item);
    WriteResult removeActionItem(const QString& itemId);
    // Of one incident, in the order added.
    QVector<ActionItem> actionItems(const QString& incidentId, QString* error = nullptr) const;
    // Of all incidents: Open or In progress, the earliest due first (no due
    // date last).
    QVector<ActionItem> openActionItems(QString* error = nullptr) const;

    // For the shared-incident sync (IncidentSync) only. Records from the
    // platform are stored as Synced and write no timeline entries of their
    // own (the platform sends those); each still moves the local revision
    // on, so an editor holding an older copy gets a Conflict, not an
    // overwrite. Redacted like everything else.
    WriteResult applyRemoteIncident(const Incident& remote, SyncState state = SyncState::Synced);
    // New entries are added; a known one only takes the platform's pin, and
    // only while it has no unsent local change.
    WriteResult applyRemoteEntry(const TimelineEntry& remote);
    // With its StatusUpdate entry (same id).
    WriteResult applyRemoteStatusUpdate(const StatusUpdate& remote);
    WriteResult applyRemoteSection(const PostmortemSection& remote);
    WriteResult applyRemoteActionItem(const ActionItem& remote, bool deleted);
    // Records not sent yet, oldest first.
    QVector<TimelineEntry> unsentEntries(const QString& incidentId, QString* error = nullptr) const;
    QVector<StatusUpdate> unsentStatusUpdates(const QString& incidentId,
                                              QString* error = nullptr) const;
    // Marks as sent unless changed meanwhile (the incident's revision, the
    // entry's pin moved on since it was read): then it stays unsent.
    WriteResult markIncidentSynced(const QString& incidentId, qint64 localRevision);
    WriteResult markEntrySynced(const QString& entryId, bool pinned);
    WriteResult markStatusUpdateSynced(const QString& updateId);
    // Incidents, timeline entries and status updates not sent yet; sections
    // waiting for a choice after a conflicting edit.
    int unsentCount() const;
    int conflictCount() const;
    SyncRecord syncRecord(SyncRecordKind kind, const QString& id) const;
    // Item ids with a sync record, of one incident (to find local deletions).
    QStringList syncedItemIds(const QString& incidentId) const;
    WriteResult setSyncRecord(SyncRecordKind kind, const QString& id, const QString& incidentId,
                              const SyncRecord& record);

    // PRAGMA integrity_check and foreign_key_check: true when both are
    // clean, otherwise what they found.
    bool checkIntegrity(QString* error) const;

private:
    bool migrate(QString* error);

    QString connection_;
    QString path_;
    std::function<qint64()> clock_;
};

}  // namespace wf
