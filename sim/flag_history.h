#pragma once

// The flag changes of the backfilled past (--history-days N), a pure
// function of (seed, start, N): about three a day (a Poisson count per day),
// on the 40 named flags only (so --flag-count does not change the past),
// production 70% / staging 30%, regions by their share of traffic, at
// whole seconds from N days before the start up to an hour before it, by
// the people who change flags. Each change switches the state it lands on;
// the FlagStore picks the states the flags had before the history so that
// they end where they would have without it, and words the reason by the
// flag's kind and the way it was switched (flagHistoryReason).

#include "watchfloor/v1/flag.pb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wfsim {

struct HistoryFlagChange {
    std::string key;      // a named flag
    int environment = 0;  // FlagCatalog::kEnvironments index
    int region = 0;       // JourneyCatalog region index
    int64_t atMs = 0;
    std::string actor;
    uint64_t words = 0;  // the draw for the reason
};

static constexpr double kHistoryFlagChangesPerDay = 3;

// In time order; empty for `days` 0.
std::vector<HistoryFlagChange> planFlagHistory(uint64_t seed, int64_t startSeconds, int days);
// "Experiment ended", "Shedding load during an incident", ...
std::string flagHistoryReason(watchfloor::v1::FlagKind kind, bool enabled, uint64_t words);

}  // namespace wfsim
