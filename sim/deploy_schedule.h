#pragma once

// When each service deploys to each region: from 7 days before the start
// on (or `historyDays` when longer), one deploy per (service, region) every
// 2 to 6 simulated hours (mean gap 4 h; with `historyCount` the gap is scaled
// so that 7 days hold about that many deploys). Authors and descriptions come
// from small lists; about one deploy in 190 fails. A pure function of the
// seed.

#include <cstdint>
#include <string>

namespace wfsim {

struct PlannedDeploy {
    int64_t startSeconds = 0;
    int service = 0;  // ServiceCatalog index
    int region = 0;   // JourneyCatalog region index
    std::string author;
    std::string description;
    bool fails = false;
};

// A deploy of the history rolled back before the start: the n-th deploy of
// (service, region) pair `pair`, from `atMs` on (ROLLED_BACK 2 minutes later).
struct HistoryRollback {
    int pair = 0;
    int64_t n = 0;
    int64_t atMs = 0;
};

class DeploySchedule {
public:
    static constexpr int64_t kHistorySeconds = 7 * 86400;
    static constexpr double kDefaultGapSeconds = 4 * 3600;
    static constexpr int kMaxHistory = 200000;

    // `historyCount` 0 = the default gap.
    DeploySchedule(uint64_t seed, int64_t startSeconds, int historyCount, int historyDays = 7);

    int64_t startSeconds() const { return start_; }
    int64_t historyStart() const { return start_ - historySeconds_; }
    double meanGapSeconds() const { return gap_; }
    static int pairCount();
    static int serviceOfPair(int pair);
    static int regionOfPair(int pair);

    // The n-th deploy of `pair`; `previousStart` is when deploy n - 1
    // started (unused for n = 0).
    PlannedDeploy plan(int pair, int64_t n, int64_t previousStart) const;

private:
    uint64_t seed_;
    int64_t start_;
    int64_t historySeconds_;
    double gap_;
};

}  // namespace wfsim
