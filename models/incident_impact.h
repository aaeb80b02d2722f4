#pragma once

// What an incident cost, from the journey metrics over its window (Started
// to Mitigated, or Resolved, or now): per affected journey and region the
// minutes spent below the SLO, the failed events and the share of the 28-day
// error budget they used; failed checkouts (checkout availability and payment
// authorization failures) and, as an estimate, the revenue at risk (failed
// checkouts times the average order value).

#include "incident_types.h"

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
};

struct IncidentImpact {
    qint64 fromMs = 0, toMs = 0;
    QVector<JourneyImpact> journeys;
    qint64 failedCheckouts = 0;
    double revenueAtRisk = 0;  // an estimate, in the order value's currency
    bool hasData = false;
};

// Calls fn(journey index, region index) for every journey and region the
// incident names (all of them where it names none), in catalog order.
void forEachAffectedSeries(const HealthStore& store, const Incident& incident,
                           const std::function<void(int journey, int region)>& fn);

IncidentImpact computeIncidentImpact(const HealthStore& store, const Incident& incident,
                                     qint64 nowMs, double averageOrderValue);
// The Impact section's figures, in words ("" without data).
QString incidentImpactText(const IncidentImpact& impact, const QString& currency);

}  // namespace wf
