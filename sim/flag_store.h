#pragma once

// The platform's flags with their state per environment and region, the
// audit trail of every applied change, and the changes as a stream log.
// The scenario's scripted changes are applied by release-bot@sim at their
// time (catchUp() applies what is due); a flag a scenario switches starts in
// the opposite state. Switching a flag tells the EffectTimeline, so the
// scenario's flag effects follow the flag. The backfilled past's changes
// (planFlagHistory) are in the audit trails and ListFlagChanges, not in the
// stream or the action journal (no action of this run). Thread-safe (one
// mutex).

#include "action_journal.h"
#include "caller.h"
#include "effect_timeline.h"
#include "event_log.h"
#include "flag_catalog.h"
#include "flag_history.h"
#include "platform_clock.h"
#include "scenario.h"
#include "watchfloor/v1/flag.pb.h"

#include <grpcpp/support/status.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace wfsim {

class FlagStore {
public:
    static constexpr const char* kReleaseBot = "release-bot@sim";

    FlagStore(const FlagCatalog& catalog, uint64_t seed, const Scenario& scenario,
              const PlatformClock& clock, const std::string& epoch, EffectTimeline& effects,
              ActionJournal& journal, const std::vector<HistoryFlagChange>& history = {});

    void catchUp();
    size_t size() const { return flags_.size(); }

    grpc::Status list(const watchfloor::v1::ListFlagsRequest& request,
                      watchfloor::v1::ListFlagsResponse* response);
    // The flag's kind, or NOT_FOUND (FLAG_NOT_FOUND).
    grpc::Status kindOf(const std::string& key, watchfloor::v1::FlagKind* kind) const;
    // Applies a change the caller may make (checks: exists, version).
    grpc::Status set(const Caller& caller, const watchfloor::v1::SetFlagStateRequest& request,
                     watchfloor::v1::SetFlagStateResponse* response);
    grpc::Status auditTrail(const watchfloor::v1::GetFlagAuditTrailRequest& request,
                            watchfloor::v1::GetFlagAuditTrailResponse* response) const;
    grpc::Status listChanges(const watchfloor::v1::ListFlagChangesRequest& request,
                             watchfloor::v1::ListFlagChangesResponse* response);

    // Stream source (ChangeStream).
    const std::string& streamEpoch() const { return epoch_; }
    uint64_t newestSequence() const;
    uint64_t oldestSequence() const;
    void eventsAfter(uint64_t after, size_t max,
                     std::vector<watchfloor::v1::FlagChange>* out) const;

private:
    struct Change {
        size_t flag;
        int state;  // environment * regions + region
        bool enabled;
        int64_t atMs;
        std::string actor;
        std::string role;
        std::string reason;
        std::string idempotencyKey;
    };

    // Callers hold mutex_. Returns the action id.
    std::string apply(const Change& change);
    // The backfilled past, before any change of this run.
    void applyHistory(const std::vector<HistoryFlagChange>& history);
    // Keeps changes_ oldest first.
    void recordChange(const watchfloor::v1::FlagAuditEntry& entry);
    void advanceTo(int64_t nowMs);
    int find(const std::string& key) const;
    static int stateIndex(const std::string& environment, const std::string& region);

    const PlatformClock& clock_;
    std::string epoch_;
    EffectTimeline& effects_;
    ActionJournal& journal_;
    std::vector<ScenarioFlagChange> scripted_;  // in time order
    size_t nextScripted_ = 0;

    mutable std::mutex mutex_;
    std::vector<watchfloor::v1::Flag> flags_;  // by key
    std::map<std::string, size_t, std::less<>> index_;
    std::vector<std::vector<watchfloor::v1::FlagAuditEntry>> audit_;
    std::vector<watchfloor::v1::FlagAuditEntry> changes_;  // every flag's, oldest first
    EventLog<watchfloor::v1::FlagChange> log_;
};

}  // namespace wfsim
