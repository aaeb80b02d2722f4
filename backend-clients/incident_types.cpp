#include "incident_types.h"

#include <QDateTime>
#include <algorithm>

#include <QUuid>
#include <array>

namespace wf {

namespace {

// One row per enumerator, in enumerator order: the stable key, then the name.
struct Names {
    const char* key;
    const char* name;
};

template <typename E, std::size_t N>
const Names& row(const std::array<Names, N>& table, E e, int first = 0)
{
    const auto i = std::size_t(int(e) - first);
    return i < N ? table[i] : table[0];
}

template <typename E, std::size_t N>
std::optional<E> fromKey(const std::array<Names, N>& table, const QString& key, int first = 0)
{
    for (std::size_t i = 0; i < N; ++i)
        if (key == QLatin1String(table[i].key))
            return E(int(i) + first);
    return std::nullopt;
}

constexpr std::array<Names, 4> kSeverities{{
    {"sev1", "SEV-1"},
    {"sev2", "SEV-2"},
    {"sev3", "SEV-3"},
    {"sev4", "SEV-4"},
}};

constexpr std::array<Names, 4> kStatuses{{
    {"investigating", "Investigating"},
    {"identified", "Identified"},
    {"mitigated", "Mitigated"},
    {"resolved", "Resolved"},
}};

constexpr std::array<Names, 11> kKinds{{
    {"declaration", "Declaration"},
    {"severity_change", "Severity change"},
    {"role_change", "Role change"},
    {"status_change", "Status change"},
    {"console_action", "Console action"},
    {"deploy", "Deploy"},
    {"flag_change", "Flag change"},
    {"vendor_status_change", "Vendor status change"},
    {"alert_crossing", "Alert threshold crossed"},
    {"note", "Note"},
    {"status_update", "Status update"},
}};

constexpr std::array<Names, 2> kSyncStates{{
    {"local", "Local only"},
    {"synced", "Synced"},
}};

constexpr std::array<Names, 10> kSections{{
    {"summary", "Summary"},
    {"impact", "Impact"},
    {"detection", "Detection"},
    {"response", "Response and recovery"},
    {"timeline", "Timeline"},
    {"root_cause", "Root cause and trigger"},
    {"contributing_factors", "Contributing factors"},
    {"went_well", "What went well"},
    {"went_badly", "What went badly"},
    {"got_lucky", "Where we got lucky"},
}};

constexpr std::array<Names, 3> kPriorities{{
    {"high", "High"},
    {"medium", "Medium"},
    {"low", "Low"},
}};

constexpr std::array<Names, 3> kTypes{{
    {"prevent", "Prevent"},
    {"detect", "Detect"},
    {"mitigate", "Mitigate"},
}};

constexpr std::array<Names, 4> kItemStatuses{{
    {"open", "Open"},
    {"in_progress", "In progress"},
    {"done", "Done"},
    {"wont_do", "Won't do"},
}};

}  // namespace

QString severityName(Severity s)
{
    return QString::fromLatin1(row(kSeverities, s, 1).name);
}

QString severityKey(Severity s)
{
    return QString::fromLatin1(row(kSeverities, s, 1).key);
}

std::optional<Severity> severityFromKey(const QString& key)
{
    return fromKey<Severity>(kSeverities, key, 1);
}

QString incidentStatusName(IncidentStatus s)
{
    return QString::fromLatin1(row(kStatuses, s).name);
}

QString incidentStatusKey(IncidentStatus s)
{
    return QString::fromLatin1(row(kStatuses, s).key);
}

std::optional<IncidentStatus> incidentStatusFromKey(const QString& key)
{
    return fromKey<IncidentStatus>(kStatuses, key);
}

QString incidentRoleName(IncidentRole r)
{
    switch (r) {
        case IncidentRole::Commander: return QStringLiteral("Incident commander");
        case IncidentRole::CommunicationsLead: return QStringLiteral("Communications lead");
        case IncidentRole::Scribe: return QStringLiteral("Scribe");
    }
    return {};
}

QString milestoneName(Milestone m)
{
    switch (m) {
        case Milestone::Started: return QStringLiteral("Started");
        case Milestone::Detected: return QStringLiteral("Detected");
        case Milestone::Acknowledged: return QStringLiteral("Acknowledged");
        case Milestone::Mitigated: return QStringLiteral("Mitigated");
        case Milestone::Resolved: return QStringLiteral("Resolved");
    }
    return {};
}

QString timelineKindName(TimelineKind k)
{
    return QString::fromLatin1(row(kKinds, k).name);
}

QString timelineKindKey(TimelineKind k)
{
    return QString::fromLatin1(row(kKinds, k).key);
}

std::optional<TimelineKind> timelineKindFromKey(const QString& key)
{
    return fromKey<TimelineKind>(kKinds, key);
}

QString syncStateName(SyncState s)
{
    return QString::fromLatin1(row(kSyncStates, s).name);
}

QString syncStateKey(SyncState s)
{
    return QString::fromLatin1(row(kSyncStates, s).key);
}

std::optional<SyncState> syncStateFromKey(const QString& key)
{
    return fromKey<SyncState>(kSyncStates, key);
}

QString postmortemSectionName(PostmortemSectionKey k)
{
    return QString::fromLatin1(row(kSections, k).name);
}

QString postmortemSectionKey(PostmortemSectionKey k)
{
    return QString::fromLatin1(row(kSections, k).key);
}

std::optional<PostmortemSectionKey> postmortemSectionFromKey(const QString& key)
{
    return fromKey<PostmortemSectionKey>(kSections, key);
}

QVector<PostmortemSectionKey> allPostmortemSections()
{
    QVector<PostmortemSectionKey> out;
    for (std::size_t i = 0; i < kSections.size(); ++i)
        out.append(PostmortemSectionKey(i));
    return out;
}

QString actionItemPriorityName(ActionItemPriority p)
{
    return QString::fromLatin1(row(kPriorities, p).name);
}

QString actionItemPriorityKey(ActionItemPriority p)
{
    return QString::fromLatin1(row(kPriorities, p).key);
}

std::optional<ActionItemPriority> actionItemPriorityFromKey(const QString& key)
{
    return fromKey<ActionItemPriority>(kPriorities, key);
}

QString actionItemTypeName(ActionItemType t)
{
    return QString::fromLatin1(row(kTypes, t).name);
}

QString actionItemTypeKey(ActionItemType t)
{
    return QString::fromLatin1(row(kTypes, t).key);
}

std::optional<ActionItemType> actionItemTypeFromKey(const QString& key)
{
    return fromKey<ActionItemType>(kTypes, key);
}

QString actionItemStatusName(ActionItemStatus s)
{
    return QString::fromLatin1(row(kItemStatuses, s).name);
}

QString actionItemStatusKey(ActionItemStatus s)
{
    return QString::fromLatin1(row(kItemStatuses, s).key);
}

std::optional<ActionItemStatus> actionItemStatusFromKey(const QString& key)
{
    return fromKey<ActionItemStatus>(kItemStatuses, key);
}

QString newIncidentRecordId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

std::optional<qint64> Milestones::at(Milestone m) const
{
    switch (m) {
        case Milestone::Started: return startedMs;
        case Milestone::Detected: return detectedMs;
        case Milestone::Acknowledged: return acknowledgedMs;
        case Milestone::Mitigated: return mitigatedMs;
        case Milestone::Resolved: return resolvedMs;
    }
    return std::nullopt;
}

void Milestones::set(Milestone m, std::optional<qint64> ms)
{
    switch (m) {
        case Milestone::Started: startedMs = ms; break;
        case Milestone::Detected: detectedMs = ms; break;
        case Milestone::Acknowledged: acknowledgedMs = ms; break;
        case Milestone::Mitigated: mitigatedMs = ms; break;
        case Milestone::Resolved: resolvedMs = ms; break;
    }
}

QString IncidentRoles::holder(IncidentRole r) const
{
    switch (r) {
        case IncidentRole::Commander: return commander;
        case IncidentRole::CommunicationsLead: return communicationsLead;
        case IncidentRole::Scribe: return scribe;
    }
    return {};
}

QString incidentClockText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm")) +
           QStringLiteral(" UTC");
}

QString incidentDurationText(qint64 ms)
{
    const qint64 m = std::max<qint64>(0, ms / 60000);
    return m < 60 ? QStringLiteral("%1 min").arg(m)
                  : QStringLiteral("%1 h %2 min").arg(m / 60).arg(m % 60);
}

}  // namespace wf
