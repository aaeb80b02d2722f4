// Vendors on the simulator, in process through real stubs: measurements and
// circuit breakers against what the status page says, failover and failback
// with roles, versions, health checks and lost responses, and what the
// health samples make of a failing vendor.

#include "action_fixture.h"

#include <QTest>
#include <QUuid>

using namespace wfsim;
using namespace wfsim::test;

namespace {

constexpr auto kPayments = v1::VENDOR_CATEGORY_PAYMENT_PROVIDER;
constexpr int64_t kOutageEnd = kStart + 43 * 60;  // vendor-outage: 3m + 40m

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

v1::ListVendorsResponse listVendors(ActionFixture& sim)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, {});
    v1::ListVendorsResponse response;
    const grpc::Status status = sim.vendors->ListVendors(&context, {}, &response);
    if (!status.ok())
        qWarning("ListVendors: %s", status.error_message().c_str());
    return response;
}

v1::VendorRegionState regionOf(const v1::Vendor& vendor, const std::string& region)
{
    for (const v1::VendorRegionState& r : vendor.regions()) {
        if (r.region() == region)
            return r;
    }
    return {};
}

v1::VendorRegionState stateOf(const v1::ListVendorsResponse& list, const std::string& vendor,
                              const std::string& region)
{
    for (const v1::Vendor& v : list.vendors()) {
        if (v.id() == vendor)
            return regionOf(v, region);
    }
    return {};
}

v1::CategoryRouting routingOf(const v1::ListVendorsResponse& list, v1::VendorCategory category,
                              const std::string& region)
{
    for (const v1::CategoryRouting& r : list.routing()) {
        if (r.category() == category && r.region() == region)
            return r;
    }
    return {};
}

v1::FailoverRequest failoverOf(v1::VendorCategory category, const std::string& region,
                               const std::string& target, int64_t version, const std::string& key)
{
    v1::FailoverRequest request;
    request.mutable_context()->set_idempotency_key(key);
    request.mutable_context()->set_reason("acme failing in eu-west");
    request.set_category(category);
    request.set_region(region);
    request.set_target_vendor_id(target);
    request.set_expected_version(version);
    return request;
}

grpc::Status callFailover(ActionFixture& sim, v1::Role role, const v1::FailoverRequest& request,
                          v1::FailoverResponse* response)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, sim.token(role));
    return sim.vendors->Failover(&context, request, response);
}

grpc::Status callFailback(ActionFixture& sim, v1::Role role, const std::string& region,
                          int64_t version, v1::FailbackResponse* response)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, sim.token(role));
    v1::FailbackRequest request;
    request.mutable_context()->set_idempotency_key(newKey());
    request.mutable_context()->set_reason("acme recovered");
    request.set_category(kPayments);
    request.set_region(region);
    request.set_expected_version(version);
    return sim.vendors->Failback(&context, request, response);
}

int vendorActions(ActionFixture& sim, const std::string& kind)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, {});
    v1::ListAppliedActionsResponse response;
    if (!sim.control->ListAppliedActions(&context, {}, &response).ok())
        qWarning("ListAppliedActions failed");
    int n = 0;
    for (const v1::AppliedAction& a : response.actions())
        n += a.kind() == kind ? 1 : 0;
    return n;
}

void dropNextResponse(ActionFixture& sim)
{
    grpc::ClientContext context;
    ActionFixture::prepare(context, {});
    v1::SetFaultsRequest request;
    request.set_drop_next_action_responses(1);
    v1::SetFaultsResponse response;
    if (!sim.control->SetFaults(&context, request, &response).ok())
        qWarning("SetFaults failed");
}

StreamWatcher<v1::HealthEvent>::Open healthOf(ActionFixture& sim, const char* journey)
{
    return [&sim, journey](grpc::ClientContext* context) {
        v1::StreamHealthRequest request;
        request.add_journey_ids(journey);
        return sim.health->StreamHealth(context, request);
    };
}

Ratio regionRatio(const std::vector<v1::HealthEvent>& events, const std::string& region,
                  int64_t from, int64_t to)
{
    std::vector<v1::HealthEvent> kept;
    for (const v1::HealthEvent& e : events) {
        v1::HealthEvent only;
        for (const v1::HealthSample& s : e.samples()) {
            if (s.region() == region)
                *only.add_samples() = s;
        }
        kept.push_back(only);
    }
    return ratioOf(kept, from, to);
}

}  // namespace

class TestSimVendors : public QObject {
    Q_OBJECT

private slots:
    void catalogAndRouting()
    {
        ActionFixture sim(settingsFor("quiet-day", 1));
        const v1::ListVendorsResponse list = listVendors(sim);
        QCOMPARE(list.vendors_size(), 5);
        QCOMPARE(list.routing_size(), 12);
        QCOMPARE(list.stream_epoch(), sim.platform->streamEpoch());
        for (const v1::Vendor& v : list.vendors()) {
            QCOMPARE(v.regions_size(), 3);
            for (const v1::VendorRegionState& r : v.regions()) {
                QCOMPARE(r.breaker(), v1::BREAKER_STATE_CLOSED);
                QCOMPARE(r.published_status(), v1::PUBLISHED_STATUS_OPERATIONAL);
                QVERIFY(r.calls() > 0 && r.error_rate() < 0.05);
                QVERIFY(r.latency_p50_ms() > 0 && r.latency_p95_ms() > r.latency_p50_ms() &&
                        r.latency_p99_ms() > r.latency_p95_ms());
                QCOMPARE(r.serving(), v.id() != "payments-globex");
            }
        }
        const v1::CategoryRouting payments = routingOf(list, kPayments, "eu-west");
        QCOMPARE(payments.serving_vendor_id(), std::string("payments-acme"));
        QCOMPARE(payments.secondary_vendor_id(), std::string("payments-globex"));
        // Same seed, same measurements.
        ActionFixture again(settingsFor("quiet-day", 1));
        QCOMPARE(stateOf(listVendors(again), "payments-acme", "us-east").calls(),
                 stateOf(list, "payments-acme", "us-east").calls());

        // No secondary: no failover; an operator may not; unknown vendor.
        const v1::CategoryRouting tax = routingOf(list, v1::VENDOR_CATEGORY_TAX, "us-east");
        v1::FailoverResponse response;
        grpc::Status status =
            callFailover(sim, v1::ROLE_INCIDENT_COMMANDER,
                         failoverOf(v1::VENDOR_CATEGORY_TAX, "us-east", "tax-ledger",
                                    tax.resource_version(), newKey()),
                         &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(detailOf(status).reason(), std::string("NO_SECONDARY"));
        status = callFailover(sim, v1::ROLE_INCIDENT_COMMANDER,
                              failoverOf(kPayments, "eu-west", "payments-nope",
                                         payments.resource_version(), newKey()),
                              &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::NOT_FOUND);
        QCOMPARE(detailOf(status).reason(), std::string("VENDOR_NOT_FOUND"));
        v1::FailbackResponse back;
        status = callFailback(sim, v1::ROLE_INCIDENT_COMMANDER, "eu-west",
                              payments.resource_version(), &back);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(detailOf(status).reason(), std::string("ALREADY_ON_PRIMARY"));
    }

    void vendorOutageFailoverAndFailback()
    {
        ActionFixture sim(settingsFor("vendor-outage", 240));
        StreamWatcher<v1::VendorEvent> vendors(
            [&](grpc::ClientContext* context) {
                return sim.vendors->StreamVendorEvents(context, {});
            },
            60);
        StreamWatcher<v1::HealthEvent> health(healthOf(sim, "payment-authorization"), 60);

        // The breaker opens while the status page still says operational.
        const auto discrepancy = [&] {
            for (const v1::VendorEvent& e : vendors.events()) {
                if (e.vendor().id() != "payments-acme")
                    continue;
                const v1::VendorRegionState r = regionOf(e.vendor(), "eu-west");
                if (r.breaker() == v1::BREAKER_STATE_OPEN &&
                    r.published_status() == v1::PUBLISHED_STATUS_OPERATIONAL && r.serving() &&
                    r.error_rate() > 0.5) {
                    return true;
                }
            }
            return false;
        };
        QVERIFY(waitUntil(discrepancy, 15000));
        // Payment authorization in eu-west drops; us-east does not.
        QVERIFY(waitUntil(
            [&] {
                return regionRatio(health.events(), "eu-west", kStart + 200, kOutageEnd).ticks >= 6;
            },
            15000));
        const Ratio down = regionRatio(health.events(), "eu-west", kStart + 200, kOutageEnd);
        QVERIFY2(down.errors() > 0.5, qPrintable(QString::number(down.errors())));
        QVERIFY(regionRatio(health.events(), "us-east", kStart + 200, kOutageEnd).errors() < 0.02);

        const v1::ListVendorsResponse list = listVendors(sim);
        const v1::CategoryRouting routing = routingOf(list, kPayments, "eu-west");
        QCOMPARE(routing.serving_vendor_id(), std::string("payments-acme"));
        const int64_t version = routing.resource_version();

        v1::FailoverResponse response;
        {  // an operator may not
            const grpc::Status status = callFailover(
                sim, v1::ROLE_OPERATOR,
                failoverOf(kPayments, "eu-west", "payments-globex", version, newKey()), &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
            QCOMPARE(detailOf(status).reason(), std::string("ROLE_FORBIDDEN"));
            QCOMPARE(detailOf(status).metadata().at("permission"), std::string("vendors.failover"));
        }
        {  // a stale version
            const grpc::Status status = callFailover(
                sim, v1::ROLE_INCIDENT_COMMANDER,
                failoverOf(kPayments, "eu-west", "payments-globex", version - 1, newKey()),
                &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
            QCOMPARE(detailOf(status).reason(), std::string("STALE_VERSION"));
            QCOMPARE(detailOf(status).metadata().at("current_version"), std::to_string(version));
        }
        // The response is lost; the retry with the same key applies nothing more.
        const v1::FailoverRequest failover =
            failoverOf(kPayments, "eu-west", "payments-globex", version, newKey());
        dropNextResponse(sim);
        grpc::Status status = callFailover(sim, v1::ROLE_INCIDENT_COMMANDER, failover, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAVAILABLE);
        status = callFailover(sim, v1::ROLE_INCIDENT_COMMANDER, failover, &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QVERIFY(response.receipt().replayed());
        QCOMPARE(response.routing().serving_vendor_id(), std::string("payments-globex"));
        QCOMPARE(response.routing().resource_version(), version + 1);
        QCOMPARE(vendorActions(sim, "vendor.failover"), 1);
        const int64_t failedOverAt = response.receipt().applied_at().seconds();
        QVERIFY(failedOverAt < kOutageEnd);
        QVERIFY(waitUntil(
            [&] {
                for (const v1::VendorEvent& e : vendors.events()) {
                    if (e.has_routing() && e.routing().region() == "eu-west" &&
                        e.routing().serving_vendor_id() == "payments-globex") {
                        return true;
                    }
                }
                return false;
            },
            5000));

        {  // failback while acme still fails
            v1::FailbackResponse back;
            status = callFailback(sim, v1::ROLE_INCIDENT_COMMANDER, "eu-west", version + 1, &back);
            QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
            QCOMPARE(detailOf(status).reason(), std::string("PRIMARY_UNHEALTHY"));
            QVERIFY2(
                status.error_message().starts_with("payments-acme in eu-west is still failing: "),
                status.error_message().c_str());
        }

        // Payment authorization recovers within a minute of the failover.
        const int64_t recovered = failedOverAt + 80;
        QVERIFY(waitUntil(
            [&] {
                return regionRatio(health.events(), "eu-west", recovered, kOutageEnd).ticks >= 6;
            },
            15000));
        const Ratio up = regionRatio(health.events(), "eu-west", recovered, kOutageEnd);
        QVERIFY2(up.errors() < 0.02, qPrintable(QString::number(up.errors())));

        // After the outage, once acme's breaker has closed, failback succeeds.
        QVERIFY(waitUntil(
            [&] {
                const v1::ListVendorsResponse now = listVendors(sim);
                const v1::VendorRegionState acme = stateOf(now, "payments-acme", "eu-west");
                return now.platform_time().seconds() > kOutageEnd &&
                       acme.breaker() == v1::BREAKER_STATE_CLOSED && acme.error_rate() < 0.05;
            },
            30000));
        const v1::ListVendorsResponse after = listVendors(sim);
        QCOMPARE(stateOf(after, "payments-acme", "eu-west").published_status(),
                 v1::PUBLISHED_STATUS_OPERATIONAL);
        v1::FailbackResponse back;
        status = callFailback(sim, v1::ROLE_INCIDENT_COMMANDER, "eu-west", version + 1, &back);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(back.routing().serving_vendor_id(), std::string("payments-acme"));
        QCOMPARE(back.routing().resource_version(), version + 2);
        QCOMPARE(vendorActions(sim, "vendor.failback"), 1);

        // The status page admitted the outage at some point; measurements every window.
        bool admitted = false;
        int acmeEvents = 0;
        for (const v1::VendorEvent& e : vendors.events()) {
            if (e.vendor().id() != "payments-acme")
                continue;
            ++acmeEvents;
            admitted = admitted || regionOf(e.vendor(), "eu-west").published_status() ==
                                       v1::PUBLISHED_STATUS_MAJOR_OUTAGE;
        }
        QVERIFY(admitted);
        QVERIFY2(acmeEvents >= 43 * 6 - 10, qPrintable(QString::number(acmeEvents)));
    }

    void slowTaxSlowsCheckoutInItsRegionOnly()
    {
        ActionFixture sim(settingsFor("slow-tax", 600));
        StreamWatcher<v1::HealthEvent> health(healthOf(sim, "checkout-latency"), 60);
        const int64_t from = kStart + 240;
        const int64_t to = kStart + 30 * 60;
        QVERIFY(waitUntil(
            [&] { return regionRatio(health.events(), "ap-south", from, to).ticks >= 60; }, 20000));
        const double usEast = regionRatio(health.events(), "us-east", from, to).errors();
        const double euWest = regionRatio(health.events(), "eu-west", from, to).errors();
        const double apSouth = regionRatio(health.events(), "ap-south", from, to).errors();
        QVERIFY2(usEast > 0.05, qPrintable(QString::number(usEast)));
        QVERIFY2(euWest < 0.01 && apSouth < 0.01,
                 qPrintable(QString("%1 %2").arg(euWest).arg(apSouth)));
        const v1::ListVendorsResponse list = listVendors(sim);
        const v1::VendorRegionState slow = stateOf(list, "tax-ledger", "us-east");
        QCOMPARE(slow.published_status(), v1::PUBLISHED_STATUS_DEGRADED_PERFORMANCE);
        QVERIFY(slow.latency_p50_ms() >
                3 * stateOf(list, "tax-ledger", "eu-west").latency_p50_ms());
        QCOMPARE(slow.breaker(), v1::BREAKER_STATE_CLOSED);
    }
};

QTEST_GUILESS_MAIN(TestSimVendors)
#include "tst_sim_vendors.moc"
