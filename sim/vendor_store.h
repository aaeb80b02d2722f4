#pragma once

// The vendors as the platform sees them in every region: measurements over
// the last minute (six 10 s windows from VendorMeter), published status,
// circuit breaker, and which vendor serves each category (CategoryRouting,
// changed by failover and failback). Every window, each vendor's whole state
// goes into the change log (so a stream has fresh measurements every 10
// simulated seconds), and so does every routing change. A routing change
// tells the EffectTimeline, so a failing vendor's journey effects follow
// its traffic. Thread-safe (one mutex).

#include "action_journal.h"
#include "caller.h"
#include "circuit_breaker.h"
#include "effect_timeline.h"
#include "event_log.h"
#include "platform_clock.h"
#include "scenario.h"
#include "vendor_meter.h"
#include "watchfloor/v1/vendor.pb.h"

#include <grpcpp/support/status.h>

#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace wfsim {

class VendorStore {
public:
    static constexpr double kFailbackMaxErrorRate = 0.05;

    VendorStore(uint64_t seed, const Scenario& scenario, const PlatformClock& clock,
                const std::string& epoch, EffectTimeline& effects, ActionJournal& journal);

    void catchUp();
    void list(watchfloor::v1::ListVendorsResponse* response);
    // Apply a change the caller may make (checks: category, vendor, version, health).
    grpc::Status failover(const Caller& caller, const watchfloor::v1::FailoverRequest& request,
                          watchfloor::v1::FailoverResponse* response);
    grpc::Status failback(const Caller& caller, const watchfloor::v1::FailbackRequest& request,
                          watchfloor::v1::FailbackResponse* response);

    // Stream source (ChangeStream).
    const std::string& streamEpoch() const { return epoch_; }
    uint64_t newestSequence() const;
    uint64_t oldestSequence() const;
    void eventsAfter(uint64_t after, size_t max,
                     std::vector<watchfloor::v1::VendorEvent>* out) const;

private:
    struct RegionState {
        std::deque<VendorWindow> minute;  // the last six windows, oldest first
        // The state after each of the last 30 minutes' windows, oldest first.
        std::deque<watchfloor::v1::VendorWindowPoint> recent;
        int64_t measuredAtMs = 0;
        CircuitBreaker breaker;
        int published = watchfloor::v1::PUBLISHED_STATUS_OPERATIONAL;
        int64_t publishedAtMs = 0;
    };
    struct Minute {
        int64_t calls = 0;
        double errorRate = 0;
        double p50Ms = 0, p95Ms = 0, p99Ms = 0;  // call-weighted over the windows
    };

    // Callers hold mutex_.
    void advanceTo(int64_t nowMs);
    void step(int64_t window, bool record);
    RegionState& state(size_t vendor, int region);
    const RegionState& state(size_t vendor, int region) const;
    static Minute minuteOf(const RegionState& s);
    bool serving(size_t vendor, int region) const;
    watchfloor::v1::Vendor vendorProto(size_t vendor, bool withHistory = false) const;
    watchfloor::v1::CategoryRouting* routing(watchfloor::v1::VendorCategory category,
                                             const std::string& region);
    grpc::Status checkRouting(watchfloor::v1::VendorCategory category, const std::string& region,
                              int64_t expectedVersion, watchfloor::v1::CategoryRouting** out);
    // Routes the category to `target` at now; fills the receipt; returns the action id.
    std::string reroute(const Caller& caller, const watchfloor::v1::ActionContext& context,
                        watchfloor::v1::CategoryRouting* routing, const std::string& target,
                        const char* kind, watchfloor::v1::ActionReceipt* receipt);

    const PlatformClock& clock_;
    std::string epoch_;
    EffectTimeline& effects_;
    ActionJournal& journal_;
    VendorMeter meter_;
    std::vector<ScenarioVendorFailure> failures_;

    mutable std::mutex mutex_;
    int64_t nextWindow_ = 0;           // the first window not yet measured (0: starts at start)
    std::vector<RegionState> states_;  // vendor * regions + region
    std::vector<watchfloor::v1::CategoryRouting> routing_;
    EventLog<watchfloor::v1::VendorEvent> log_;
};

}  // namespace wfsim
