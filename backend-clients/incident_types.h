#pragma once

// Plain value types of an incident as the console keeps it locally
// (IncidentStore): the incident itself with its severity, roles, status and
// milestones; its timeline; status updates; the postmortem draft and its
// action items. Times are platform time in milliseconds since the epoch, UTC.
//
// Every enum has a stable key (what the store and, later, the shared-incident
// sync write; never change one) and a name in words for people.

#include <QDate>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace wf {

enum class Severity { Sev1 = 1, Sev2, Sev3, Sev4 };
enum class IncidentStatus { Investigating, Identified, Mitigated, Resolved };
enum class IncidentRole { Commander, CommunicationsLead, Scribe };
enum class Milestone { Started, Detected, Acknowledged, Mitigated, Resolved };
enum class TimelineKind {
    Declaration,
    SeverityChange,
    RoleChange,
    StatusChange,
    ConsoleAction,
    Deploy,
    FlagChange,
    VendorStatusChange,
    AlertCrossing,
    Note,
    StatusUpdate,
};
// Whether a record exists only in this console's file or is also on the
// platform (for the shared-incidents work).
enum class SyncState { LocalOnly, Synced };
enum class PostmortemSectionKey {
    Summary,
    Impact,
    Detection,
    Response,
    Timeline,
    RootCause,
    ContributingFactors,
    WentWell,
    WentBadly,
    GotLucky,
};
enum class ActionItemPriority { High, Medium, Low };
enum class ActionItemType { Prevent, Detect, Mitigate };
enum class ActionItemStatus { Open, InProgress, Done, WontDo };

// "SEV-1"; key: "sev1".
QString severityName(Severity s);
QString severityKey(Severity s);
std::optional<Severity> severityFromKey(const QString& key);
// "Investigating"; key: "investigating".
QString incidentStatusName(IncidentStatus s);
QString incidentStatusKey(IncidentStatus s);
std::optional<IncidentStatus> incidentStatusFromKey(const QString& key);
// "Incident commander", "Communications lead", "Scribe".
QString incidentRoleName(IncidentRole r);
// "Started", "Detected", ...
QString milestoneName(Milestone m);
// "Severity change"; key: "severity_change".
QString timelineKindName(TimelineKind k);
QString timelineKindKey(TimelineKind k);
std::optional<TimelineKind> timelineKindFromKey(const QString& key);
// "Local only" / "Synced"; key: "local" / "synced".
QString syncStateName(SyncState s);
QString syncStateKey(SyncState s);
std::optional<SyncState> syncStateFromKey(const QString& key);
// "Root cause and trigger"; key: "root_cause".
QString postmortemSectionName(PostmortemSectionKey k);
QString postmortemSectionKey(PostmortemSectionKey k);
std::optional<PostmortemSectionKey> postmortemSectionFromKey(const QString& key);
QVector<PostmortemSectionKey> allPostmortemSections();  // in the order of the write-up
// "High"; key: "high".
QString actionItemPriorityName(ActionItemPriority p);
QString actionItemPriorityKey(ActionItemPriority p);
std::optional<ActionItemPriority> actionItemPriorityFromKey(const QString& key);
// "Prevent"; key: "prevent".
QString actionItemTypeName(ActionItemType t);
QString actionItemTypeKey(ActionItemType t);
std::optional<ActionItemType> actionItemTypeFromKey(const QString& key);
// "In progress", "Won't do"; key: "in_progress", "wont_do".
QString actionItemStatusName(ActionItemStatus s);
QString actionItemStatusKey(ActionItemStatus s);
std::optional<ActionItemStatus> actionItemStatusFromKey(const QString& key);

// A new random UUID in the form the store keeps ("xxxxxxxx-xxxx-...", lower
// case, no braces). Make it once, when the record is first written, and keep
// it for retries: that is what makes writes idempotent.
QString newIncidentRecordId();

// "14:05 UTC" (platform time, for timelines and write-ups).
QString incidentClockText(qint64 ms);
// "42 min", "1 h 5 min" (negative durations read as 0).
QString incidentDurationText(qint64 ms);

struct Milestones {
    std::optional<qint64> startedMs;
    std::optional<qint64> detectedMs;
    std::optional<qint64> acknowledgedMs;
    std::optional<qint64> mitigatedMs;
    std::optional<qint64> resolvedMs;

    std::optional<qint64> at(Milestone m) const;
    void set(Milestone m, std::optional<qint64> ms);
    friend bool operator==(const Milestones&, const Milestones&) = default;
};

struct IncidentRoles {
    QString commander;
    QString communicationsLead;
    QString scribe;

    QString holder(IncidentRole r) const;
    friend bool operator==(const IncidentRoles&, const IncidentRoles&) = default;
};

struct Incident {
    QString id;  // UUID, made by the console that declared it
    Severity severity = Severity::Sev3;
    QString title;
    QStringList journeys;  // journey ids: "checkout-availability", "payment-authorization"
    QStringList regions;   // "eu-west", ...
    IncidentRoles roles;
    IncidentStatus status = IncidentStatus::Investigating;
    Milestones milestones;
    qint64 declaredMs = 0;  // 0: the store's clock when created
    qint64 updatedMs = 0;   // set by the store
    qint64 revision = 0;    // set by the store; updates must carry the one they started from
    SyncState sync = SyncState::LocalOnly;
};

struct TimelineEntry {
    QString id;  // UUID; the same entry written twice (a retry, a sync) is stored once
    QString incidentId;
    TimelineKind kind = TimelineKind::Note;
    QString source;  // who or what produced it: "dana", "alert evaluator", "deploy feed"
    qint64 atMs = 0;
    QString text;
    QString outcome;  // console actions: "confirmed", "failed", ...; otherwise empty
    bool pinned = false;
    SyncState sync = SyncState::LocalOnly;
};

struct StatusUpdate {
    QString id;  // UUID; also the id of its timeline entry
    QString incidentId;
    qint64 atMs = 0;
    QString author;
    IncidentStatus status = IncidentStatus::Investigating;  // the status it announces
    QString text;
    SyncState sync = SyncState::LocalOnly;
};

struct PostmortemSection {
    QString incidentId;
    PostmortemSectionKey key = PostmortemSectionKey::Summary;
    QString text;
    qint64 revision = 0;  // 0: never saved; each save that changes the text adds one
    qint64 updatedMs = 0;
    QString updatedBy;
};

struct ActionItem {
    QString id;  // UUID
    QString incidentId;
    QString title;
    QString owner;  // empty: not assigned yet
    QDate due;      // invalid: no due date
    ActionItemPriority priority = ActionItemPriority::Medium;
    ActionItemType type = ActionItemType::Prevent;
    ActionItemStatus status = ActionItemStatus::Open;
    qint64 createdMs = 0;  // set by the store
    qint64 updatedMs = 0;  // set by the store
    qint64 revision = 0;   // set by the store; updates must carry the one they started from
};

// One incident as the platform keeps it (IncidentService.GetIncident): the
// platform's numbering (Incident.revision is its version; sections and
// action items carry its revisions).
struct IncidentSnapshot {
    Incident incident;
    QString declaredBy;
    QString updatedBy;
    QVector<TimelineEntry> timeline;
    QVector<StatusUpdate> statusUpdates;
    QVector<PostmortemSection> sections;
    QVector<ActionItem> actionItems;
};

// One change from the platform's incident stream: the record after it.
struct IncidentChange {
    enum class Kind { Incident, TimelineEntry, StatusUpdate, Section, ActionItem };
    Kind kind = Kind::Incident;
    QString incidentId;
    Incident incident;
    TimelineEntry entry;
    StatusUpdate statusUpdate;
    PostmortemSection section;
    ActionItem item;
    bool itemDeleted = false;
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::Incident)
Q_DECLARE_METATYPE(QVector<wf::Incident>)
Q_DECLARE_METATYPE(QVector<wf::TimelineEntry>)
Q_DECLARE_METATYPE(QVector<wf::PostmortemSection>)
Q_DECLARE_METATYPE(wf::IncidentChange)
