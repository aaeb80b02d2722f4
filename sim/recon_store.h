#pragma once

// Reconciliation on the simulated platform: the mismatches (ReconTable,
// generated at the start: `size` open ones detected over the 30 days before
// it), the scenario's settlement files landing at their time (catchUp()),
// queries (ReconQuery), full detail (ReconDetail), actions (ReconActions)
// with the approvals they need (ApprovalBook), and every change from the
// start on as a stream log (CREATED, UPDATED, RESOLVED), the newest 200,000
// kept. Applied actions go into the ActionJournal. Thread-safe (one mutex).

#include "action_journal.h"
#include "approval_book.h"
#include "caller.h"
#include "event_log.h"
#include "platform_clock.h"
#include "recon_detail.h"
#include "recon_generator.h"
#include "recon_query.h"
#include "recon_table.h"
#include "scenario.h"
#include "watchfloor/v1/reconciliation.pb.h"

#include <grpcpp/support/status.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace wfsim {

struct ReconSettings {
    static constexpr int kDefaultSize = 2000;
    static constexpr int kMaxSize = 1000000;
    static constexpr int64_t kDefaultThresholdMinor = 50000;

    uint64_t seed = 1;
    int size = kDefaultSize;                          // open mismatches at the start
    int64_t thresholdMinor = kDefaultThresholdMinor;  // approval threshold (ReconMoney::threshold)
};

class ReconStore {
public:
    static constexpr size_t kRetainedEvents = 200000;
    static constexpr int kMaxSettlementFile = 200000;
    static constexpr int kMaxNoteLength = 2000;
    static constexpr int64_t kHistorySeconds = 30 * 86400;
    // From this many rows, the start generates and sorts on two threads.
    static constexpr uint32_t kParallelFrom = 100000;

    ReconStore(const ReconSettings& settings, const Scenario& scenario, const PlatformClock& clock,
               const std::string& epoch, ActionJournal& journal);

    // Lands the settlement files due by now.
    void catchUp();
    // Lands a settlement file now (tests; the scenario's come through catchUp).
    void addSettlementFile(const ScenarioSettlementFile& file);
    size_t size() const;
    int64_t thresholdMinor() const { return settings_.thresholdMinor; }
    const ReconGenerator& generator() const { return generator_; }
    // The query's cache counters (hits, misses).
    std::pair<uint64_t, uint64_t> cacheCounters() const;

    grpc::Status list(const watchfloor::v1::ListMismatchesRequest& request,
                      watchfloor::v1::ListMismatchesResponse* response);
    grpc::Status summarize(const watchfloor::v1::SummarizeMismatchesRequest& request,
                           watchfloor::v1::SummarizeMismatchesResponse* response);
    grpc::Status get(const watchfloor::v1::GetMismatchRequest& request,
                     watchfloor::v1::GetMismatchResponse* response);
    grpc::Status listApprovals(const watchfloor::v1::ListApprovalsRequest& request,
                               watchfloor::v1::ListApprovalsResponse* response);

    // Apply a change the caller may make (checks: exists, version, status,
    // applicable, note, amount, approver).
    grpc::Status assign(const Caller& caller, const watchfloor::v1::AssignMismatchRequest& request,
                        watchfloor::v1::AssignMismatchResponse* response);
    grpc::Status resolve(const Caller& caller,
                         const watchfloor::v1::ResolveMismatchRequest& request,
                         watchfloor::v1::ResolveMismatchResponse* response);
    grpc::Status decide(const Caller& caller, const watchfloor::v1::DecideApprovalRequest& request,
                        watchfloor::v1::DecideApprovalResponse* response);

    // Stream source (ChangeStream).
    const std::string& streamEpoch() const { return epoch_; }
    uint64_t newestSequence() const;
    uint64_t oldestSequence() const;
    void eventsAfter(uint64_t after, size_t max,
                     std::vector<watchfloor::v1::MismatchEvent>* out) const;

private:
    struct LogEntry {
        uint64_t sequence = 0;
        uint32_t index = 0;
        watchfloor::v1::MismatchEventKind kind = watchfloor::v1::MISMATCH_EVENT_KIND_UNSPECIFIED;
        ReconRow row;
        void set_sequence(uint64_t s) { sequence = s; }
    };

    // Callers hold mutex_.
    void advanceTo(int64_t nowMs);
    void land(const ScenarioSettlementFile& file, int64_t atSeconds);
    grpc::Status find(const std::string& id, uint32_t* index) const;
    grpc::Status checkVersion(uint32_t index, int64_t expected) const;
    watchfloor::v1::Mismatch mismatchOf(uint32_t index) const;
    watchfloor::v1::MismatchDetail detailOf(uint32_t index) const;
    // Stores the changed row, logs it, bumps its version.
    void changed(uint32_t index, ReconRow row);
    void note(uint32_t index, const Caller& caller, const std::string& text,
              const std::string& actionId, int64_t nowMs);
    // Journals an applied action and fills its receipt.
    void record(const Caller& caller, const watchfloor::v1::ActionContext& context,
                const std::string& actionId, const char* kind, const std::string& target,
                int64_t nowMs, watchfloor::v1::ActionReceipt* receipt);
    void fillApproval(const ApprovalRecord& record, watchfloor::v1::Approval* out) const;

    ReconSettings settings_;
    ReconGenerator generator_;
    ReconDetail detail_;
    const PlatformClock& clock_;
    std::string epoch_;
    ActionJournal& journal_;
    std::vector<ScenarioSettlementFile> files_;  // in time order
    size_t nextFile_ = 0;

    mutable std::mutex mutex_;
    ReconTable table_;
    ReconQuery query_;
    std::unordered_map<uint32_t, ReconExtras> extras_;
    ApprovalBook approvals_;
    EventLog<LogEntry> log_;
};

}  // namespace wfsim
