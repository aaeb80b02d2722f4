// Writes the seed corpus of fuzz_proto_models: for each message type it
// takes, a realistic message and an adversarial one (NaN, negative counts,
// out-of-range times, invalid UTF-8, huge amounts), each prefixed with the
// byte that picks its type. Run once; its output is committed in
// corpus/proto_models/. Usage: fuzz_make_seeds DIR

#include "watchfloor/v1/deploy.pb.h"
#include "watchfloor/v1/flag.pb.h"
#include "watchfloor/v1/incident.pb.h"
#include "watchfloor/v1/journey_health.pb.h"
#include "watchfloor/v1/reconciliation.pb.h"
#include "watchfloor/v1/vendor.pb.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string>

namespace v1 = watchfloor::v1;

namespace {

std::string dir;

void write(const std::string& name, int kind, const google::protobuf::Message& m)
{
    std::ofstream out(dir + "/" + name, std::ios::binary);
    out.put(char(kind));
    out << m.SerializeAsString();
}

void sample(v1::HealthSample* s, long good, long valid, double p99)
{
    s->set_journey_id("checkout");
    s->set_region("eu-west");
    s->mutable_interval_start()->set_seconds(1'764'000'000);
    s->mutable_interval()->set_seconds(1);
    s->set_good(good);
    s->set_valid(valid);
    s->set_latency_p50_ms(80);
    s->set_latency_p95_ms(240);
    s->set_latency_p99_ms(p99);
    s->set_sequence(42);
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_seeds DIR\n");
        return 2;
    }
    dir = argv[1];
    const double nan = std::numeric_limits<double>::quiet_NaN();

    v1::HealthSample s;
    sample(&s, 995, 1000, 410);
    write("health-sample", 0, s);
    sample(&s, 10, -3, nan);
    write("health-sample-nan-negative", 0, s);
    s.mutable_interval_start()->set_seconds(std::numeric_limits<int64_t>::max());
    write("health-sample-far-future", 0, s);

    v1::ListJourneysResponse c;
    c.add_regions("eu-west");
    auto* j = c.add_journeys();
    j->set_id("checkout");
    j->set_display_name("Checkout availability");
    j->set_sli_kind(v1::SLI_KIND_AVAILABILITY);
    j->set_objective(0.999);
    j->mutable_slo_window()->set_seconds(28 * 24 * 3600);
    write("catalog", 1, c);
    j->set_objective(nan);
    write("catalog-nan-objective", 1, c);

    v1::Deploy d;
    d.set_id("dep-000631");
    d.set_service("payments-api");
    d.set_version("2026.11.25-7");
    d.set_region("eu-west");
    d.set_status(v1::DEPLOY_STATUS_IN_PROGRESS);
    d.mutable_started_at()->set_seconds(1'764'000'000);
    d.set_canary_share(0.25);
    d.add_journeys("payment-authorization");
    d.set_description("payments-api: new card BIN routing table");
    d.set_resource_version(2);
    write("deploy", 2, d);
    d.set_canary_share(nan);
    d.set_description("\xff\xfe bad \xc3\x28 utf-8");
    d.mutable_started_at()->set_seconds(std::numeric_limits<int64_t>::min());
    write("deploy-adversarial", 2, d);

    v1::FlagChange f;
    f.set_sequence(7);
    f.mutable_flag()->set_key("payments.3ds-v2-flow");
    f.mutable_flag()->set_kind(v1::FLAG_KIND_KILL_SWITCH);
    f.set_environment("production");
    f.set_region("eu-west");
    f.set_enabled(false);
    f.set_actor("ic@sim");
    f.set_reason("3DS failing in eu-west");
    f.mutable_changed_at()->set_seconds(1'764'000'100);
    write("flag-change", 3, f);

    v1::Vendor v;
    v.set_id("stripe");
    v.set_display_name("Stripe");
    v.set_category(v1::VENDOR_CATEGORY_PAYMENT_PROVIDER);
    write("vendor", 4, v);
    v1::CategoryRouting r;
    r.set_category(v1::VENDOR_CATEGORY_PAYMENT_PROVIDER);
    r.set_region("eu-west");
    write("routing", 5, r);

    v1::Mismatch m;
    m.set_id("mm-000123456");
    m.set_type(v1::MISMATCH_TYPE_AMOUNT_MISMATCH);
    m.set_status(v1::MISMATCH_STATUS_OPEN);
    m.set_provider_id("stripe");
    m.set_region("eu-west");
    m.set_order_id("ord-1");
    m.mutable_amount()->set_amount_minor(12'345);
    m.mutable_amount()->set_currency_code("EUR");
    m.mutable_detected_at()->set_seconds(1'764'000'000);
    m.set_summary("captured 123.45 EUR, not in the settlement file");
    write("mismatch", 6, m);
    m.mutable_amount()->set_amount_minor(-500);
    m.mutable_amount()->set_currency_code("eu");
    m.set_summary("card 4111 1111 1111 1111 " + std::string(2000, 'x'));
    write("mismatch-negative-amount", 6, m);

    v1::MismatchDetail md;
    *md.mutable_mismatch() = m;
    write("mismatch-detail", 7, md);

    v1::Incident i;
    i.set_id("6f1c2a3e-0000-4000-8000-000000000001");
    i.set_severity(v1::INCIDENT_SEVERITY_SEV1);
    i.set_title("Payment authorization down in eu-west");
    i.add_journeys("payment-authorization");
    i.add_regions("eu-west");
    i.mutable_declared_at()->set_seconds(1'764'000'000);
    i.set_version(3);
    write("incident", 8, i);

    v1::TimelineEntry t;
    t.set_id("6f1c2a3e-0000-4000-8000-000000000002");
    t.set_incident_id(i.id());
    t.set_kind(v1::TIMELINE_ENTRY_KIND_NOTE);
    t.mutable_at()->set_seconds(1'764'000'060);
    t.set_text("rolled back dep-000631");
    write("timeline-entry", 9, t);

    v1::ActionItem a;
    a.set_id("6f1c2a3e-0000-4000-8000-000000000003");
    a.set_incident_id(i.id());
    a.set_title("Alert on BIN routing changes");
    a.set_owner("dana");
    a.set_due_date("2026-12-01");
    a.set_revision(1);
    write("action-item", 10, a);
    a.set_due_date("2026-02-31");
    write("action-item-impossible-date", 10, a);

    v1::GetHistoryResponse h;
    auto* series = h.add_series();
    series->set_journey_id("checkout");
    series->set_region("eu-west");
    for (int k = 0; k < 24; ++k) {
        sample(series->add_samples(), 990 + k % 10, 1000, 300);
        series->mutable_samples(k)->mutable_interval_start()->set_seconds(1'760'000'000 + k * 3600);
        series->mutable_samples(k)->mutable_interval()->set_seconds(3600);
    }
    write("history", 11, h);
    return 0;
}
