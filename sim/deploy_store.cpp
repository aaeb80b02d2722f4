#include "deploy_store.h"

#include "deploy_query.h"
#include "error_status.h"
#include "journey_catalog.h"
#include "proto_time.h"
#include "role_permissions.h"
#include "service_catalog.h"

#include <QDateTime>
#include <cmath>
#include <cstdio>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr double kShares[] = {0.05, 0.25, 0.5, 1.0};

std::string dateText(int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC)
        .toString(QStringLiteral("yyyy.MM.dd"))
        .toStdString();
}

const JourneyCatalog& catalog()
{
    static const JourneyCatalog kCatalog;
    return kCatalog;
}

}  // namespace

DeployStore::DeployStore(const DeploySchedule& plan, const Scenario& scenario,
                         const PlatformClock& clock, const std::string& epoch,
                         EffectTimeline& effects, ActionJournal& journal,
                         const std::vector<HistoryRollback>& rollbacks)
    : schedule_(plan),
      scenarioDeploys_(scenario.deploys),
      clock_(clock),
      epoch_(epoch),
      effects_(effects),
      journal_(journal),
      startMs_(clock.startMs())
{
    const int pairs = DeploySchedule::pairCount();
    const std::string before = dateText(schedule_.historyStart() - 86400) + "-1";
    running_.assign(static_cast<size_t>(pairs), before);
    daily_.assign(static_cast<size_t>(pairs), {0, 0});
    planned_.assign(static_cast<size_t>(pairs), 0);
    byPlan_.resize(static_cast<size_t>(pairs));
    for (const HistoryRollback& r : rollbacks) {
        if (r.atMs + kRollbackMs < startMs_)
            historyRollbacks_[{r.pair, r.n}] = r.atMs;
    }
    for (int pair = 0; pair < pairs; ++pair) {
        nextPlan_.push_back(schedule_.plan(pair, 0, 0));
        schedule(nextPlan_.back().startSeconds * 1000, Step::StartScheduled,
                 static_cast<size_t>(pair));
    }
    for (size_t i = 0; i < scenarioDeploys_.size(); ++i) {
        schedule(startMs_ + std::llround(scenarioDeploys_[i].atSeconds * 1000), Step::StartScenario,
                 i);
    }
    std::lock_guard lock(mutex_);
    advanceTo(startMs_ - 1);  // the history: not logged
}

void DeployStore::catchUp()
{
    std::lock_guard lock(mutex_);
    advanceTo(clock_.nowMs());
}

size_t DeployStore::size() const
{
    std::lock_guard lock(mutex_);
    return deploys_.size();
}

std::optional<v1::Deploy> DeployStore::scheduled(int pair, int64_t n) const
{
    std::lock_guard lock(mutex_);
    if (pair < 0 || static_cast<size_t>(pair) >= byPlan_.size() || n < 0)
        return std::nullopt;
    const std::vector<size_t>& indices = byPlan_[static_cast<size_t>(pair)];
    if (static_cast<size_t>(n) >= indices.size())
        return std::nullopt;
    return deploys_[indices[static_cast<size_t>(n)]];
}

void DeployStore::advanceTo(int64_t limitMs)
{
    while (!pending_.empty() && pending_.top().atMs <= limitMs) {
        const Pending p = pending_.top();
        pending_.pop();
        apply(p);
    }
}

void DeployStore::schedule(int64_t atMs, Step step, size_t target, double share)
{
    pending_.push({atMs, order_++, step, target, share});
}

void DeployStore::apply(const Pending& p)
{
    if (p.step == Step::StartScheduled) {
        const size_t pair = p.target;
        const PlannedDeploy plan = nextPlan_[pair];
        const size_t index =
            start(static_cast<int>(pair), nextVersion(static_cast<int>(pair), plan.startSeconds),
                  plan.author, plan.description, p.atMs, plan.fails);
        byPlan_[pair].push_back(index);
        const auto rollback = historyRollbacks_.find({static_cast<int>(pair), planned_[pair]});
        if (rollback != historyRollbacks_.end() && rollback->second > p.atMs)
            schedule(rollback->second, Step::RollbackStart, index);
        nextPlan_[pair] =
            schedule_.plan(static_cast<int>(pair), ++planned_[pair], plan.startSeconds);
        schedule(nextPlan_[pair].startSeconds * 1000, Step::StartScheduled, pair);
        return;
    }
    if (p.step == Step::StartScenario) {
        const ScenarioDeploy& d = scenarioDeploys_[p.target];
        const int pair = ServiceCatalog::index(d.service) * JourneyCatalog::kRegionCount +
                         catalog().regionIndex(d.region);
        const size_t index = start(pair, d.version, d.author, d.description, p.atMs, false);
        scenarioOf_[index] = static_cast<int>(p.target);
        return;
    }
    v1::Deploy& deploy = deploys_[p.target];
    const size_t pair = static_cast<size_t>(pairOf_[p.target]);
    if (p.step == Step::RollbackStart) {
        // A rollback of the history: no action of this run, so no journal entry.
        if (deploy.status() != v1::DEPLOY_STATUS_IN_PROGRESS &&
            deploy.status() != v1::DEPLOY_STATUS_SUCCEEDED)
            return;
        deploy.set_status(v1::DEPLOY_STATUS_ROLLING_BACK);
        deploy.set_rolled_back_by_action("act-history-" + deploy.id().substr(4));
        proto_time::setMs(deploy.mutable_rollback_started_at(), p.atMs);
        changed(p.target, p.atMs);
        schedule(p.atMs + kRollbackMs, Step::RollbackDone, p.target);
        return;
    }
    if (p.step == Step::RollbackDone) {
        deploy.set_status(v1::DEPLOY_STATUS_ROLLED_BACK);
        deploy.set_canary_share(0);
        proto_time::setMs(deploy.mutable_finished_at(), p.atMs);
        if (running_[pair] == deploy.version())
            running_[pair] = deploy.previous_version();
        changed(p.target, p.atMs);
        return;
    }
    if (deploy.status() != v1::DEPLOY_STATUS_IN_PROGRESS)
        return;  // rolled back meanwhile
    switch (p.step) {
        case Step::Canary: deploy.set_canary_share(p.share); break;
        case Step::Finish:
            deploy.set_status(v1::DEPLOY_STATUS_SUCCEEDED);
            proto_time::setMs(deploy.mutable_finished_at(), p.atMs);
            running_[pair] = deploy.version();
            break;
        case Step::Fail:
            deploy.set_status(v1::DEPLOY_STATUS_FAILED);
            deploy.set_canary_share(0);
            proto_time::setMs(deploy.mutable_finished_at(), p.atMs);
            break;
        default: return;
    }
    changed(p.target, p.atMs);
}

size_t DeployStore::start(int pair, const std::string& version, const std::string& author,
                          const std::string& description, int64_t atMs, bool fails)
{
    const ServiceDefinition& service =
        ServiceCatalog::services()[static_cast<size_t>(DeploySchedule::serviceOfPair(pair))];
    const size_t index = deploys_.size();
    char id[32];
    std::snprintf(id, sizeof id, "dep-%06zu", index + 1);
    v1::Deploy deploy;
    deploy.set_id(id);
    deploy.set_service(service.id);
    deploy.set_version(version);
    deploy.set_previous_version(running_[static_cast<size_t>(pair)]);
    deploy.set_author(author);
    deploy.set_region(catalog().region(DeploySchedule::regionOfPair(pair)).id);
    deploy.set_environment("production");
    proto_time::setMs(deploy.mutable_started_at(), atMs);
    deploy.set_canary_share(kShares[0]);
    deploy.set_status(v1::DEPLOY_STATUS_IN_PROGRESS);
    for (const std::string& journey : service.journeys)
        deploy.add_journeys(journey);
    deploy.set_description(description);
    deploys_.push_back(deploy);
    scenarioOf_.push_back(-1);
    pairOf_.push_back(pair);
    changed(index, atMs);
    schedule(atMs + kStepMs, Step::Canary, index, kShares[1]);
    if (fails) {
        schedule(atMs + 2 * kStepMs, Step::Fail, index);
    } else {
        schedule(atMs + 2 * kStepMs, Step::Canary, index, kShares[2]);
        schedule(atMs + 3 * kStepMs, Step::Canary, index, kShares[3]);
        schedule(atMs + 4 * kStepMs, Step::Finish, index);
    }
    return index;
}

void DeployStore::changed(size_t index, int64_t atMs)
{
    v1::Deploy& deploy = deploys_[index];
    deploy.set_resource_version(deploy.resource_version() + 1);
    if (atMs < startMs_)
        return;
    v1::DeployEvent event;
    *event.mutable_deploy() = deploy;
    log_.append(std::move(event));
}

std::string DeployStore::nextVersion(int pair, int64_t atSeconds)
{
    const int64_t day = atSeconds >= 0 ? atSeconds / 86400 : (atSeconds - 86399) / 86400;
    auto& [lastDay, count] = daily_[static_cast<size_t>(pair)];
    count = lastDay == day ? count + 1 : 1;
    lastDay = day;
    return dateText(atSeconds) + "-" + std::to_string(count);
}

int DeployStore::findIndex(const std::string& id) const
{
    if (id.size() < 5 || id.compare(0, 4, "dep-") != 0)
        return -1;
    const std::string digits = id.substr(4);
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
        return -1;
    const long n = std::stol(digits);
    if (n < 1 || static_cast<size_t>(n) > deploys_.size() ||
        deploys_[static_cast<size_t>(n - 1)].id() != id) {
        return -1;
    }
    return static_cast<int>(n - 1);
}

grpc::Status DeployStore::list(const v1::ListDeploysRequest& request,
                               v1::ListDeploysResponse* response)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    grpc::Status status = DeployQuery::run(deploys_, request, response);
    // Everything up to this change is in the list: resume the stream from here.
    response->set_stream_epoch(epoch_);
    response->set_up_to_sequence(log_.newest());
    proto_time::setMs(response->mutable_platform_time(), nowMs);
    return status;
}

grpc::Status DeployStore::rollback(const Caller& caller, const v1::RollbackDeployRequest& request,
                                   v1::RollbackDeployResponse* response)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    const int found = findIndex(request.deploy_id());
    if (found < 0) {
        return ErrorStatus::make(grpc::StatusCode::NOT_FOUND,
                                 "no deploy \"" + request.deploy_id() + "\"", "DEPLOY_NOT_FOUND",
                                 "deploy_id");
    }
    const size_t index = static_cast<size_t>(found);
    v1::Deploy& deploy = deploys_[index];
    if (request.expected_version() != deploy.resource_version()) {
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 "deploy " + deploy.id() + " changed since you saw it (version " +
                                     std::to_string(request.expected_version()) + ", now " +
                                     std::to_string(deploy.resource_version()) + ", status " +
                                     v1::DeployStatus_Name(deploy.status()) +
                                     "): look again before rolling back",
                                 "STALE_VERSION", "expected_version",
                                 {{"current_version", std::to_string(deploy.resource_version())},
                                  {"current_status", v1::DeployStatus_Name(deploy.status())}});
    }
    if (deploy.status() == v1::DEPLOY_STATUS_ROLLING_BACK ||
        deploy.status() == v1::DEPLOY_STATUS_ROLLED_BACK) {
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 "deploy " + deploy.id() + " is already rolled back (action " +
                                     deploy.rolled_back_by_action() + ")",
                                 "ALREADY_ROLLED_BACK", "deploy_id",
                                 {{"rolled_back_by_action", deploy.rolled_back_by_action()}});
    }
    const std::string actionId = journal_.allocateId();
    deploy.set_status(v1::DEPLOY_STATUS_ROLLING_BACK);
    deploy.set_rolled_back_by_action(actionId);
    proto_time::setMs(deploy.mutable_rollback_started_at(), nowMs);
    changed(index, nowMs);
    schedule(nowMs + kRollbackMs, Step::RollbackDone, index);
    if (scenarioOf_[index] >= 0) {
        effects_.deployRolledBack(static_cast<size_t>(scenarioOf_[index]),
                                  static_cast<double>(nowMs - startMs_) / 1000.0);
    }

    v1::AppliedAction applied;
    applied.set_action_id(actionId);
    applied.set_kind("deploy.rollback");
    applied.set_target(deploy.id());
    applied.set_idempotency_key(request.context().idempotency_key());
    applied.set_actor(caller.actor);
    applied.set_reason(request.context().reason());
    journal_.record(applied);

    *response->mutable_deploy() = deploy;
    v1::ActionReceipt* receipt = response->mutable_receipt();
    receipt->set_action_id(actionId);
    receipt->set_idempotency_key(request.context().idempotency_key());
    proto_time::setMs(receipt->mutable_applied_at(), nowMs);
    receipt->set_actor(caller.actor);
    receipt->set_role(RolePermissions::name(caller.role));
    receipt->set_replayed(false);
    return grpc::Status::OK;
}

uint64_t DeployStore::newestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.newest();
}

uint64_t DeployStore::oldestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.oldest();
}

void DeployStore::eventsAfter(uint64_t after, size_t max, std::vector<v1::DeployEvent>* out) const
{
    std::lock_guard lock(mutex_);
    log_.after(after, max, out);
}

}  // namespace wfsim
