#pragma once

// The status update an incident commander posts to the company: current
// conditions, actions taken, what is needed, and when the next update comes.
// Prefilled from the incident and its timeline; rendered as plain text and
// as Markdown for a chat channel (card numbers and tokens removed). The
// cadence depends on the severity: SEV-1 every 30 minutes by default.

#include "incident_types.h"

#include <array>
#include <optional>

namespace wf {

struct StatusUpdateDraft {
    QString conditions;
    QString actions;  // one per line
    QString needs;
    qint64 nextUpdateMs = 0;
};

// How often an incident of each severity gets a status update, in minutes:
// SEV-1 every 30 by default, SEV-2 60, SEV-3 240, SEV-4 1440 (a team may
// set its own; the console keeps them in its settings).
struct StatusUpdateCadence {
    std::array<int, 4> minutes{30, 60, 240, 1440};  // by severity, SEV-1 first
    qint64 intervalMs(Severity severity) const;
    int& minutesFor(Severity severity);
    friend bool operator==(const StatusUpdateCadence&, const StatusUpdateCadence&) = default;
};

// How often an incident of this severity gets a status update.
qint64 statusUpdateIntervalMs(Severity severity, const StatusUpdateCadence& cadence = {});

// Conditions from the incident (severity, title, status, journeys, regions,
// how long since it started); actions from the console actions on the
// timeline since the last status update; the next update one interval on.
StatusUpdateDraft prefillStatusUpdate(const Incident& incident,
                                      const QVector<TimelineEntry>& timeline, qint64 nowMs,
                                      const StatusUpdateCadence& cadence = {});

QString statusUpdatePlainText(const Incident& incident, const StatusUpdateDraft& draft,
                              qint64 nowMs);
QString statusUpdateMarkdown(const Incident& incident, const StatusUpdateDraft& draft,
                             qint64 nowMs);

// When the next update is due: when the last one on the timeline promised
// it ("Next update by 15:12 UTC.", the time the commander chose), else one
// interval after it, or after the declaration; nothing once resolved.
std::optional<qint64> statusUpdateDueMs(const Incident& incident,
                                        const QVector<TimelineEntry>& timeline,
                                        const StatusUpdateCadence& cadence = {});

}  // namespace wf
