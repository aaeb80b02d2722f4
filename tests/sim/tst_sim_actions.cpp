// Incident actions on the simulator, in process through real stubs: roles
// from bearer tokens, deploys and their rollback, flags and kill switches,
// idempotency with lost responses, and what the health samples make of it.

#include "action_fixture.h"

#include <QTest>
#include <QUuid>
#include <algorithm>
#include <set>

using namespace wfsim;
using namespace wfsim::test;

namespace {

bool waitUntil(const std::function<bool()>& condition, int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

v1::ErrorDetail detailOf(const grpc::Status& status)
{
    v1::ErrorDetail detail;
    if (!detail.ParseFromString(status.error_details()))
        qWarning("error_details do not parse");
    return detail;
}

std::string newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

void setContext(v1::ActionContext* context, const std::string& key, const std::string& reason)
{
    context->set_idempotency_key(key);
    context->set_reason(reason);
}

int64_t simNow(const ActionFixture& sim)
{
    return sim.platform->clock().nowMs() / 1000;
}

v1::Flag flagOf(ActionFixture& sim, const std::string& key)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, {});
    v1::ListFlagsRequest request;
    request.set_text(key);
    v1::ListFlagsResponse response;
    const grpc::Status status = sim.flags->ListFlags(&context, request, &response);
    if (!status.ok())
        qWarning("ListFlags: %s", status.error_message().c_str());
    for (const v1::Flag& flag : response.flags()) {
        if (flag.key() == key)
            return flag;
    }
    return {};
}

v1::SetFlagStateRequest setFlag(const v1::Flag& flag, const std::string& region, bool enabled,
                                const std::string& key, const std::string& reason = "test")
{
    v1::SetFlagStateRequest request;
    setContext(request.mutable_context(), key, reason);
    request.set_flag_key(flag.key());
    request.set_environment("production");
    request.set_region(region);
    request.set_enabled(enabled);
    request.set_expected_version(flag.resource_version());
    return request;
}

grpc::Status callSetFlag(ActionFixture& sim, v1::Role role, const v1::SetFlagStateRequest& request,
                         v1::SetFlagStateResponse* response)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, role == v1::ROLE_UNSPECIFIED ? "" : sim.token(role));
    return sim.flags->SetFlagState(&context, request, response);
}

grpc::Status callRollback(ActionFixture& sim, v1::Role role,
                          const v1::RollbackDeployRequest& request,
                          v1::RollbackDeployResponse* response)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, role == v1::ROLE_UNSPECIFIED ? "" : sim.token(role));
    return sim.deploys->RollbackDeploy(&context, request, response);
}

v1::Deploy newestDeploy(ActionFixture& sim, const std::string& service = {},
                        const std::string& region = {})
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, {});
    v1::ListDeploysRequest request;
    request.mutable_page()->set_page_size(1);
    if (!service.empty())
        request.add_services(service);
    if (!region.empty())
        request.add_regions(region);
    v1::ListDeploysResponse response;
    const grpc::Status status = sim.deploys->ListDeploys(&context, request, &response);
    if (!status.ok() || response.deploys_size() == 0)
        qWarning("ListDeploys: %s", status.error_message().c_str());
    return response.deploys_size() > 0 ? response.deploys(0) : v1::Deploy();
}

v1::RollbackDeployRequest rollbackOf(const v1::Deploy& deploy, const std::string& key,
                                     const std::string& reason = "test")
{
    v1::RollbackDeployRequest request;
    setContext(request.mutable_context(), key, reason);
    request.set_deploy_id(deploy.id());
    request.set_expected_version(deploy.resource_version());
    return request;
}

std::vector<v1::AppliedAction> appliedActions(ActionFixture& sim)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, {});
    v1::ListAppliedActionsResponse response;
    if (!sim.control->ListAppliedActions(&context, {}, &response).ok())
        qWarning("ListAppliedActions failed");
    return {response.actions().begin(), response.actions().end()};
}

void dropNextResponses(ActionFixture& sim, int count)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, {});
    v1::SetFaultsRequest request;
    request.set_drop_next_action_responses(count);
    v1::SetFaultsResponse response;
    if (!sim.control->SetFaults(&context, request, &response).ok())
        qWarning("SetFaults failed");
}

StreamWatcher<v1::HealthEvent>::Open paymentAuthEuWest(ActionFixture& sim)
{
    return [&sim](grpc::ClientContext* context) {
        v1::StreamHealthRequest request;
        request.add_journey_ids("payment-authorization");
        request.add_regions("eu-west");
        return sim.health->StreamHealth(context, request);
    };
}

}  // namespace

class TestSimActions : public QObject {
    Q_OBJECT

private slots:
    void whoAmIFollowsTheToken()
    {
        ActionFixture sim(settingsFor("quiet-day", 1));
        struct Expected {
            v1::Role role;
            const char* actor;
            std::vector<std::string> permissions;
        };
        const std::vector<Expected> expected = {
            {v1::ROLE_VIEWER, "viewer@sim", {}},
            {v1::ROLE_OPERATOR,
             "operator@sim",
             {"deploys.rollback", "flags.set", "incidents.write", "recon.resolve"}},
            {v1::ROLE_INCIDENT_COMMANDER,
             "ic@sim",
             {"deploys.rollback", "flags.set", "flags.set.kill_switch", "incidents.write",
              "vendors.failover"}},
            {v1::ROLE_PAYMENTS_APPROVER, "approver@sim", {"recon.approve", "recon.resolve"}},
        };
        std::set<std::string> tokens;
        for (const Expected& e : expected) {
            const std::string& token = sim.token(e.role);
            QVERIFY(QString::fromStdString(token).contains(
                QRegularExpression("^wf-(viewer|operator|ic|approver)-[0-9a-f]{16}$")));
            tokens.insert(token);
            grpc::ClientContext context;
            ActionFixture::prepare(context, token);
            v1::WhoAmIResponse response;
            const grpc::Status status = sim.session->WhoAmI(&context, {}, &response);
            QVERIFY2(status.ok(), status.error_message().c_str());
            QCOMPARE(response.actor(), std::string(e.actor));
            QCOMPARE(response.role(), e.role);
            QCOMPARE(std::vector<std::string>(response.permissions().begin(),
                                              response.permissions().end()),
                     e.permissions);
            QVERIFY(response.platform_time().seconds() >= kStart);
        }
        QCOMPARE(tokens.size(), size_t(4));
        // Same seed, same tokens; another seed, other tokens.
        QCOMPARE(AccessControl(7, false).token(v1::ROLE_OPERATOR), sim.token(v1::ROLE_OPERATOR));
        QVERIFY(AccessControl(8, false).token(v1::ROLE_OPERATOR) != sim.token(v1::ROLE_OPERATOR));

        {  // no token: an anonymous viewer
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::WhoAmIResponse response;
            QVERIFY(sim.session->WhoAmI(&context, {}, &response).ok());
            QCOMPARE(response.actor(), std::string("anonymous"));
            QCOMPARE(response.role(), v1::ROLE_VIEWER);
            QCOMPARE(response.permissions_size(), 0);
        }
        {  // an unknown token: refused, on every service, without repeating it
            for (int call = 0; call < 2; ++call) {
                grpc::ClientContext context;
                ActionFixture::prepare(context, "wf-operator-0000000000000000");
                grpc::Status status;
                if (call == 0) {
                    v1::WhoAmIResponse response;
                    status = sim.session->WhoAmI(&context, {}, &response);
                } else {
                    v1::ListJourneysResponse response;
                    status = sim.health->ListJourneys(&context, {}, &response);
                }
                QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
                QCOMPARE(detailOf(status).reason(), std::string("TOKEN_INVALID"));
                QVERIFY(status.error_message().find("0000000000000000") == std::string::npos);
            }
        }
    }

    void requireTokenRefusesAnonymousCallers()
    {
        PlatformSettings settings = settingsFor("quiet-day", 1);
        settings.requireToken = true;
        ActionFixture sim(settings);
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListJourneysResponse journeys;
        const grpc::Status status = sim.health->ListJourneys(&context, {}, &journeys);
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
        QCOMPARE(detailOf(status).reason(), std::string("TOKEN_MISSING"));
        grpc::ClientContext withToken;
        ActionFixture::prepare(withToken, sim.token(v1::ROLE_VIEWER));
        QVERIFY(sim.health->ListJourneys(&withToken, {}, &journeys).ok());
    }

    void rolesDecideWhatMayChange()
    {
        ActionFixture sim(settingsFor("quiet-day", 1));
        const v1::Deploy deploy = newestDeploy(sim);
        QVERIFY(!deploy.id().empty());
        {  // a viewer may not roll back
            v1::RollbackDeployResponse response;
            const grpc::Status status =
                callRollback(sim, v1::ROLE_VIEWER, rollbackOf(deploy, newKey()), &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
            QCOMPARE(detailOf(status).reason(), std::string("ROLE_FORBIDDEN"));
            QCOMPARE(status.error_message(),
                     std::string("role viewer may not roll back deploys (needs deploys.rollback)"));
        }
        {  // nor may an anonymous caller
            v1::RollbackDeployResponse response;
            const grpc::Status status =
                callRollback(sim, v1::ROLE_UNSPECIFIED, rollbackOf(deploy, newKey()), &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        }
        const v1::Flag killSwitch = flagOf(sim, "payments.3ds-v2-flow");
        QCOMPARE(killSwitch.kind(), v1::FLAG_KIND_KILL_SWITCH);
        QCOMPARE(
            std::vector<std::string>(killSwitch.journeys().begin(), killSwitch.journeys().end()),
            std::vector<std::string>{"payment-authorization"});
        QCOMPARE(killSwitch.states_size(), 6);
        {  // an operator may not switch a kill switch
            v1::SetFlagStateResponse response;
            const grpc::Status status = callSetFlag(
                sim, v1::ROLE_OPERATOR, setFlag(killSwitch, "eu-west", false, newKey()), &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
            QCOMPARE(detailOf(status).reason(), std::string("ROLE_FORBIDDEN"));
            QCOMPARE(status.error_message(),
                     std::string("role operator may not switch kill switches (needs "
                                 "flags.set.kill_switch)"));
        }
        {  // nor may a payments approver set any flag
            v1::SetFlagStateResponse response;
            const v1::Flag release = flagOf(sim, "cart.saved-for-later");
            const grpc::Status status =
                callSetFlag(sim, v1::ROLE_PAYMENTS_APPROVER,
                            setFlag(release, "us-east", true, newKey()), &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
            QVERIFY(status.error_message().find("(needs flags.set)") != std::string::npos);
        }
        {  // an incident commander may
            v1::SetFlagStateResponse response;
            const grpc::Status status =
                callSetFlag(sim, v1::ROLE_INCIDENT_COMMANDER,
                            setFlag(killSwitch, "eu-west", false, newKey()), &response);
            QVERIFY2(status.ok(), status.error_message().c_str());
            QCOMPARE(response.receipt().actor(), std::string("ic@sim"));
            QCOMPARE(response.receipt().role(), std::string("incident-commander"));
            QCOMPARE(response.flag().resource_version(), killSwitch.resource_version() + 1);
            QCOMPARE(response.flag().states(1).enabled(), false);
            QCOMPARE(response.flag().states(1).changed_by(), std::string("ic@sim"));
        }
        {  // and an operator may set a release flag
            v1::SetFlagStateResponse response;
            const v1::Flag release = flagOf(sim, "cart.saved-for-later");
            QCOMPARE(release.kind(), v1::FLAG_KIND_RELEASE);
            QVERIFY(callSetFlag(sim, v1::ROLE_OPERATOR,
                                setFlag(release, "ap-south", true, newKey()), &response)
                        .ok());
        }
    }

    void rollbackEndsTheBadDeploysDrop()
    {
        ActionFixture sim(settingsFor("bad-deploy", 120));
        StreamWatcher<v1::HealthEvent> health(paymentAuthEuWest(sim));
        StreamWatcher<v1::DeployEvent> deployEvents([&](grpc::ClientContext* context) {
            return sim.deploys->StreamDeployEvents(context, {});
        });
        const auto eventsOf = [&](const std::string& id) {
            std::vector<v1::Deploy> out;
            for (const v1::DeployEvent& e : deployEvents.events()) {
                if (e.sequence() == 0)
                    continue;  // a heartbeat
                if (e.deploy().id() == id ||
                    (id.empty() && e.deploy().version() == "2026.11.25-7" &&
                     e.deploy().service() == "payments-api" && e.deploy().region() == "eu-west"))
                    out.push_back(e.deploy());
            }
            return out;
        };
        // The deploy starts 3 minutes in, on the stream and in the list.
        QVERIFY(waitUntil([&] { return !eventsOf({}).empty(); }, 8000));
        const v1::Deploy started = eventsOf({}).front();
        QCOMPARE(started.service(), std::string("payments-api"));
        QCOMPARE(started.region(), std::string("eu-west"));
        QCOMPARE(started.author(), std::string("dana"));
        QCOMPARE(started.environment(), std::string("production"));
        QCOMPARE(started.status(), v1::DEPLOY_STATUS_IN_PROGRESS);
        QCOMPARE(started.canary_share(), 0.05);
        QCOMPARE(started.started_at().seconds(), kStart + 180);
        QCOMPARE(started.journeys(0), std::string("payment-authorization"));
        QVERIFY(!started.previous_version().empty());
        QCOMPARE(newestDeploy(sim, "payments-api", "eu-west").id(), started.id());

        // Payment authorization in eu-west drops to about 85%.
        QVERIFY(waitUntil([&] { return simNow(sim) >= kStart + 320; }, 8000));
        const Ratio before = ratioOf(health.events(), kStart, kStart + 180);
        const Ratio during = ratioOf(health.events(), kStart + 220, kStart + 310);
        QVERIFY2(before.errors() < 0.01, qPrintable(QString::number(before.errors())));
        QVERIFY(during.ticks >= 8);
        QVERIFY2(during.errors() > 0.10 && during.errors() < 0.20,
                 qPrintable(QString::number(during.errors())));

        // An operator rolls it back, with the version they saw.
        const v1::Deploy seen = newestDeploy(sim, "payments-api", "eu-west");
        QVERIFY(seen.resource_version() > started.resource_version());
        v1::RollbackDeployResponse response;
        const grpc::Status status =
            callRollback(sim, v1::ROLE_OPERATOR,
                         rollbackOf(seen, newKey(), "auth drop after deploy"), &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(response.deploy().status(), v1::DEPLOY_STATUS_ROLLING_BACK);
        QCOMPARE(response.deploy().resource_version(), seen.resource_version() + 1);
        QCOMPARE(response.deploy().rolled_back_by_action(), response.receipt().action_id());
        QCOMPARE(response.receipt().actor(), std::string("operator@sim"));
        QCOMPARE(response.receipt().role(), std::string("operator"));
        QVERIFY(!response.receipt().replayed());
        const int64_t rolledAt = response.receipt().applied_at().seconds();

        // ROLLING_BACK, then ROLLED_BACK 2 minutes later, on the stream.
        QVERIFY(waitUntil(
            [&] {
                const auto events = eventsOf(started.id());
                return events.back().status() == v1::DEPLOY_STATUS_ROLLED_BACK;
            },
            8000));
        const std::vector<v1::Deploy> events = eventsOf(started.id());
        QVERIFY(events.size() >= 3);
        QCOMPARE(events[events.size() - 2].status(), v1::DEPLOY_STATUS_ROLLING_BACK);
        const v1::Deploy done = events.back();
        QCOMPARE(done.rolled_back_by_action(), response.receipt().action_id());
        QCOMPARE(done.finished_at().seconds(), rolledAt + 120);
        QCOMPARE(done.canary_share(), 0.0);
        for (size_t i = 1; i < events.size(); ++i)
            QCOMPARE(events[i].resource_version(), events[i - 1].resource_version() + 1);

        // Recovered once the new version drained (2 minutes after the rollback).
        QVERIFY(waitUntil([&] { return simNow(sim) >= rolledAt + 190; }, 8000));
        const Ratio after = ratioOf(health.events(), rolledAt + 130, rolledAt + 180);
        QVERIFY(after.ticks >= 4);
        QVERIFY2(after.errors() < 0.01, qPrintable(QString::number(after.errors())));

        // Ticks complete before the rollback did not change: history agrees with the stream.
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::GetHistoryRequest request;
        request.add_journey_ids("payment-authorization");
        request.add_regions("eu-west");
        request.mutable_range()->mutable_start()->set_seconds(kStart + 200);
        request.mutable_range()->mutable_end()->set_seconds(rolledAt + 180);
        request.mutable_resolution()->set_seconds(10);
        v1::GetHistoryResponse history;
        QVERIFY(sim.health->GetHistory(&context, request, &history).ok());
        int compared = 0;
        for (const v1::HealthSample& h : history.series(0).samples()) {
            const int64_t t = h.interval_start().seconds();
            const Ratio streamed = ratioOf(health.events(), t, t + 10);
            if (streamed.ticks == 1) {
                QCOMPARE(h.good(), streamed.good);
                QCOMPARE(h.valid(), streamed.valid);
                ++compared;
            }
        }
        QVERIFY(compared >= 20);

        // Once rolled back, a second rollback is refused.
        v1::RollbackDeployResponse again;
        const grpc::Status refused =
            callRollback(sim, v1::ROLE_OPERATOR, rollbackOf(done, newKey()), &again);
        QCOMPARE(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(detailOf(refused).reason(), std::string("ALREADY_ROLLED_BACK"));
    }

    void killSwitchEndsTheFlagsDrop()
    {
        ActionFixture sim(settingsFor("kill-switch", 120));
        StreamWatcher<v1::HealthEvent> health(paymentAuthEuWest(sim));
        StreamWatcher<v1::FlagChange> changes([&](grpc::ClientContext* context) {
            return sim.flags->StreamFlagChanges(context, {});
        });
        // Off until release-bot@sim switches it on, 4 minutes in.
        QCOMPARE(flagOf(sim, "payments.3ds-v2-flow").states(1).enabled(), false);
        {
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::ListFlagsResponse list;
            QVERIFY(sim.flags->ListFlags(&context, {}, &list).ok());
            QCOMPARE(list.stream_epoch(), sim.platform->streamEpoch());
            QCOMPARE(list.up_to_sequence(), uint64_t(0));
        }
        const auto realChanges = [&] {
            std::vector<v1::FlagChange> out;
            for (const v1::FlagChange& c : changes.events()) {
                if (c.sequence() > 0)
                    out.push_back(c);
            }
            return out;
        };
        QVERIFY(waitUntil([&] { return !realChanges().empty(); }, 8000));
        const v1::FlagChange on = realChanges().front();
        QCOMPARE(on.flag().key(), std::string("payments.3ds-v2-flow"));
        QCOMPARE(on.actor(), std::string("release-bot@sim"));
        QCOMPARE(on.environment(), std::string("production"));
        QCOMPARE(on.region(), std::string("eu-west"));
        QVERIFY(on.enabled());
        QCOMPARE(on.changed_at().seconds(), kStart + 240);
        QVERIFY(!on.stream_epoch().empty());

        QVERIFY(waitUntil([&] { return simNow(sim) >= kStart + 380; }, 8000));
        const Ratio before = ratioOf(health.events(), kStart, kStart + 240);
        const Ratio during = ratioOf(health.events(), kStart + 280, kStart + 370);
        QVERIFY2(before.errors() < 0.01, qPrintable(QString::number(before.errors())));
        QVERIFY2(during.errors() > 0.07 && during.errors() < 0.17,
                 qPrintable(QString::number(during.errors())));

        // The incident commander switches it off, with the version they saw.
        const v1::Flag seen = flagOf(sim, "payments.3ds-v2-flow");
        QCOMPARE(seen.resource_version(), on.flag().resource_version());
        v1::SetFlagStateResponse response;
        const grpc::Status status =
            callSetFlag(sim, v1::ROLE_INCIDENT_COMMANDER,
                        setFlag(seen, "eu-west", false, newKey(), "3DS v2 timeouts"), &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        const int64_t offAt = response.receipt().applied_at().seconds();
        QVERIFY(waitUntil([&] { return simNow(sim) >= offAt + 140; }, 8000));
        const Ratio after = ratioOf(health.events(), offAt + 70, offAt + 130);
        QVERIFY(after.ticks >= 5);
        QVERIFY2(after.errors() < 0.01, qPrintable(QString::number(after.errors())));

        // Both changes on the stream and in the audit trail, oldest first.
        QVERIFY(waitUntil([&] { return realChanges().size() >= 2; }, 3000));
        QCOMPARE(realChanges()[1].actor(), std::string("ic@sim"));
        QCOMPARE(realChanges()[1].enabled(), false);
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::GetFlagAuditTrailRequest request;
        request.set_flag_key("payments.3ds-v2-flow");
        v1::GetFlagAuditTrailResponse trail;
        QVERIFY(sim.flags->GetFlagAuditTrail(&context, request, &trail).ok());
        QCOMPARE(trail.entries_size(), 2);
        QCOMPARE(trail.entries(0).actor(), std::string("release-bot@sim"));
        QCOMPARE(trail.entries(1).actor(), std::string("ic@sim"));
        QCOMPARE(trail.entries(1).reason(), std::string("3DS v2 timeouts"));
        QCOMPARE(trail.entries(1).enabled(), false);
        QCOMPARE(trail.entries(1).action_id(), response.receipt().action_id());
        QCOMPARE(trail.entries(1).resource_version(), response.flag().resource_version());
    }

    void lostFlagResponseIsReplayed()
    {
        ActionFixture sim(settingsFor("quiet-day", 1));
        const v1::Flag flag = flagOf(sim, "cart.saved-for-later");
        const v1::SetFlagStateRequest request = setFlag(flag, "eu-west", true, newKey());
        dropNextResponses(sim, 1);
        v1::SetFlagStateResponse lost;
        const grpc::Status first = callSetFlag(sim, v1::ROLE_OPERATOR, request, &lost);
        QCOMPARE(first.error_code(), grpc::StatusCode::UNAVAILABLE);
        QCOMPARE(first.error_message(), std::string("simulated lost response"));

        std::string actionId;
        for (int retry = 0; retry < 2; ++retry) {
            v1::SetFlagStateResponse response;
            const grpc::Status status = callSetFlag(sim, v1::ROLE_OPERATOR, request, &response);
            QVERIFY2(status.ok(), status.error_message().c_str());
            QVERIFY(response.receipt().replayed());
            QCOMPARE(response.flag().resource_version(), flag.resource_version() + 1);
            if (retry == 1)
                QCOMPARE(response.receipt().action_id(), actionId);
            actionId = response.receipt().action_id();
        }
        const auto actions = appliedActions(sim);
        QCOMPARE(actions.size(), size_t(1));
        QCOMPARE(actions[0].action_id(), actionId);
        QCOMPARE(actions[0].kind(), std::string("flag.set"));
        QCOMPARE(actions[0].target(), std::string("cart.saved-for-later/production/eu-west"));
        QCOMPARE(actions[0].actor(), std::string("operator@sim"));
        QCOMPARE(actions[0].idempotency_key(), request.context().idempotency_key());

        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::GetFlagAuditTrailRequest trailRequest;
        trailRequest.set_flag_key(flag.key());
        v1::GetFlagAuditTrailResponse trail;
        QVERIFY(sim.flags->GetFlagAuditTrail(&context, trailRequest, &trail).ok());
        QCOMPARE(trail.entries_size(), 1);
        QCOMPARE(trail.entries(0).action_id(), actionId);
        QCOMPARE(flagOf(sim, flag.key()).resource_version(), flag.resource_version() + 1);
    }

    void lostRollbackResponseIsReplayed()
    {
        PlatformSettings settings = settingsFor("quiet-day", 1);
        settings.dropActionResponses = 1;  // as --drop-action-responses 1
        ActionFixture sim(settings);
        const v1::Deploy deploy = newestDeploy(sim);
        const v1::RollbackDeployRequest request = rollbackOf(deploy, newKey());
        v1::RollbackDeployResponse lost;
        const grpc::Status first = callRollback(sim, v1::ROLE_INCIDENT_COMMANDER, request, &lost);
        QCOMPARE(first.error_code(), grpc::StatusCode::UNAVAILABLE);
        v1::RollbackDeployResponse response;
        const grpc::Status retry =
            callRollback(sim, v1::ROLE_INCIDENT_COMMANDER, request, &response);
        QVERIFY2(retry.ok(), retry.error_message().c_str());
        QVERIFY(response.receipt().replayed());
        QCOMPARE(response.deploy().status(), v1::DEPLOY_STATUS_ROLLING_BACK);
        const auto actions = appliedActions(sim);
        QCOMPARE(actions.size(), size_t(1));
        QCOMPARE(actions[0].kind(), std::string("deploy.rollback"));
        QCOMPARE(actions[0].target(), deploy.id());
        QCOMPARE(actions[0].action_id(), response.receipt().action_id());
        QCOMPARE(actions[0].actor(), std::string("ic@sim"));
        QCOMPARE(newestDeploy(sim).resource_version(), deploy.resource_version() + 1);
    }

    void concurrentCallsWithOneKeyApplyOnce()
    {
        ActionFixture sim(settingsFor("quiet-day", 1));
        const v1::Flag flag = flagOf(sim, "pricing.dynamic-discounts");
        const v1::SetFlagStateRequest request = setFlag(flag, "us-east", true, newKey());
        std::vector<std::thread> threads;
        std::atomic<int> ok{0};
        std::atomic<int> replayed{0};
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&] {
                v1::SetFlagStateResponse response;
                if (callSetFlag(sim, v1::ROLE_OPERATOR, request, &response).ok()) {
                    ++ok;
                    replayed += response.receipt().replayed() ? 1 : 0;
                }
            });
        }
        for (std::thread& t : threads)
            t.join();
        QCOMPARE(ok.load(), 4);
        QCOMPARE(replayed.load(), 3);
        QCOMPARE(appliedActions(sim).size(), size_t(1));
    }

    void badActionsAreRefusedWithReasons()
    {
        ActionFixture sim(settingsFor("quiet-day", 1));
        const v1::Flag flag = flagOf(sim, "checkout.express-checkout");
        const auto expectError = [&](const v1::SetFlagStateRequest& request, grpc::StatusCode code,
                                     const char* reason) {
            v1::SetFlagStateResponse response;
            const grpc::Status status = callSetFlag(sim, v1::ROLE_OPERATOR, request, &response);
            if (status.error_code() != code || detailOf(status).reason() != reason)
                qWarning("got %d %s", int(status.error_code()), status.error_message().c_str());
            return status.error_code() == code && detailOf(status).reason() == reason;
        };
        {  // a stale version: the current one in the metadata
            v1::SetFlagStateRequest stale = setFlag(flag, "us-east", false, newKey());
            stale.set_expected_version(flag.resource_version() - 1);
            v1::SetFlagStateResponse response;
            const grpc::Status status = callSetFlag(sim, v1::ROLE_OPERATOR, stale, &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
            const v1::ErrorDetail detail = detailOf(status);
            QCOMPARE(detail.reason(), std::string("STALE_VERSION"));
            QCOMPARE(detail.metadata().at("current_version"),
                     std::to_string(flag.resource_version()));
            QCOMPARE(detail.metadata().at("current_enabled"),
                     std::string(flag.states(0).enabled() ? "true" : "false"));
        }
        {  // one key, two different requests
            const std::string key = newKey();
            v1::SetFlagStateResponse response;
            QVERIFY(
                callSetFlag(sim, v1::ROLE_OPERATOR, setFlag(flag, "us-east", true, key), &response)
                    .ok());
            QVERIFY(expectError(setFlag(flag, "ap-south", true, key),
                                grpc::StatusCode::INVALID_ARGUMENT, "IDEMPOTENCY_KEY_REUSED"));
            // Keys belong to their actor: the IC may use the same one.
            v1::SetFlagStateRequest other = setFlag(response.flag(), "ap-south", true, key);
            QVERIFY(callSetFlag(sim, v1::ROLE_INCIDENT_COMMANDER, other, &response).ok());
            QVERIFY(!response.receipt().replayed());
        }
        const v1::Flag current = flagOf(sim, flag.key());
        QVERIFY(expectError(setFlag(current, "us-east", true, newKey(), ""),
                            grpc::StatusCode::INVALID_ARGUMENT, "MISSING_FIELD"));
        QVERIFY(expectError(setFlag(current, "us-east", true, "", "why"),
                            grpc::StatusCode::INVALID_ARGUMENT, "MISSING_FIELD"));
        v1::SetFlagStateRequest unknown = setFlag(current, "us-east", true, newKey());
        unknown.set_flag_key("no.such-flag");
        QVERIFY(expectError(unknown, grpc::StatusCode::NOT_FOUND, "FLAG_NOT_FOUND"));
        QVERIFY(expectError(setFlag(current, "mars", true, newKey()),
                            grpc::StatusCode::INVALID_ARGUMENT, "UNKNOWN_REGION"));
        v1::SetFlagStateRequest environment = setFlag(current, "us-east", true, newKey());
        environment.set_environment("qa");
        QVERIFY(
            expectError(environment, grpc::StatusCode::INVALID_ARGUMENT, "UNKNOWN_ENVIRONMENT"));
        // Setting the state it already has is recorded too.
        v1::SetFlagStateResponse same;
        QVERIFY(callSetFlag(sim, v1::ROLE_OPERATOR,
                            setFlag(current, "us-east", current.states(0).enabled(), newKey()),
                            &same)
                    .ok());
        QCOMPARE(same.flag().resource_version(), current.resource_version() + 1);

        // Rollbacks: stale, unknown, no reason.
        const v1::Deploy deploy = newestDeploy(sim);
        v1::RollbackDeployRequest stale = rollbackOf(deploy, newKey());
        stale.set_expected_version(deploy.resource_version() + 5);
        v1::RollbackDeployResponse response;
        grpc::Status status = callRollback(sim, v1::ROLE_OPERATOR, stale, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(detailOf(status).reason(), std::string("STALE_VERSION"));
        QCOMPARE(detailOf(status).metadata().at("current_version"),
                 std::to_string(deploy.resource_version()));
        v1::RollbackDeployRequest missing = rollbackOf(deploy, newKey());
        missing.set_deploy_id("dep-999999");
        status = callRollback(sim, v1::ROLE_OPERATOR, missing, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::NOT_FOUND);
        QCOMPARE(detailOf(status).reason(), std::string("DEPLOY_NOT_FOUND"));
        status = callRollback(sim, v1::ROLE_OPERATOR, rollbackOf(deploy, newKey(), ""), &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(detailOf(status).field(), std::string("context.reason"));
        QCOMPARE(appliedActions(sim).size(), size_t(3));
    }

    void deployPagesHoldEveryDeployOnce()
    {
        PlatformSettings settings = settingsFor("quiet-day", 1);
        settings.deployHistory = 10000;
        ActionFixture sim(settings);
        const size_t stored = sim.platform->deploys().size();
        QVERIFY2(stored > 9000 && stored < 11000, qPrintable(QString::number(stored)));

        std::vector<v1::Deploy> all;
        std::string token;
        int pages = 0;
        do {
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::ListDeploysRequest request;
            request.mutable_page()->set_page_size(1000);
            request.mutable_page()->set_page_token(token);
            v1::ListDeploysResponse response;
            const grpc::Status status = sim.deploys->ListDeploys(&context, request, &response);
            QVERIFY2(status.ok(), status.error_message().c_str());
            QVERIFY(response.deploys_size() <= 1000);
            QCOMPARE(response.page().total_size(), int64_t(stored));
            all.insert(all.end(), response.deploys().begin(), response.deploys().end());
            token = response.page().next_page_token();
            ++pages;
        } while (!token.empty() && pages < 100);
        QCOMPARE(all.size(), stored);
        std::set<std::string> ids;
        for (size_t i = 0; i < all.size(); ++i) {
            ids.insert(all[i].id());
            if (i > 0) {
                QVERIFY(std::make_pair(all[i].started_at().seconds(), all[i].id()) <
                        std::make_pair(all[i - 1].started_at().seconds(), all[i - 1].id()));
            }
        }
        QCOMPARE(ids.size(), stored);
        QVERIFY(all.back().started_at().seconds() >= kStart - 7 * 86400);

        {  // filters, the default page size, a token with other filters, an unknown service
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::ListDeploysRequest request;
            request.add_services("payments-api");
            request.add_regions("eu-west");
            request.mutable_started()->mutable_start()->set_seconds(kStart - 3 * 86400);
            v1::ListDeploysResponse response;
            QVERIFY(sim.deploys->ListDeploys(&context, request, &response).ok());
            QCOMPARE(response.deploys_size(), 200);
            for (const v1::Deploy& d : response.deploys()) {
                QCOMPARE(d.service(), std::string("payments-api"));
                QCOMPARE(d.region(), std::string("eu-west"));
                QVERIFY(d.started_at().seconds() >= kStart - 3 * 86400);
            }
            grpc::ClientContext other;
            ActionFixture::prepare(other, {});
            request.clear_regions();
            request.mutable_page()->set_page_token(response.page().next_page_token());
            const grpc::Status status = sim.deploys->ListDeploys(&other, request, &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QCOMPARE(detailOf(status).reason(), std::string("INVALID_PAGE_TOKEN"));
        }
        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListDeploysRequest request;
        request.add_services("warp-drive");
        v1::ListDeploysResponse response;
        const grpc::Status status = sim.deploys->ListDeploys(&context, request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(detailOf(status).field(), std::string("services[0]"));
    }

    void flagPagesHoldEveryFlagOnce()
    {
        PlatformSettings settings = settingsFor("quiet-day", 1);
        settings.flagCount = 5000;
        ActionFixture sim(settings);
        std::vector<std::string> keys;
        std::string token;
        do {
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            v1::ListFlagsRequest request;
            request.mutable_page()->set_page_token(token);
            v1::ListFlagsResponse response;
            QVERIFY(sim.flags->ListFlags(&context, request, &response).ok());
            QVERIFY(response.flags_size() <= 500);
            for (const v1::Flag& f : response.flags())
                keys.push_back(f.key());
            token = response.page().next_page_token();
        } while (!token.empty() && keys.size() < 6000);
        QCOMPARE(keys.size(), size_t(5000));
        QVERIFY(std::is_sorted(keys.begin(), keys.end()));
        QCOMPARE(std::set<std::string>(keys.begin(), keys.end()).size(), size_t(5000));

        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::ListFlagsRequest request;
        request.add_kinds(v1::FLAG_KIND_KILL_SWITCH);
        request.set_text("PAYMENTS-TEAM");
        v1::ListFlagsResponse response;
        QVERIFY(sim.flags->ListFlags(&context, request, &response).ok());
        std::set<std::string> found;
        for (const v1::Flag& f : response.flags()) {
            QCOMPARE(f.kind(), v1::FLAG_KIND_KILL_SWITCH);
            QCOMPARE(f.owner(), std::string("payments-team"));
            found.insert(f.key());
        }
        QVERIFY(found.contains("payments.3ds-v2-flow") &&
                found.contains("payments.fraud-precheck"));
        QCOMPARE(response.page().total_size(), int64_t(response.flags_size()));
    }

    void deployStreamResumesAfterTheLastSequence()
    {
        PlatformSettings settings = settingsFor("quiet-day", 600);
        settings.deployHistory = 20000;  // a deploy start every ~30 simulated seconds
        ActionFixture sim(settings);
        std::vector<v1::DeployEvent> first;
        {
            StreamWatcher<v1::DeployEvent> stream([&](grpc::ClientContext* context) {
                return sim.deploys->StreamDeployEvents(context, {});
            });
            QVERIFY(waitUntil(
                [&] {
                    int real = 0;
                    for (const auto& e : stream.events())
                        real += e.sequence() > 0 ? 1 : 0;
                    return real >= 10;
                },
                8000));
            for (const auto& e : stream.events()) {
                if (e.sequence() > 0)
                    first.push_back(e);
            }
        }
        for (size_t i = 1; i < first.size(); ++i)
            QCOMPARE(first[i].sequence(), first[i - 1].sequence() + 1);
        const v1::DeployEvent last = first[4];
        StreamWatcher<v1::DeployEvent> resumed([&](grpc::ClientContext* context) {
            v1::StreamDeployEventsRequest request;
            request.set_stream_epoch(last.stream_epoch());
            request.set_resume_after_sequence(last.sequence());
            return sim.deploys->StreamDeployEvents(context, request);
        });
        QVERIFY(waitUntil([&] { return !resumed.events().empty(); }, 3000));
        QCOMPARE(resumed.events().front().sequence(), last.sequence() + 1);
        QCOMPARE(resumed.events().front().deploy().id(), first[5].deploy().id());

        // A list says where the stream stands: resuming from there misses nothing.
        v1::ListDeploysResponse list;
        {
            grpc::ClientContext context;
            ActionFixture::prepare(context, {});
            QVERIFY(sim.deploys->ListDeploys(&context, {}, &list).ok());
        }
        QCOMPARE(list.stream_epoch(), last.stream_epoch());
        QVERIFY(list.up_to_sequence() > first.back().sequence());
        StreamWatcher<v1::DeployEvent> fromList([&](grpc::ClientContext* context) {
            v1::StreamDeployEventsRequest request;
            request.set_stream_epoch(list.stream_epoch());
            request.set_resume_after_sequence(list.up_to_sequence());
            return sim.deploys->StreamDeployEvents(context, request);
        });
        QVERIFY(waitUntil([&] { return !fromList.events().empty(); }, 3000));
        QCOMPARE(fromList.events().front().sequence(), list.up_to_sequence() + 1);

        grpc::ClientContext context;
        ActionFixture::prepare(context, {});
        v1::StreamDeployEventsRequest request;
        request.set_stream_epoch("another-epoch");
        auto reader = sim.deploys->StreamDeployEvents(&context, request);
        v1::DeployEvent event;
        QVERIFY(!reader->Read(&event));
        const grpc::Status status = reader->Finish();
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(detailOf(status).reason(), std::string("EPOCH_CHANGED"));
    }
};

QTEST_GUILESS_MAIN(TestSimActions)
#include "tst_sim_actions.moc"
