#pragma once

// The figures engineering leads review weekly and quarterly, each a pure
// function of plain data so it can be checked against hand-worked numbers.
// The definitions (kept next to the figures in the Trends view):
//
//   Attainment        good / valid events over the range.
//   Budget remaining  1 - failed / allowed, where allowed = (1 - objective)
//                     x valid over the range; below 0 when overspent.
//   Burn-down         the budget remaining at each point of the range,
//                     counting the failures up to it against the whole
//                     range's allowance.
//   Page / ticket     time in alert, from hourly data, with the live
//                     alerts' thresholds (slo_evaluation.h): an hour is
//                     paging when its own burn rate ((1 - good/valid) /
//                     (1 - objective)) exceeds 14.4 or its trailing 6 hours
//                     burn at over 6; otherwise a ticket when both its
//                     trailing 3 days (72 h) and 6 hours burn at over 1.
//                     Trailing windows count only the range's buckets. The
//                     live alerts' 5 and 30 minute windows cannot be judged
//                     from hours, so they are not.
//   MTTD              started -> detected;  MTTA  detected -> acknowledged;
//   MTTR              started -> resolved. Medians (the mean of the middle
//                     two for an even count) and 90th percentiles (nearest
//                     rank: the ceil(0.9 n)-th smallest). An incident without
//                     the two milestones a measure needs is left out of it
//                     and counted as excluded.
//   Change failure    the share of deploys that were rolled back within the
//   rate              window after they started, or that an incident
//                     started within the window after them names (its
//                     timeline or postmortem mentions the deploy's id). A
//                     rollback whose time the platform does not say counts.
//   Weeks             Monday 00:00 UTC to Monday.

#include "change_types.h"
#include "health_types.h"
#include "incident_types.h"
#include "slo_evaluation.h"

#include <QPointF>
#include <QString>
#include <QVector>
#include <array>
#include <optional>

namespace wf {

// One aggregated bucket of a journey's events in one region.
using TrendPoint = HealthPoint;

struct SloTrend {
    QString journeyId;
    QString journeyName;
    QString region;        // "All regions" on an overall row
    bool overall = false;  // the journey over all its regions
    double objective = 0;
    qint64 good = 0;
    qint64 valid = 0;
    std::optional<double> attainment;       // nothing valid in the range: unknown
    std::optional<double> budgetRemaining;  // 1 = untouched, 0 = spent, < 0 overspent
    qint64 pageMs = 0;
    qint64 ticketMs = 0;
    QVector<QPointF> burnDown;  // (ms, budget remaining) at the end of each bucket
};

// Points outside [fromMs, toMs) are ignored.
SloTrend computeSloTrend(const QVector<TrendPoint>& points, double objective, qint64 fromMs,
                         qint64 toMs);

// The live alert rules' thresholds (burn rate exceeded over the long window).
constexpr double kPageBurnRate = kAlertRules[0].threshold;      // 1 h: 14.4
constexpr double kSlowPageBurnRate = kAlertRules[1].threshold;  // 6 h: 6
constexpr double kTicketBurnRate = kAlertRules[2].threshold;    // 3 d and 6 h: 1

// Several series' buckets summed where they start at the same time (the
// journey over all its regions), oldest first.
QVector<TrendPoint> sumSeries(const QVector<QVector<TrendPoint>>& series);

enum class Mttx { Detect, Acknowledge, Recover };
QString mttxName(Mttx m);        // "MTTD"
QString mttxDefinition(Mttx m);  // "started to detected"
// "1 h 5 min", or "—" when there is nothing to measure.
QString optionalDurationText(std::optional<qint64> ms);

struct DurationStats {
    int count = 0;     // incidents measured
    int excluded = 0;  // incidents missing a milestone the measure needs
    std::optional<qint64> medianMs;
    std::optional<qint64> p90Ms;
};

std::optional<qint64> medianOf(QVector<qint64> values);
// Nearest rank: the ceil(p x n)-th smallest (p in (0, 1]).
std::optional<qint64> percentileOf(QVector<qint64> values, double p);
DurationStats mttxStats(const QVector<Incident>& incidents, Mttx which);

// What the trends need of an incident beyond its own fields: its cause and
// contributing factors from the postmortem, the service it names, the text
// that can name deploys, and its action items.
struct TrendIncident {
    Incident incident;
    QString cause;        // a taxonomy key, or empty
    QString service;      // from the root cause, or empty
    QStringList factors;  // taxonomy keys from the contributing factors
    QString text;         // timeline and postmortem text (to find deploy ids)
    QVector<ActionItem> actionItems;
};

// The taxonomy of causes and contributing factors, as the brief names them.
const QStringList& causeTaxonomy();
// "Cause: change. Service: payments-api." (the first line of a root cause)
// -> "change" and "payments-api"; empty when it does not say.
QString parseCause(const QString& rootCause, QString* service = nullptr);
// "- capacity: ...\n- data: ..." -> {"capacity", "data"} (taxonomy keys only, once each).
QStringList parseFactors(const QString& contributingFactors);
TrendIncident trendIncident(const Incident& incident, const QVector<PostmortemSection>& sections,
                            const QVector<TimelineEntry>& timeline,
                            const QVector<ActionItem>& items);

struct WeekCounts {
    qint64 weekStartMs = 0;           // Monday 00:00 UTC
    std::array<int, 4> bySeverity{};  // SEV-1..SEV-4
    int total() const { return bySeverity[0] + bySeverity[1] + bySeverity[2] + bySeverity[3]; }
};
qint64 weekStartMs(qint64 ms);
// Every week that overlaps [fromMs, toMs), empty ones too; incidents by start.
QVector<WeekCounts> incidentsPerWeek(const QVector<Incident>& incidents, qint64 fromMs,
                                     qint64 toMs);

struct NamedCount {
    QString name;
    int count = 0;
    QStringList incidentIds;
    QStringList titles;
};
// By the service the root cause names ("not named" otherwise), most first.
QVector<NamedCount> incidentsByService(const QVector<TrendIncident>& incidents);
// Causes and contributing factors that came back (in at least `minCount`
// incidents), most first, with the incidents behind each.
QVector<NamedCount> recurringCauses(const QVector<TrendIncident>& incidents, int minCount = 2);

struct LongIncident {
    QString id;
    QString title;
    Severity severity = Severity::Sev3;
    qint64 durationMs = 0;  // started -> resolved (or mitigated, or now)
};
QVector<LongIncident> longestIncidents(const QVector<Incident>& incidents, qint64 nowMs,
                                       int limit = 5);

struct OwnerItems {
    QString owner;  // "(unassigned)" for none
    int open = 0;
    qint64 oldestAgeMs = 0;  // of the open ones, from when they were made
    int overdue = 0;
};
// Open and in-progress items, by owner: most open first.
QVector<OwnerItems> openItemsByOwner(const QVector<ActionItem>& items, qint64 nowMs,
                                     const QDate& today);

struct TrendDeploy {
    QString id;
    QString service;
    QString region;
    qint64 startedMs = 0;
    bool rolledBack = false;             // rolling back or rolled back
    std::optional<qint64> rolledBackMs;  // when the rollback started; unknown: counts
};

struct ChangeStats {
    int deploys = 0;
    int failed = 0;
    int rolledBack = 0;                 // of the range's deploys, whenever
    int rolledBackInWindow = 0;         // of those, within the window (failed)
    std::optional<double> failureRate;  // no deploys: unknown
    QStringList failedIds;
    QVector<QPair<qint64, int>> deploysPerWeek;  // (Monday, count)
    QVector<QPair<qint64, int>> failuresPerWeek;
    // Filled by buildTrendsReport (flagChangesPerWeek): production only.
    int flagChanges = 0;
    QVector<QPair<qint64, int>> flagChangesPerWeek;
};
// Deploys started in [fromMs, toMs); `incidents` may start after the range
// (a deploy near its end can fail after it).
ChangeStats changeStats(const QVector<TrendDeploy>& deploys,
                        const QVector<TrendIncident>& incidents, qint64 windowMs, qint64 fromMs,
                        qint64 toMs);

// A flag switched, from the platform's record of flag changes.
using TrendFlagChange = FlagChangeRecord;
// Flag changes in production per week over every week overlapping
// [fromMs, toMs): (Monday, count).
QVector<QPair<qint64, int>> flagChangesPerWeek(const QVector<TrendFlagChange>& changes,
                                               qint64 fromMs, qint64 toMs);

// Incidents per week by the service the root cause names ("(not named)"
// otherwise), by start, every week overlapping [fromMs, toMs).
struct ServiceWeeks {
    QVector<qint64> weeks;  // Mondays
    QStringList services;   // most incidents first, then by name
    // counts[s][w]: incidents of services[s] in weeks[w].
    QVector<QVector<int>> counts;
};
ServiceWeeks incidentsPerWeekByService(const QVector<TrendIncident>& incidents, qint64 fromMs,
                                       qint64 toMs);
// As table rows: the service, its incidents in the range, then one cell per
// week (empty for none), for the view and the report alike.
QVector<QStringList> serviceWeekRows(const ServiceWeeks& sw);

}  // namespace wf
