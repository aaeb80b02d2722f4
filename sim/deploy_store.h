#pragma once

// The platform's deploys: 7 days (or more) of history from the
// DeploySchedule, live deploys after the start (scheduled ones and the
// scenario's), and their changes as a stream log. Deploys of the history
// named in `rollbacks` are rolled back then (rolled_back_by_action
// "act-history-<the id's digits>"). A deploy is IN_PROGRESS for 8 simulated
// minutes, its canary share stepping 0.05, 0.25, 0.5, 1.0 every 2 minutes, then
// SUCCEEDED (or FAILED at 4 minutes). A rollback makes it ROLLING_BACK, then
// ROLLED_BACK 2 minutes later. Every change increments resource_version and,
// from the start on, is logged.
//
// Time only moves when asked: catchUp() applies every change due by now.
// Thread-safe (one mutex).

#include "action_journal.h"
#include "caller.h"
#include "deploy_schedule.h"
#include "effect_timeline.h"
#include "event_log.h"
#include "platform_clock.h"
#include "scenario.h"
#include "watchfloor/v1/deploy.pb.h"

#include <grpcpp/support/status.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <vector>

namespace wfsim {

class DeployStore {
public:
    static constexpr int64_t kStepMs = 2 * 60 * 1000;
    static constexpr int64_t kRollbackMs = 2 * 60 * 1000;

    DeployStore(const DeploySchedule& plan, const Scenario& scenario, const PlatformClock& clock,
                const std::string& epoch, EffectTimeline& effects, ActionJournal& journal,
                const std::vector<HistoryRollback>& rollbacks = {});

    void catchUp();
    size_t size() const;
    // The n-th scheduled deploy of (service, region) pair `pair` as it is now,
    // if it has started.
    std::optional<watchfloor::v1::Deploy> scheduled(int pair, int64_t n) const;

    grpc::Status list(const watchfloor::v1::ListDeploysRequest& request,
                      watchfloor::v1::ListDeploysResponse* response);
    // Applies a rollback the caller may do (checks: exists, version, status).
    grpc::Status rollback(const Caller& caller,
                          const watchfloor::v1::RollbackDeployRequest& request,
                          watchfloor::v1::RollbackDeployResponse* response);

    // Stream source (ChangeStream).
    const std::string& streamEpoch() const { return epoch_; }
    uint64_t newestSequence() const;
    uint64_t oldestSequence() const;
    void eventsAfter(uint64_t after, size_t max,
                     std::vector<watchfloor::v1::DeployEvent>* out) const;

private:
    enum class Step {
        StartScheduled,
        StartScenario,
        Canary,
        Finish,
        Fail,
        RollbackStart,
        RollbackDone
    };
    struct Pending {
        int64_t atMs;
        uint64_t order;
        Step step;
        size_t target;  // pair, scenario deploy or deploy index
        double share;
    };
    struct Later {
        bool operator()(const Pending& a, const Pending& b) const
        {
            return a.atMs != b.atMs ? a.atMs > b.atMs : a.order > b.order;
        }
    };

    // Callers hold mutex_.
    void advanceTo(int64_t limitMs);
    void apply(const Pending& p);
    void schedule(int64_t atMs, Step step, size_t target, double share = 0);
    size_t start(int pair, const std::string& version, const std::string& author,
                 const std::string& description, int64_t atMs, bool fails);
    void changed(size_t index, int64_t atMs);
    std::string nextVersion(int pair, int64_t atSeconds);
    int findIndex(const std::string& id) const;

    DeploySchedule schedule_;
    std::vector<ScenarioDeploy> scenarioDeploys_;
    const PlatformClock& clock_;
    std::string epoch_;
    EffectTimeline& effects_;
    ActionJournal& journal_;
    int64_t startMs_;

    mutable std::mutex mutex_;
    std::vector<watchfloor::v1::Deploy> deploys_;  // in start order; id dep-<index + 1>
    std::vector<int> scenarioOf_;                  // scenario deploy index, or -1
    std::vector<int> pairOf_;                      // (service, region) pair
    std::vector<std::vector<size_t>> byPlan_;      // per pair: deploy index of plan n
    std::map<std::pair<int, int64_t>, int64_t> historyRollbacks_;  // (pair, n) -> at ms
    std::priority_queue<Pending, std::vector<Pending>, Later> pending_;
    uint64_t order_ = 0;
    std::vector<PlannedDeploy> nextPlan_;         // per pair
    std::vector<int64_t> planned_;                // per pair: index of nextPlan_
    std::vector<std::string> running_;            // per pair: the version serving traffic
    std::vector<std::pair<int64_t, int>> daily_;  // per pair: (day, deploys that day)
    EventLog<watchfloor::v1::DeployEvent> log_;
};

}  // namespace wfsim
