#include "vendor_store.h"

#include "error_status.h"
#include "journey_catalog.h"
#include "proto_time.h"
#include "role_permissions.h"
#include "vendor_catalog.h"

#include <cmath>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr int64_t kWindowMs = VendorMeter::kWindowSeconds * 1000;
constexpr size_t kMinuteWindows = 6;
constexpr size_t kRecentWindows = 180;                   // 30 minutes of history in ListVendors
constexpr int64_t kPublishedAgeMs = 3 * 86400 * 1000LL;  // last status page change before the start

const JourneyCatalog& journeys()
{
    static const JourneyCatalog kCatalog;
    return kCatalog;
}

std::string percent(double rate)
{
    return std::to_string(std::lround(rate * 100)) + "%";
}

}  // namespace

VendorStore::VendorStore(uint64_t seed, const Scenario& scenario, const PlatformClock& clock,
                         const std::string& epoch, EffectTimeline& effects, ActionJournal& journal)
    : clock_(clock),
      epoch_(epoch),
      effects_(effects),
      journal_(journal),
      meter_(seed, scenario, clock.startMs() / 1000),
      failures_(scenario.vendorFailures),
      states_(VendorCatalog::vendors().size() * JourneyCatalog::kRegionCount)
{
    for (RegionState& s : states_) {
        s.breaker = CircuitBreaker(clock.startMs() - kPublishedAgeMs);
        s.publishedAtMs = clock.startMs() - kPublishedAgeMs;
    }
    for (const CategoryDefinition& c : VendorCatalog::categories()) {
        for (int r = 0; r < JourneyCatalog::kRegionCount; ++r) {
            v1::CategoryRouting routing;
            routing.set_category(c.category);
            routing.set_region(journeys().region(r).id);
            routing.set_primary_vendor_id(c.primary);
            routing.set_secondary_vendor_id(c.secondary);
            routing.set_serving_vendor_id(c.primary);
            routing.set_resource_version(1);
            routing_.push_back(routing);
        }
    }
    // The half hour before the start, so the first list already has
    // measurements and a history.
    for (int64_t k = -static_cast<int64_t>(kRecentWindows); k < 0; ++k)
        step(k, false);
}

VendorStore::RegionState& VendorStore::state(size_t vendor, int region)
{
    return states_[vendor * JourneyCatalog::kRegionCount + static_cast<size_t>(region)];
}

const VendorStore::RegionState& VendorStore::state(size_t vendor, int region) const
{
    return states_[vendor * JourneyCatalog::kRegionCount + static_cast<size_t>(region)];
}

VendorStore::Minute VendorStore::minuteOf(const RegionState& s)
{
    Minute m;
    int64_t errors = 0;
    for (const VendorWindow& w : s.minute) {
        m.calls += w.calls;
        errors += w.errors;
    }
    m.errorRate = m.calls > 0 ? static_cast<double>(errors) / static_cast<double>(m.calls) : 0;
    for (const VendorWindow& w : s.minute) {
        const double weight =
            m.calls > 0 ? static_cast<double>(w.calls) / static_cast<double>(m.calls) : 0;
        m.p50Ms += weight * w.p50Ms;
        m.p95Ms += weight * w.p95Ms;
        m.p99Ms += weight * w.p99Ms;
    }
    return m;
}

bool VendorStore::serving(size_t vendor, int region) const
{
    const std::string& id = VendorCatalog::vendors()[vendor].id;
    for (const v1::CategoryRouting& r : routing_) {
        if (r.region() == journeys().region(region).id && r.serving_vendor_id() == id)
            return true;
    }
    return false;
}

void VendorStore::catchUp()
{
    std::lock_guard lock(mutex_);
    advanceTo(clock_.nowMs());
}

void VendorStore::advanceTo(int64_t nowMs)
{
    const int64_t startMs = clock_.startMs();
    while (startMs + (nextWindow_ + 1) * kWindowMs <= nowMs)
        step(nextWindow_++, true);
}

void VendorStore::step(int64_t window, bool record)
{
    const int64_t startMs = clock_.startMs();
    const int64_t windowStart = startMs / 1000 + window * VendorMeter::kWindowSeconds;
    const int64_t endMs = startMs + (window + 1) * kWindowMs;
    const auto& vendors = VendorCatalog::vendors();
    for (size_t v = 0; v < vendors.size(); ++v) {
        for (int r = 0; r < JourneyCatalog::kRegionCount; ++r) {
            RegionState& s = state(v, r);
            const VendorWindow w = meter_.measure(v, r, windowStart, serving(v, r));
            s.minute.push_back(w);
            while (s.minute.size() > kMinuteWindows)
                s.minute.pop_front();
            const Minute m = minuteOf(s);
            const double windowRate =
                w.calls > 0 ? static_cast<double>(w.errors) / static_cast<double>(w.calls) : 0;
            s.breaker.observe(endMs, m.calls, m.errorRate, windowRate);
            const int published =
                meter_.published(v, r, static_cast<double>(endMs) / 1000.0 - 0.001);
            if (published != s.published) {
                s.published = published;
                s.publishedAtMs = endMs;
            }
            s.measuredAtMs = endMs;
            v1::VendorWindowPoint point;
            proto_time::setMs(point.mutable_at(), endMs);
            point.set_error_rate(m.errorRate);
            point.set_latency_p95_ms(m.p95Ms);
            point.set_calls(m.calls);
            point.set_breaker(s.breaker.state());
            point.set_published_status(static_cast<v1::PublishedStatus>(s.published));
            s.recent.push_back(std::move(point));
            while (s.recent.size() > kRecentWindows)
                s.recent.pop_front();
        }
        if (record) {
            v1::VendorEvent event;
            *event.mutable_vendor() = vendorProto(v);
            log_.append(std::move(event));
        }
    }
}

v1::Vendor VendorStore::vendorProto(size_t vendor, bool withHistory) const
{
    const VendorDefinition& def = VendorCatalog::vendors()[vendor];
    v1::Vendor out;
    out.set_id(def.id);
    out.set_display_name(def.displayName);
    out.set_category(def.category);
    for (const std::string& j : def.journeys)
        out.add_journeys(j);
    for (int r = 0; r < JourneyCatalog::kRegionCount; ++r) {
        const RegionState& s = state(vendor, r);
        const Minute m = minuteOf(s);
        v1::VendorRegionState* region = out.add_regions();
        region->set_region(journeys().region(r).id);
        region->set_published_status(static_cast<v1::PublishedStatus>(s.published));
        proto_time::setMs(region->mutable_published_at(), s.publishedAtMs);
        region->set_latency_p50_ms(m.p50Ms);
        region->set_latency_p95_ms(m.p95Ms);
        region->set_latency_p99_ms(m.p99Ms);
        proto_time::setMs(region->mutable_measured_at(), s.measuredAtMs);
        if (withHistory)
            for (const v1::VendorWindowPoint& p : s.recent)
                *region->add_recent() = p;
        region->set_error_rate(m.errorRate);
        region->set_calls(m.calls);
        region->set_breaker(s.breaker.state());
        proto_time::setMs(region->mutable_breaker_changed_at(), s.breaker.changedAtMs());
        region->set_serving(serving(vendor, r));
    }
    return out;
}

void VendorStore::list(v1::ListVendorsResponse* response)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    for (size_t v = 0; v < VendorCatalog::vendors().size(); ++v)
        *response->add_vendors() = vendorProto(v, true);
    for (const v1::CategoryRouting& r : routing_)
        *response->add_routing() = r;
    proto_time::setMs(response->mutable_platform_time(), nowMs);
    response->set_stream_epoch(epoch_);
    response->set_up_to_sequence(log_.newest());
}

v1::CategoryRouting* VendorStore::routing(v1::VendorCategory category, const std::string& region)
{
    for (v1::CategoryRouting& r : routing_) {
        if (r.category() == category && r.region() == region)
            return &r;
    }
    return nullptr;
}

grpc::Status VendorStore::checkRouting(v1::VendorCategory category, const std::string& region,
                                       int64_t expectedVersion, v1::CategoryRouting** out)
{
    v1::CategoryRouting* r = routing(category, region);
    if (!r) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT, "unknown category or region",
                                 "UNKNOWN_CATEGORY", "category");
    }
    if (r->secondary_vendor_id().empty()) {
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 "the platform has no secondary " +
                                     VendorCatalog::categoryName(category) + " provider for " +
                                     region + ": " + r->primary_vendor_id() +
                                     " cannot be failed over",
                                 "NO_SECONDARY", "category");
    }
    if (expectedVersion != r->resource_version()) {
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 "the " + VendorCatalog::categoryName(category) + " routing in " +
                                     region + " changed since you saw it (version " +
                                     std::to_string(expectedVersion) + ", now " +
                                     std::to_string(r->resource_version()) + "; serving " +
                                     r->serving_vendor_id() + "): look again before rerouting it",
                                 "STALE_VERSION", "expected_version",
                                 {{"current_version", std::to_string(r->resource_version())},
                                  {"current_serving_vendor_id", r->serving_vendor_id()}});
    }
    *out = r;
    return grpc::Status::OK;
}

grpc::Status VendorStore::failover(const Caller& caller, const v1::FailoverRequest& request,
                                   v1::FailoverResponse* response)
{
    std::lock_guard lock(mutex_);
    advanceTo(clock_.nowMs());
    const int target = VendorCatalog::index(request.target_vendor_id());
    if (target < 0) {
        return ErrorStatus::make(
            grpc::StatusCode::NOT_FOUND,
            "no vendor \"" + request.target_vendor_id() + "\"; known: " + VendorCatalog::idList(),
            "VENDOR_NOT_FOUND", "target_vendor_id");
    }
    const VendorDefinition& def = VendorCatalog::vendors()[static_cast<size_t>(target)];
    if (def.category != request.category()) {
        return ErrorStatus::make(
            grpc::StatusCode::INVALID_ARGUMENT,
            def.id + " is not a " + VendorCatalog::categoryName(request.category()) + " vendor",
            "VENDOR_NOT_IN_CATEGORY", "target_vendor_id");
    }
    v1::CategoryRouting* r = nullptr;
    grpc::Status status =
        checkRouting(request.category(), request.region(), request.expected_version(), &r);
    if (!status.ok())
        return status;
    if (r->serving_vendor_id() == def.id) {
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 def.id + " already serves " + request.region(), "ALREADY_SERVING",
                                 "target_vendor_id");
    }
    const int region = journeys().regionIndex(request.region());
    const RegionState& s = state(static_cast<size_t>(target), region);
    const Minute m = minuteOf(s);
    if (m.errorRate > CircuitBreaker::kOpenErrorRate) {
        return ErrorStatus::make(
            grpc::StatusCode::FAILED_PRECONDITION,
            def.id + " in " + request.region() + " is failing too: " + percent(m.errorRate) +
                " errors, breaker " + CircuitBreaker::name(s.breaker.state()),
            "TARGET_UNHEALTHY", "target_vendor_id", {{"error_rate", std::to_string(m.errorRate)}});
    }
    reroute(caller, request.context(), r, def.id, "vendor.failover", response->mutable_receipt());
    *response->mutable_routing() = *r;
    return grpc::Status::OK;
}

grpc::Status VendorStore::failback(const Caller& caller, const v1::FailbackRequest& request,
                                   v1::FailbackResponse* response)
{
    std::lock_guard lock(mutex_);
    advanceTo(clock_.nowMs());
    v1::CategoryRouting* r = nullptr;
    grpc::Status status =
        checkRouting(request.category(), request.region(), request.expected_version(), &r);
    if (!status.ok())
        return status;
    const std::string primary = r->primary_vendor_id();
    if (r->serving_vendor_id() == primary) {
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 primary + " already serves " + request.region(),
                                 "ALREADY_ON_PRIMARY", "category");
    }
    const RegionState& s = state(static_cast<size_t>(VendorCatalog::index(primary)),
                                 journeys().regionIndex(request.region()));
    const Minute m = minuteOf(s);
    if (m.errorRate > kFailbackMaxErrorRate || s.breaker.state() != v1::BREAKER_STATE_CLOSED) {
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 primary + " in " + request.region() +
                                     " is still failing: " + percent(m.errorRate) +
                                     " errors, breaker " + CircuitBreaker::name(s.breaker.state()),
                                 "PRIMARY_UNHEALTHY", "category",
                                 {{"error_rate", std::to_string(m.errorRate)},
                                  {"breaker", CircuitBreaker::name(s.breaker.state())}});
    }
    reroute(caller, request.context(), r, primary, "vendor.failback", response->mutable_receipt());
    *response->mutable_routing() = *r;
    return grpc::Status::OK;
}

std::string VendorStore::reroute(const Caller& caller, const v1::ActionContext& context,
                                 v1::CategoryRouting* routing, const std::string& target,
                                 const char* kind, v1::ActionReceipt* receipt)
{
    const int64_t nowMs = clock_.nowMs();
    const double atSeconds = static_cast<double>(nowMs - clock_.startMs()) / 1000.0;
    const std::string before = routing->serving_vendor_id();
    const std::string actionId = journal_.allocateId();
    routing->set_serving_vendor_id(target);
    routing->set_resource_version(routing->resource_version() + 1);
    proto_time::setMs(routing->mutable_changed_at(), nowMs);
    routing->set_changed_by(caller.actor);
    routing->set_change_reason(context.reason());
    for (size_t i = 0; i < failures_.size(); ++i) {
        if (failures_[i].region != routing->region())
            continue;
        if (failures_[i].vendor == before)
            effects_.vendorRouted(i, false, atSeconds);
        else if (failures_[i].vendor == target)
            effects_.vendorRouted(i, true, atSeconds);
    }

    v1::VendorEvent event;
    *event.mutable_routing() = *routing;
    log_.append(std::move(event));
    for (const std::string& id : {before, target}) {
        v1::VendorEvent changed;
        *changed.mutable_vendor() = vendorProto(static_cast<size_t>(VendorCatalog::index(id)));
        log_.append(std::move(changed));
    }

    v1::AppliedAction applied;
    applied.set_action_id(actionId);
    applied.set_kind(kind);
    applied.set_target(VendorCatalog::categorySlug(routing->category()) + "/" + routing->region() +
                       " -> " + target);
    applied.set_idempotency_key(context.idempotency_key());
    applied.set_actor(caller.actor);
    applied.set_reason(context.reason());
    journal_.record(applied);

    receipt->set_action_id(actionId);
    receipt->set_idempotency_key(context.idempotency_key());
    proto_time::setMs(receipt->mutable_applied_at(), nowMs);
    receipt->set_actor(caller.actor);
    receipt->set_role(RolePermissions::name(caller.role));
    receipt->set_replayed(false);
    return actionId;
}

uint64_t VendorStore::newestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.newest();
}

uint64_t VendorStore::oldestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.oldest();
}

void VendorStore::eventsAfter(uint64_t after, size_t max, std::vector<v1::VendorEvent>* out) const
{
    std::lock_guard lock(mutex_);
    log_.after(after, max, out);
}

}  // namespace wfsim
