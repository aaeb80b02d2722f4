// What the platform sends, into the models the console shows: the first byte
// picks a message type, the rest is its wire encoding (any bytes: truncated,
// unknown fields, invalid UTF-8, NaN, huge or negative numbers). Each message
// goes through the same conversion the clients use and into the item model
// that shows it, and every cell of that model is read in every role.
// Properties: nothing crashes or overflows (ASan, UBSan); what a conversion
// accepts is sane (counts, latencies, text lengths, times in range); a bad
// amount is flagged, never shown as a plain figure.

#include "action_item_model.h"
#include "change_conversion.h"
#include "deploy_list_model.h"
#include "flag_list_model.h"
#include "fuzz_support.h"
#include "health_conversion.h"
#include "health_store.h"
#include "incident_conversion.h"
#include "incident_list_model.h"
#include "journey_board_model.h"
#include "recon_conversion.h"
#include "recon_query_client.h"
#include "recon_queue_model.h"
#include "timeline_model.h"
#include "timestamp_conversion.h"
#include "trends_client.h"
#include "trends_report.h"
#include "vendor_grid_model.h"
#include "watchfloor/v1/deploy.pb.h"
#include "watchfloor/v1/flag.pb.h"
#include "watchfloor/v1/incident.pb.h"
#include "watchfloor/v1/journey_health.pb.h"
#include "watchfloor/v1/reconciliation.pb.h"
#include "watchfloor/v1/vendor.pb.h"

#include <google/protobuf/stubs/logging.h>

#include <QAbstractItemModel>
#include <QGuiApplication>
#include <cmath>

namespace v1 = watchfloor::v1;
using wffuzz::FuzzInput;

namespace {

constexpr qint64 kMinMs = wf::kMinTimestampSeconds * 1000;
constexpr qint64 kMaxMs = wf::kMaxTimestampSeconds * 1000 + 999;

// Every cell, every role, and the headers: what a view would ask for.
void readEverything(const QAbstractItemModel& model)
{
    const int rows = std::min(model.rowCount(), 64);
    const int columns = model.columnCount();
    for (int role = 0; role <= Qt::UserRole + 16; ++role) {
        for (int c = 0; c < columns; ++c)
            (void)model.headerData(c, Qt::Horizontal, role);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < columns; ++c)
                (void)model.data(model.index(r, c), role);
    }
}

const wf::PlatformCatalog& catalog()
{
    static const wf::PlatformCatalog c = [] {
        v1::ListJourneysResponse r;
        r.add_regions("eu-west");
        r.add_regions("us-east");
        for (const char* id : {"checkout", "payment-authorization"}) {
            auto* j = r.add_journeys();
            j->set_id(id);
            j->set_sli_kind(v1::SLI_KIND_SUCCESS_RATE);
            j->set_objective(0.999);
            j->mutable_slo_window()->set_seconds(28 * 24 * 3600);
        }
        QString error;
        return *wf::toCatalog(r, &error);
    }();
    return c;
}

template <typename Message>
bool parse(const QByteArray& bytes, Message* m)
{
    return m->ParseFromArray(bytes.constData(), int(bytes.size()));
}

void checkTime(qint64 ms, const char* what)
{
    FUZZ_CHECK(ms >= kMinMs && ms <= kMaxMs,
               QStringLiteral("%1 out of range: %2").arg(what).arg(ms));
}

void healthSample(const QByteArray& bytes)
{
    v1::HealthSample s;
    if (!parse(bytes, &s))
        return;
    QString error;
    const std::optional<wf::HealthSample> sample = wf::toSample(catalog(), s, &error);
    FUZZ_CHECK(sample.has_value() != !error.isEmpty(), QStringLiteral("accepted with an error"));
    if (!sample)
        return;
    const wf::HealthPoint& p = sample->point;
    FUZZ_CHECK(p.good >= 0 && p.good <= p.valid,
               QStringLiteral("counts %1/%2").arg(p.good).arg(p.valid));
    FUZZ_CHECK(std::isfinite(p.p50Ms) && std::isfinite(p.p95Ms) && std::isfinite(p.p99Ms),
               QStringLiteral("latency not finite"));
    FUZZ_CHECK(p.intervalMs > 0, QStringLiteral("interval %1").arg(p.intervalMs));
    checkTime(p.startMs, "sample start");

    wf::HealthStore store;
    store.setCatalog(catalog());
    wf::JourneyBoardModel board(&store);
    store.ingest({*sample});
    store.recompute();
    readEverything(board);
}

void catalogMessage(const QByteArray& bytes)
{
    v1::ListJourneysResponse r;
    if (!parse(bytes, &r))
        return;
    QString error;
    const std::optional<wf::PlatformCatalog> c = wf::toCatalog(r, &error);
    if (!c)
        return;
    for (const wf::JourneyDefinition& j : c->journeys)
        FUZZ_CHECK(
            j.objective > 0 && j.objective < 1 && j.sloWindowMs > 0,
            QStringLiteral("journey %1 accepted with objective %2").arg(j.id).arg(j.objective));
    if (c->seriesCount() > 4096)
        return;  // a model that large is fine, but slow to walk here
    wf::HealthStore store;
    wf::JourneyBoardModel board(&store);
    store.setCatalog(*c);
    store.recompute();
    readEverything(board);
}

void deploy(const QByteArray& bytes)
{
    v1::Deploy d;
    if (!parse(bytes, &d))
        return;
    const wf::Deploy deploy = wf::toDeploy(d);
    checkTime(deploy.startedMs, "deploy start");
    wf::DeployListModel model;
    model.setDeploys({deploy});
    model.applyChange(deploy);
    readEverything(model);
}

void flagChange(const QByteArray& bytes)
{
    v1::FlagChange c;
    if (!parse(bytes, &c))
        return;
    const wf::FlagChangeEvent change = wf::toFlagChange(c);
    wf::FlagListModel model;
    model.setFlags({change.flag});
    model.applyFlag(change.flag);
    model.recordChange(change);
    readEverything(model);
}

void vendor(const QByteArray& bytes, bool routing)
{
    wf::VendorGridModel model;
    if (routing) {
        v1::CategoryRouting r;
        if (!parse(bytes, &r))
            return;
        model.setVendors({}, {wf::toRouting(r)});
    } else {
        v1::Vendor v;
        if (!parse(bytes, &v))
            return;
        const wf::Vendor vendor = wf::toVendor(v);
        model.setVendors({vendor}, {});
        model.applyVendor(vendor);
    }
    readEverything(model);
}

void mismatch(const QByteArray& bytes)
{
    v1::Mismatch p;
    if (!parse(bytes, &p))
        return;
    const wf::Mismatch m = wf::toMismatch(p);
    FUZZ_CHECK(m.id.size() <= wf::kMaxIdLength && m.summary.size() <= wf::kMaxSummaryLength,
               QStringLiteral("text longer than the limits"));
    // An amount that is not a positive, sane figure in a known currency is
    // flagged on the row.
    if (!m.amount.valid() || m.amount.minor <= 0 || m.amount.minor > wf::kMaxSaneMinor)
        FUZZ_CHECK(!m.problem.isEmpty(), QStringLiteral("amount %1 %2 shown without a problem")
                                             .arg(m.amount.minor)
                                             .arg(m.amount.currency));
    checkTime(m.detectedMs, "detected");
    static wf::ReconQueryClient client;  // never connected: the rows come from here
    wf::ReconQueueModel model(&client);
    model.setNowMs(1'764'000'000'000);
    model.showSnapshot({}, {m}, {});
    readEverything(model);
}

void mismatchDetail(const QByteArray& bytes)
{
    v1::MismatchDetail d;
    if (!parse(bytes, &d))
        return;
    const wf::MismatchDetail detail = wf::toMismatchDetail(d);
    (void)detail;
}

void incident(const QByteArray& bytes)
{
    v1::Incident p;
    if (!parse(bytes, &p))
        return;
    const wf::Incident i = wf::fromProto(p);
    wf::IncidentListModel model;
    model.setIncidents({i});
    readEverything(model);
    // Back to the wire and in again: what the console sends is what it kept.
    v1::Incident again;
    wf::toProto(i, &again);
    const wf::Incident twice = wf::fromProto(again);
    FUZZ_CHECK(twice.id == i.id && twice.title == i.title && twice.severity == i.severity,
               QStringLiteral("incident %1 changed on a round trip").arg(i.id));
}

void timelineEntry(const QByteArray& bytes)
{
    v1::TimelineEntry p;
    if (!parse(bytes, &p))
        return;
    wf::TimelineModel model;
    model.setEntries(QStringLiteral("inc"), {wf::fromProto(p)});
    readEverything(model);
}

void actionItem(const QByteArray& bytes)
{
    v1::ActionItem p;
    if (!parse(bytes, &p))
        return;
    wf::ActionItemModel model;
    model.setItems(QStringLiteral("inc"), {wf::fromProto(p)});
    readEverything(model);
}

void history(const QByteArray& bytes)
{
    v1::GetHistoryResponse r;
    if (!parse(bytes, &r))
        return;
    wf::TrendHistory h;
    h.fromMs = 1'760'000'000'000;
    h.toMs = h.fromMs + 28 * 24 * 3600'000LL;
    h.resolutionMs = 3600'000;
    wf::readHistory(r, &h);
    for (const QVector<wf::HealthPoint>& points : std::as_const(h.series))
        for (const wf::HealthPoint& p : points)
            FUZZ_CHECK(p.good >= 0 && p.good <= p.valid && p.intervalMs > 0,
                       QStringLiteral("a bad bucket was kept"));
    const wf::TrendsReport report = wf::buildTrendsReport(catalog(), h, {}, h.toMs);
    (void)report;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // The models hand out fonts and colours: they need a GUI application.
    static QGuiApplication* app = [] {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Invalid UTF-8 in a string field is refused by the parser and logged
        // each time: millions of lines while fuzzing.
        google::protobuf::SetLogHandler(nullptr);
        static int argc = 1;
        static char name[] = "fuzz_proto_models";
        static char* argv[] = {name, nullptr};
        return new QGuiApplication(argc, argv);
    }();
    (void)app;
    FuzzInput in(data, size);
    const int kind = in.byte() % 12;
    const QByteArray bytes = in.rest();
    switch (kind) {
        case 0: healthSample(bytes); break;
        case 1: catalogMessage(bytes); break;
        case 2: deploy(bytes); break;
        case 3: flagChange(bytes); break;
        case 4: vendor(bytes, false); break;
        case 5: vendor(bytes, true); break;
        case 6: mismatch(bytes); break;
        case 7: mismatchDetail(bytes); break;
        case 8: incident(bytes); break;
        case 9: timelineEntry(bytes); break;
        case 10: actionItem(bytes); break;
        default: history(bytes); break;
    }
    return 0;
}
