#pragma once

// What an incident cost, from the journey metrics over its window (Started
// to Mitigated, or Resolved, or now): per affected journey and region the
// minutes spent below the SLO, the failed events and the share of the SLO
// window's error budget they used; failed checkouts (checkout availability
// and payment authorization failures) and, as an estimate, the revenue at
// risk (failed checkouts times the platform's average order value).
//
// The recent part of the window comes from the 10-second samples, anything
// older from the 5-minute buckets, so a postmortem written the next day has
// its figures. The budget is the whole SLO window's: when the console holds
// less than the window (it was started an hour ago), the window's traffic is
// estimated from the rate it holds, never taken as the traffic of that hour.

#include "incident_types.h"
#include "money.h"

#include <functional>

namespace wf {

class HealthStore;

struct JourneyImpact {
    QString journey;  // display name
    QString region;
    qint64 minutesBelowSlo = 0;
    qint64 failed = 0;
    qint64 valid = 0;
    double budgetSpent = 0;  // share of the SLO window's budget, 0..1+
    int sloWindowDays = 0;
};

struct IncidentImpact {
    qint64 fromMs = 0, toMs = 0;
    QVector<JourneyImpact> journeys;
    qint64 failedCheckouts = 0;
    // An estimate; minor 0 when the platform gives no average order value.
    Money revenueAtRisk;
    bool hasData = false;
};

// Calls fn(journey index, region index) for every journey and region the
// incident names (all of them where it names none), in catalog order.
void forEachAffectedSeries(const HealthStore& store, const Incident& incident,
                           const std::function<void(int journey, int region)>& fn);

// The order value comes with the store's catalog (the platform's).
IncidentImpact computeIncidentImpact(const HealthStore& store, const Incident& incident,
                                     qint64 nowMs);
// The Impact section's figures, in words ("" without data).
QString incidentImpactText(const IncidentImpact& impact);

}  // namespace wf
