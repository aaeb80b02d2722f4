#include "flag_store.h"

#include "error_status.h"
#include "flag_query.h"
#include "journey_catalog.h"
#include "proto_time.h"
#include "role_permissions.h"
#include "sample_random.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr uint64_t kFlagStream = 0xF1A6;
const char* const kChangers[] = {"dana@sim",  "li.wei@sim", "sam@sim",   "priya@sim",
                                 "mateo@sim", "noor@sim",   "jonas@sim", "aiko@sim"};

const JourneyCatalog& catalog()
{
    static const JourneyCatalog kCatalog;
    return kCatalog;
}

uint64_t keyHash(const std::string& key)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : key) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

// Probability that a flag of this kind is on in production (staging: more).
double onChance(v1::FlagKind kind, bool production)
{
    switch (kind) {
        case v1::FLAG_KIND_KILL_SWITCH: return 0.9;
        case v1::FLAG_KIND_RELEASE: return production ? 0.6 : 0.9;
        case v1::FLAG_KIND_EXPERIMENT: return production ? 0.4 : 0.7;
        default: return 0.3;
    }
}

}  // namespace

FlagStore::FlagStore(const FlagCatalog& flagCatalog, uint64_t seed, const Scenario& scenario,
                     const PlatformClock& clock, const std::string& epoch, EffectTimeline& effects,
                     ActionJournal& journal, const std::vector<HistoryFlagChange>& history)
    : clock_(clock),
      epoch_(epoch),
      effects_(effects),
      journal_(journal),
      scripted_(scenario.flagChanges)
{
    std::stable_sort(scripted_.begin(), scripted_.end(),
                     [](const ScenarioFlagChange& a, const ScenarioFlagChange& b) {
                         return a.atSeconds < b.atSeconds;
                     });
    const int64_t startMs = clock.startMs();
    for (const FlagDefinition& def : flagCatalog.flags()) {
        const SampleRandom random(seed, kFlagStream, static_cast<int64_t>(keyHash(def.key)), 0);
        v1::Flag flag;
        flag.set_key(def.key);
        flag.set_description(def.description);
        flag.set_kind(def.kind);
        flag.set_owner(def.owner);
        for (const std::string& journey : def.journeys)
            flag.add_journeys(journey);
        uint64_t k = 0;
        for (const std::string_view environment : FlagCatalog::kEnvironments) {
            for (int r = 0; r < JourneyCatalog::kRegionCount; ++r) {
                v1::FlagState* state = flag.add_states();
                state->set_environment(std::string(environment));
                state->set_region(catalog().region(r).id);
                state->set_enabled(random.uniform(++k) <
                                   onChance(def.kind, environment == "production"));
                const double ageSeconds = random.uniform(++k, 3600, 30 * 86400);
                proto_time::setMs(state->mutable_changed_at(),
                                  startMs - std::llround(ageSeconds) * 1000);
                state->set_changed_by(kChangers[random.bits(++k) % std::size(kChangers)]);
            }
        }
        flag.set_resource_version(1 + static_cast<int64_t>(random.bits(++k) % 12));
        index_[def.key] = flags_.size();
        flags_.push_back(std::move(flag));
        audit_.emplace_back();
    }
    applyHistory(history);
    // A flag the scenario switches starts in the other state.
    for (auto it = scripted_.rbegin(); it != scripted_.rend(); ++it) {
        const int f = find(it->key);
        if (f >= 0) {
            flags_[static_cast<size_t>(f)]
                .mutable_states(stateIndex(it->environment, it->region))
                ->set_enabled(!it->enabled);
        }
    }
}

int FlagStore::find(const std::string& key) const
{
    const auto it = index_.find(key);
    return it == index_.end() ? -1 : static_cast<int>(it->second);
}

int FlagStore::stateIndex(const std::string& environment, const std::string& region)
{
    const int e = environment == FlagCatalog::kEnvironments[0] ? 0 : 1;
    return e * JourneyCatalog::kRegionCount + catalog().regionIndex(region);
}

void FlagStore::catchUp()
{
    std::lock_guard lock(mutex_);
    advanceTo(clock_.nowMs());
}

void FlagStore::advanceTo(int64_t nowMs)
{
    const int64_t startMs = clock_.startMs();
    while (nextScripted_ < scripted_.size()) {
        const ScenarioFlagChange& s = scripted_[nextScripted_];
        const int64_t atMs = startMs + std::llround(s.atSeconds * 1000);
        if (atMs > nowMs)
            break;
        ++nextScripted_;
        const int f = find(s.key);
        if (f < 0)
            continue;
        apply({static_cast<size_t>(f), stateIndex(s.environment, s.region), s.enabled, atMs,
               kReleaseBot, "release-bot", s.note.empty() ? "scheduled rollout (scenario)" : s.note,
               "scenario-change-" + std::to_string(nextScripted_)});
    }
}

void FlagStore::applyHistory(const std::vector<HistoryFlagChange>& history)
{
    // Each change switches its state: start each state switched as often as
    // it changes, so that it ends in the state drawn above.
    // A state the scenario switches keeps no past: it starts the other way.
    // States the history never touches were last changed before it begins:
    // ListFlagChanges and the audit trails hold every change inside it.
    if (!history.empty()) {
        int64_t first = history.front().atMs;
        for (const HistoryFlagChange& h : history)
            first = std::min(first, h.atMs);
        for (v1::Flag& flag : flags_)
            for (v1::FlagState& st : *flag.mutable_states()) {
                const int64_t at = proto_time::toMs(st.changed_at());
                if (at >= first)
                    proto_time::setMs(st.mutable_changed_at(), first - (clock_.startMs() - at));
            }
    }
    std::set<std::pair<int, int>> scripted;
    for (const ScenarioFlagChange& c : scripted_)
        scripted.insert({find(c.key), stateIndex(c.environment, c.region)});
    std::vector<std::pair<size_t, int>> targets;
    for (const HistoryFlagChange& h : history) {
        int f = find(h.key);
        const int state = h.environment * JourneyCatalog::kRegionCount + h.region;
        if (scripted.contains({f, state}))
            f = -1;
        targets.push_back({static_cast<size_t>(std::max(f, 0)), f < 0 ? -1 : state});
        if (f >= 0) {
            v1::FlagState* s = flags_[static_cast<size_t>(f)].mutable_states(state);
            s->set_enabled(!s->enabled());
        }
    }
    for (size_t n = 0; n < history.size(); ++n) {
        const auto [f, state] = targets[n];
        if (state < 0)
            continue;
        const HistoryFlagChange& h = history[n];
        v1::Flag& flag = flags_[f];
        v1::FlagState* s = flag.mutable_states(state);
        const bool enabled = !s->enabled();
        s->set_enabled(enabled);
        proto_time::setMs(s->mutable_changed_at(), h.atMs);
        s->set_changed_by(h.actor);
        flag.set_resource_version(flag.resource_version() + 1);
        v1::FlagAuditEntry entry;
        proto_time::setMs(entry.mutable_at(), h.atMs);
        entry.set_actor(h.actor);
        entry.set_role("operator");
        entry.set_environment(s->environment());
        entry.set_region(s->region());
        entry.set_enabled(enabled);
        entry.set_reason(flagHistoryReason(flag.kind(), enabled, h.words));
        entry.set_idempotency_key("history-flag-change-" + std::to_string(n + 1));
        entry.set_resource_version(flag.resource_version());
        entry.set_action_id("act-history-flag-" + std::to_string(n + 1));
        entry.set_flag_key(flag.key());
        audit_[f].push_back(entry);
        recordChange(entry);
    }
}

void FlagStore::recordChange(const v1::FlagAuditEntry& entry)
{
    const int64_t at = proto_time::toMs(entry.at());
    const auto it = std::upper_bound(
        changes_.begin(), changes_.end(), at,
        [](int64_t t, const v1::FlagAuditEntry& e) { return t < proto_time::toMs(e.at()); });
    changes_.insert(it, entry);
}

std::string FlagStore::apply(const Change& c)
{
    const std::string actionId = journal_.allocateId();
    v1::Flag& flag = flags_[c.flag];
    v1::FlagState* state = flag.mutable_states(c.state);
    state->set_enabled(c.enabled);
    proto_time::setMs(state->mutable_changed_at(), c.atMs);
    state->set_changed_by(c.actor);
    flag.set_resource_version(flag.resource_version() + 1);

    v1::FlagAuditEntry entry;
    proto_time::setMs(entry.mutable_at(), c.atMs);
    entry.set_actor(c.actor);
    entry.set_role(c.role);
    entry.set_environment(state->environment());
    entry.set_region(state->region());
    entry.set_enabled(c.enabled);
    entry.set_reason(c.reason);
    entry.set_idempotency_key(c.idempotencyKey);
    entry.set_resource_version(flag.resource_version());
    entry.set_action_id(actionId);
    entry.set_flag_key(flag.key());
    audit_[c.flag].push_back(entry);
    recordChange(entry);

    v1::FlagChange change;
    *change.mutable_flag() = flag;
    change.set_environment(state->environment());
    change.set_region(state->region());
    change.set_enabled(c.enabled);
    change.set_actor(c.actor);
    change.set_reason(c.reason);
    proto_time::setMs(change.mutable_changed_at(), c.atMs);
    log_.append(std::move(change));

    v1::AppliedAction applied;
    applied.set_action_id(actionId);
    applied.set_kind("flag.set");
    applied.set_target(flag.key() + "/" + state->environment() + "/" + state->region());
    applied.set_idempotency_key(c.idempotencyKey);
    applied.set_actor(c.actor);
    applied.set_reason(c.reason);
    journal_.record(applied);
    return actionId;
}

grpc::Status FlagStore::list(const v1::ListFlagsRequest& request, v1::ListFlagsResponse* response)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    grpc::Status status = FlagQuery::run(flags_, request, response);
    // Everything up to this change is in the list: resume the stream from here.
    response->set_stream_epoch(epoch_);
    response->set_up_to_sequence(log_.newest());
    proto_time::setMs(response->mutable_platform_time(), nowMs);
    return status;
}

grpc::Status FlagStore::kindOf(const std::string& key, v1::FlagKind* kind) const
{
    std::lock_guard lock(mutex_);
    const int f = find(key);
    if (f < 0) {
        return ErrorStatus::make(grpc::StatusCode::NOT_FOUND, "no flag \"" + key + "\"",
                                 "FLAG_NOT_FOUND", "flag_key");
    }
    *kind = flags_[static_cast<size_t>(f)].kind();
    return grpc::Status::OK;
}

grpc::Status FlagStore::set(const Caller& caller, const v1::SetFlagStateRequest& request,
                            v1::SetFlagStateResponse* response)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    const int f = find(request.flag_key());
    if (f < 0) {
        return ErrorStatus::make(grpc::StatusCode::NOT_FOUND,
                                 "no flag \"" + request.flag_key() + "\"", "FLAG_NOT_FOUND",
                                 "flag_key");
    }
    const size_t index = static_cast<size_t>(f);
    const int state = stateIndex(request.environment(), request.region());
    const v1::Flag& flag = flags_[index];
    if (request.expected_version() != flag.resource_version()) {
        const bool enabled = flag.states(state).enabled();
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 "flag " + flag.key() + " changed since you saw it (version " +
                                     std::to_string(request.expected_version()) + ", now " +
                                     std::to_string(flag.resource_version()) + "; in " +
                                     request.environment() + "/" + request.region() + " it is " +
                                     (enabled ? "on" : "off") + "): look again before switching it",
                                 "STALE_VERSION", "expected_version",
                                 {{"current_version", std::to_string(flag.resource_version())},
                                  {"current_enabled", enabled ? "true" : "false"}});
    }
    const std::string role = RolePermissions::name(caller.role);
    const std::string actionId =
        apply({index, state, request.enabled(), nowMs, caller.actor, role,
               request.context().reason(), request.context().idempotency_key()});
    effects_.flagSwitched(request.flag_key(), request.environment(), request.region(),
                          request.enabled(),
                          static_cast<double>(nowMs - clock_.startMs()) / 1000.0);

    *response->mutable_flag() = flags_[index];
    v1::ActionReceipt* receipt = response->mutable_receipt();
    receipt->set_action_id(actionId);
    receipt->set_idempotency_key(request.context().idempotency_key());
    proto_time::setMs(receipt->mutable_applied_at(), nowMs);
    receipt->set_actor(caller.actor);
    receipt->set_role(role);
    receipt->set_replayed(false);
    return grpc::Status::OK;
}

grpc::Status FlagStore::auditTrail(const v1::GetFlagAuditTrailRequest& request,
                                   v1::GetFlagAuditTrailResponse* response) const
{
    std::lock_guard lock(mutex_);
    const int f = find(request.flag_key());
    if (f < 0) {
        return ErrorStatus::make(grpc::StatusCode::NOT_FOUND,
                                 "no flag \"" + request.flag_key() + "\"", "FLAG_NOT_FOUND",
                                 "flag_key");
    }
    return FlagQuery::auditPage(audit_[static_cast<size_t>(f)], request, response);
}

grpc::Status FlagStore::listChanges(const v1::ListFlagChangesRequest& request,
                                    v1::ListFlagChangesResponse* response)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    proto_time::setMs(response->mutable_platform_time(), nowMs);
    return FlagQuery::changesPage(changes_, request, response);
}

uint64_t FlagStore::newestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.newest();
}

uint64_t FlagStore::oldestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.oldest();
}

void FlagStore::eventsAfter(uint64_t after, size_t max, std::vector<v1::FlagChange>* out) const
{
    std::lock_guard lock(mutex_);
    log_.after(after, max, out);
}

}  // namespace wfsim
