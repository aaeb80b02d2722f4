#pragma once

// "What changed?" For a journey that is burning its error budget in a
// region: when the burn began, and the nearest deploy or flag change before
// it in the same region that touches the journey (the likely suspect), with
// the share of the journey's error budget spent since that change.

#include "change_types.h"
#include "health_store.h"

#include <optional>

namespace wf {

struct SuspectChange {
    enum class Kind { Deploy, Flag };
    Kind kind = Kind::Deploy;
    QString id;     // deploy id or flag key
    QString title;  // "payments-api 2026.11.25-7 by dana"
    qint64 atMs = 0;
    qint64 burnStartMs = 0;
    // Bad events since the change over the SLO window's whole budget.
    double budgetSpentShare = 0;
    QString describe() const;
};

// The first moment of the current burn: walking back from the newest sample,
// the start of the run of 1-minute spans whose burn rate is above 1.
// Empty when the journey is not burning now.
std::optional<qint64> burnStart(const HealthStore& store, int journey, int region);

// region must be a real region (not -1). Changes up to `lookbackMs` (an hour) before
// the burn began are considered; a change up to two minutes after its start
// counts too (a canary takes effect gradually).
std::optional<SuspectChange> findSuspect(const HealthStore& store, int journey, int region,
                                         const QVector<Deploy>& deploys,
                                         const QVector<FlagChangeEvent>& flagChanges,
                                         qint64 lookbackMs = 3600 * 1000);

}  // namespace wf
