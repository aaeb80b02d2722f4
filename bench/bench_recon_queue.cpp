// The reconciliation queue with the console's real model and view
// (ReconQueueView over ReconQueueModel, 1280x800) against the real simulator:
// 1. a million open mismatches: setQuery to the first rows painted;
// 2. applying a filter to the first page painted (ten filters);
// 3. jumping to the end: until the last rows are painted, and pages asked;
// 4. memory per loaded row (the model's own count, and the process's RSS);
// 5. a settlement file's 50,000 new mismatches through the stream: from the
//    first change arriving to the counts being right, and the longest UI
//    event-loop stall meanwhile.
// "Painted" means a paint of the table's viewport finished while the rows it
// shows were loaded (an event filter on the viewport times each paint).
// Figures go to stdout; where the time went (each call alone, the UI
// thread's time per event type, every stall over 16 ms) to stderr.
// `bench_recon_queue million` or `bench_recon_queue burst [open items]` runs
// one part (for profiling).
#include "bench_report.h"
#include "recon_change_pump.h"
#include "recon_feed_client.h"
#include "recon_query_client.h"
#include "recon_queue_model.h"
#include "recon_queue_view.h"
#include "simulator_process.h"

#include <malloc.h>
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QHash>
#include <QMetaEnum>
#include <QScrollBar>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>

using namespace wf;
using namespace wf::bench;

namespace {

QElapsedTimer wall;  // every timestamp below: ns since the start

qint64 now()
{
    return wall.nsecsElapsed();
}

// CPU time of the calling thread: against the wall time it shows how much of
// a slow paint was waiting for a core (the simulator, the stream's thread and
// this one share two cores).
qint64 cpuNow()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

// Processes events until `done` holds; false after `timeoutMs`. The stall
// probe's 1 ms timer keeps the wait from sleeping longer than that.
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    const qint64 until = now() + qint64(timeoutMs) * 1000000;
    while (!done()) {
        if (now() > until)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// A 1 ms timer: the largest gap between two firings is the longest time the
// event loop was busy with something else. Gaps over 16 ms are kept too.
struct StallProbe {
    QTimer timer;
    qint64 last = 0;
    qint64 maxGap = 0;
    qint64 maxGapEnd = 0;
    bool measuring = false;
    std::vector<std::pair<qint64, qint64>> longGaps;  // (end, length)

    StallProbe()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(1);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 t = now();
            if (measuring && last > 0) {
                const qint64 gap = t - last;
                if (gap > maxGap) {
                    maxGap = gap;
                    maxGapEnd = t;
                }
                if (gap > 16'000'000)
                    longGaps.emplace_back(t, gap);
            }
            last = t;
        });
        timer.start();
    }
    void begin()
    {
        measuring = true;
        last = 0;
        maxGap = 0;
        maxGapEnd = 0;
        longGaps.clear();
    }
    void end() { measuring = false; }
};

// Times every paint of the table's viewport (the filter re-sends the paint
// event to the viewport and returns true, so it sees when the paint ends).
// arm(ready): the end of the first paint during which ready() held.
class PaintWatch : public QObject {
public:
    explicit PaintWatch(QWidget* viewport) : viewport_(viewport)
    {
        viewport_->installEventFilter(this);
    }
    void arm(std::function<bool()> ready)
    {
        ready_ = std::move(ready);
        doneAt_ = -1;
    }
    bool done() const { return doneAt_ >= 0; }
    qint64 doneAt() const { return doneAt_; }
    qint64 paints() const { return paints_; }
    qint64 paintNs() const { return paintNs_; }
    qint64 maxPaintNs() const { return maxPaintNs_; }
    qint64 paintCpuNs() const { return paintCpuNs_; }
    void resetStats() { paints_ = paintNs_ = maxPaintNs_ = paintCpuNs_ = 0; }

protected:
    bool eventFilter(QObject* o, QEvent* e) override
    {
        if (o != viewport_ || e->type() != QEvent::Paint || inside_)
            return false;
        const bool ready = ready_ && doneAt_ < 0 && ready_();
        const qint64 begin = now(), cpuBegin = cpuNow();
        inside_ = true;
        QCoreApplication::sendEvent(viewport_, e);
        inside_ = false;
        const qint64 end = now();
        paintCpuNs_ += cpuNow() - cpuBegin;
        ++paints_;
        paintNs_ += end - begin;
        maxPaintNs_ = std::max(maxPaintNs_, end - begin);
        if (ready)
            doneAt_ = end;
        return true;
    }

private:
    QWidget* viewport_;
    std::function<bool()> ready_;
    qint64 doneAt_ = -1;
    bool inside_ = false;
    qint64 paints_ = 0, paintNs_ = 0, maxPaintNs_ = 0, paintCpuNs_ = 0;
};

// Times every event the UI thread handles at the top level (nested ones are
// part of theirs), by event type and receiver class, while `recording`:
// where the event loop's time went during a stall.
class TimingApp : public QApplication {
public:
    using QApplication::QApplication;
    struct Cost {
        qint64 count = 0, ns = 0, maxNs = 0;
    };
    bool recording = false;
    QHash<QString, Cost> costs;

    bool notify(QObject* receiver, QEvent* e) override
    {
        if (!recording || depth_ > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, e);
        // Named before: the event may delete its receiver (DeferredDelete).
        const char* type = QMetaEnum::fromType<QEvent::Type>().valueToKey(e->type());
        const QString key =
            QStringLiteral("%1 to %2")
                .arg(type ? QString::fromLatin1(type) : QString::number(int(e->type())),
                     QString::fromLatin1(receiver->metaObject()->className()));
        const qint64 begin = now();
        ++depth_;
        const bool r = QApplication::notify(receiver, e);
        --depth_;
        const qint64 d = now() - begin;
        Cost& c = costs[key];
        ++c.count;
        c.ns += d;
        c.maxNs = std::max(c.maxNs, d);
        return r;
    }
    void print(const char* what) const
    {
        QList<QPair<qint64, QString>> order;
        for (auto it = costs.cbegin(); it != costs.cend(); ++it)
            order.append({it->ns, it.key()});
        std::sort(order.begin(), order.end(), std::greater<>());
        for (int i = 0; i < order.size() && i < 8; ++i) {
            const Cost& c = costs[order[i].second];
            std::fprintf(stderr, "  %s: event %s: %lld, %.1f ms in all, longest %.1f ms\n", what,
                         qPrintable(order[i].second), static_cast<long long>(c.count), ms(c.ns),
                         ms(c.maxNs));
        }
    }

private:
    int depth_ = 0;
};

TimingApp* timingApp()
{
    return static_cast<TimingApp*>(QCoreApplication::instance());
}

qint64 vmRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

EndpointConfig endpointOf(const SimulatorProcess& sim)
{
    EndpointConfig c;
    c.target = sim.endpoint();
    c.token = sim.token(QStringLiteral("viewer"));
    return c;
}

bool startSim(SimulatorProcess& sim, const SimulatorOptions& o)
{
    sim.start(o);
    if (!sim.waitUntilListening(120000)) {
        std::fprintf(stderr, "bench: simulator did not start: %s\n", qPrintable(sim.errorText()));
        return false;
    }
    return true;
}

// The rows the table shows now are all loaded (and there are some).
bool visibleRowsLoaded(const ReconQueueModel& model, const QTableView& table)
{
    if (model.rowCount() == 0)
        return false;
    const int first = std::max(0, table.rowAt(0));
    int last = table.rowAt(table.viewport()->height() - 1);
    if (last < 0)
        last = model.rowCount() - 1;
    return model.isLoaded(first) && model.isLoaded(last);
}

MismatchQuery filtered(std::initializer_list<MismatchType> types, QStringList currencies = {})
{
    MismatchQuery q;
    q.filter.types = types;
    q.filter.currencies = currencies;
    return q;
}

// Parts 1-4: a million open mismatches.
int benchMillion(StallProbe& probe)
{
    SimulatorProcess sim;
    SimulatorOptions o;
    o.scenario = QStringLiteral("quiet-day");
    o.extraArguments = {QStringLiteral("--recon-size"), QStringLiteral("1000000")};
    const qint64 simStart = now();
    if (!startSim(sim, o))
        return 1;
    report("recon_sim_1m_startup", ms(now() - simStart), "ms");

    ReconQueryClient client;
    client.setEndpoint(endpointOf(sim));
    ReconQueueModel model(&client);
    ReconQueueView view(&model);
    QTableView* table = view.table();
    view.resize(1280, 800);
    view.show();
    PaintWatch paints(table->viewport());
    QCoreApplication::processEvents();

    bool applied = false;
    qint64 appliedAt = 0;
    QObject::connect(&model, &ReconQueueModel::queryApplied, [&] {
        applied = true;
        appliedAt = now();
    });
    QObject::connect(&model, &ReconQueueModel::loadFailed, [](const QString& why) {
        std::fprintf(stderr, "bench: load failed: %s\n", qPrintable(why));
    });

    // setQuery (what opening the tab, the filter bar and a header click all
    // call) to the first paint showing loaded rows. Returns ms, or -1.
    qint64 summaryAt = 0;
    QObject::connect(&model, &ReconQueueModel::summaryChanged, [&] { summaryAt = now(); });
    qint64 lastQueryAt = 0;
    auto showQuery = [&](const MismatchQuery& q, double* pageMs, double* stallMs) -> double {
        applied = false;
        summaryAt = 0;
        paints.arm([&] { return applied && visibleRowsLoaded(model, *table); });
        probe.begin();
        const qint64 t0 = lastQueryAt = now();
        model.setQuery(q);
        if (!waitUntil([&] { return paints.done(); }, 30000)) {
            probe.end();
            std::fprintf(stderr, "bench: query not shown within 30 s (%d rows)\n",
                         model.rowCount());
            return -1;
        }
        probe.end();
        if (pageMs)
            *pageMs = ms(appliedAt - t0);
        if (stallMs)
            *stallMs = ms(probe.maxGap);
        return ms(paints.doneAt() - t0);
    };

    // 1. The whole open queue. The first query of the process also opens the
    //    gRPC connection; the console has it open already (the feed), so the
    //    figure is the median of five after a first, reported apart.
    double pageMs = 0, stallMs = 0;
    const double cold = showQuery({}, &pageMs, &stallMs);
    if (cold < 0)
        return 1;
    report("recon_first_rows_cold_ms", cold, "ms");
    report("recon_rows_total", model.rowCount(), "rows");
    std::vector<double> first, firstPage, firstStall;
    timingApp()->costs.clear();
    timingApp()->recording = true;
    for (int i = 0; i < 5; ++i) {
        const double t = showQuery({}, &pageMs, &stallMs);
        if (t < 0)
            return 1;
        first.push_back(t);
        firstPage.push_back(pageMs);
        firstStall.push_back(stallMs);
    }
    timingApp()->recording = false;
    timingApp()->print("first rows (5 queries)");
    std::fprintf(stderr, "  first rows: last query: summary in %.1f ms, page in model %.1f ms\n",
                 summaryAt > 0 ? ms(summaryAt - lastQueryAt) : -1.0, pageMs);
    report("recon_first_rows_ms", median(first), "ms");
    report("recon_first_rows_max_ms", *std::max_element(first.begin(), first.end()), "ms");
    report("recon_first_page_in_model_ms", median(firstPage), "ms");
    report("recon_first_rows_ui_max_stall", *std::max_element(firstStall.begin(), firstStall.end()),
           "ms");

    // 2. Filters, each new (the server caches its last six results). The
    //    filter bar's combo boxes call model.setQuery with the filter at once.
    const QVector<MismatchQuery> filters = [] {
        QVector<MismatchQuery> f;
        f << filtered({MismatchType::AmountMismatch}, {QStringLiteral("EUR")})
          << filtered({MismatchType::FeeDiscrepancy}, {QStringLiteral("USD")})
          << filtered({MismatchType::DuplicateCapture}, {QStringLiteral("GBP")})
          << filtered({MismatchType::CapturedWithoutOrder}, {QStringLiteral("JPY")})
          << filtered({MismatchType::RefundNotSettled}, {QStringLiteral("EUR")});
        MismatchQuery q = filtered({MismatchType::OrderWithoutCapture});
        q.filter.regions = {QStringLiteral("us-east")};
        f << q;
        q = {};
        q.filter.providerIds = {QStringLiteral("payments-globex")};
        q.filter.regions = {QStringLiteral("eu-west")};
        f << q;
        q = filtered({MismatchType::SettledWithoutCapture});
        q.filter.statuses = {MismatchStatus::Escalated};
        f << q;
        q = filtered({MismatchType::ChargebackWithoutOrder}, {QStringLiteral("USD")});
        q.filter.assignee = QStringLiteral("-");
        f << q;
        q = filtered({MismatchType::CurrencyMismatch});
        q.filter.minAmountMinor = 10000;
        f << q;
        return f;
    }();
    std::vector<double> filterMs, filterStall;
    timingApp()->costs.clear();
    timingApp()->recording = true;
    for (const MismatchQuery& q : filters) {
        const double t = showQuery(q, &pageMs, &stallMs);
        if (t < 0)
            return 1;
        filterMs.push_back(t);
        filterStall.push_back(stallMs);
        std::fprintf(stderr,
                     "  filter %lld: %.1f ms (summary in %.1f ms, page in model %.1f ms), %d "
                     "rows\n",
                     static_cast<long long>(filterMs.size()), t,
                     summaryAt > 0 ? ms(summaryAt - lastQueryAt) : -1.0, pageMs, model.rowCount());
    }
    timingApp()->recording = false;
    timingApp()->print("filters (10 queries)");
    report("recon_filter_first_page_median_ms", median(filterMs), "ms");
    report("recon_filter_first_page_max_ms", *std::max_element(filterMs.begin(), filterMs.end()),
           "ms");
    report("recon_filter_ui_max_stall", *std::max_element(filterStall.begin(), filterStall.end()),
           "ms");
    {
        // Where a query's time goes: each call alone, from a client of its
        // own (the same worker-thread client as the model's), one at a time.
        ReconQueryClient rpc;
        rpc.setEndpoint(endpointOf(sim));
        qint64 inAt = 0;
        QObject::connect(&rpc, &ReconQueryClient::summaryLoaded, &model, [&] { inAt = now(); });
        QObject::connect(&rpc, &ReconQueryClient::pageLoaded, &model, [&] { inAt = now(); });
        const auto timed = [&](const std::function<void()>& call) {
            inAt = 0;
            const qint64 t0 = now();
            call();
            waitUntil([&] { return inAt > 0; }, 10000);
            return inAt > 0 ? ms(inAt - t0) : -1.0;
        };
        timed([&] { rpc.fetchSummary(0, {}); });  // connects
        MismatchQuery fee = filtered({MismatchType::FeeDiscrepancy}, {QStringLiteral("EUR")});
        MismatchQuery globex;
        globex.filter.providerIds = {QStringLiteral("payments-globex")};
        globex.filter.regions = {QStringLiteral("us-east")};
        const int size = model.pageSize();
        for (const auto& [name, q] : {std::pair<const char*, MismatchQuery>{"whole queue", {}},
                                      {"fee EUR", fee},
                                      {"globex us-east", globex}}) {
            const double page = timed([&] { rpc.fetchPage(0, q, 0, size); });
            const double again = timed([&] { rpc.fetchPage(0, q, 0, size); });
            const double summary = timed([&] { rpc.fetchSummary(0, q.filter); });
            std::fprintf(stderr,
                         "  calls, %s: first page %.1f ms, again %.1f ms, summary %.1f ms\n", name,
                         page, again, summary);
        }
        rpc.stop();
    }
    {
        MismatchQuery q;  // free text (order id or provider reference)
        q.filter.text = QStringLiteral("7q2");
        const double t = showQuery(q, &pageMs, &stallMs);
        if (t < 0)
            return 1;
        report("recon_filter_text_first_page_ms", t, "ms");
    }
    {
        MismatchQuery q;  // a header click: the whole queue by amount
        q.sort = MismatchSort::Amount;
        q.descending = true;
        const double t = showQuery(q, &pageMs, &stallMs);
        if (t < 0)
            return 1;
        report("recon_sort_amount_first_page_ms", t, "ms");
    }

    // 3. The whole queue again, then the scroll bar to the end.
    if (showQuery({}, nullptr, nullptr) < 0)
        return 1;
    {
        const qint64 pagesBefore = client.pagesRequested();
        QScrollBar* bar = table->verticalScrollBar();
        paints.arm([&] {
            const int bottom = table->rowAt(table->viewport()->height() - 1);
            return (bottom < 0 || bottom == model.rowCount() - 1) &&
                   visibleRowsLoaded(model, *table);
        });
        probe.begin();
        const qint64 t0 = now();
        bar->setValue(bar->maximum());
        if (!waitUntil([&] { return paints.done(); }, 30000)) {
            std::fprintf(stderr, "bench: the end was not shown within 30 s\n");
            return 1;
        }
        const double t = ms(paints.doneAt() - t0);
        waitUntil([] { return false; }, 500);  // anything else it asks for
        probe.end();
        report("recon_scroll_to_end_ms", t, "ms");
        report("recon_scroll_to_end_pages_requested", double(client.pagesRequested() - pagesBefore),
               "pages");
        report("recon_scroll_to_end_ui_max_stall", ms(probe.maxGap), "ms");
    }

    // 4. Memory: 50 pages scrolled to, one after another, from a fresh query.
    if (showQuery({}, nullptr, nullptr) < 0)
        return 1;
    {
        waitUntil([] { return false; }, 300);
        const qint64 rows0 = model.loadedRowCount();
        const qint64 rssRaw0 = vmRssKb();
        malloc_trim(0);
        const qint64 rssTrim0 = vmRssKb();
        QScrollBar* bar = table->verticalScrollBar();
        const int pageSize = model.pageSize();
        const int pagesTotal = model.rowCount() / pageSize;
        std::vector<double> jumpMs;
        for (int i = 1; i <= 50; ++i) {
            // Distinct pages spread over the queue; the view (about 40 rows)
            // starts 40 rows into the page so it needs that page only.
            const int page = int((qint64(i) * 97) % (pagesTotal - 2)) + 1;
            paints.arm([&] { return visibleRowsLoaded(model, *table); });
            const qint64 t0 = now();
            bar->setValue(page * pageSize + 40);
            if (!waitUntil([&] { return paints.done(); }, 30000)) {
                std::fprintf(stderr, "bench: page %d not shown within 30 s\n", page);
                return 1;
            }
            jumpMs.push_back(ms(paints.doneAt() - t0));
        }
        waitUntil([] { return false; }, 300);
        const qint64 rows1 = model.loadedRowCount();
        const qint64 rssRaw1 = vmRssKb();
        malloc_trim(0);
        const qint64 rssTrim1 = vmRssKb();
        report("recon_scroll_jump_median_ms", median(jumpMs), "ms");
        report("recon_scroll_jump_max_ms", *std::max_element(jumpMs.begin(), jumpMs.end()), "ms");
        report("recon_loaded_rows", double(rows1), "rows");
        // The model's count: each page's row records and text buffer
        // (capacity), not the hash of pages or the shared string table.
        report("recon_model_bytes_per_loaded_row", double(model.loadedBytes()) / double(rows1),
               "bytes");
        // The process's resident memory growth over the 50 pages, per row they
        // added: also what gRPC, protobuf, the converted pages in transit, Qt's
        // text caches and the allocator kept. Raw, and after malloc_trim(0)
        // both times (freed memory handed back to the system).
        const double added = double(rows1 - rows0);
        report("recon_rss_growth_per_loaded_row", double(rssRaw1 - rssRaw0) * 1024.0 / added,
               "bytes");
        report("recon_rss_growth_per_loaded_row_trimmed",
               double(rssTrim1 - rssTrim0) * 1024.0 / added, "bytes");
    }
    {
        // What one paint of the whole table costs (rows loaded, nothing else
        // to do): every row change that reaches the view repaints it all.
        std::vector<double> repaintMs;
        for (int i = 0; i < 30; ++i) {
            const qint64 t0 = now();
            table->viewport()->repaint();
            repaintMs.push_back(ms(now() - t0));
        }
        report("recon_table_full_repaint_ms", median(repaintMs), "ms");
    }
    client.stop();
    sim.stop();
    return 0;
}

qint64 countOf(const MismatchSummary& s, MismatchType t)
{
    for (const TypeSummary& x : s.types)
        if (x.type == t)
            return x.count;
    return 0;
}

struct BurstResult {
    qint64 changes = 0;
    double receiveMs = 0, countsRightMs = 0, maxStallMs = 0;
    qint64 stallsOver16 = 0;
};

// 5. A settlement file: 50,000 new mismatches at once through the stream.
bool runBurst(StallProbe& probe, int openItems, BurstResult* result)
{
    constexpr qint64 kBurst = 50000;
    SimulatorProcess sim;
    SimulatorOptions o;
    o.scenario = QStringLiteral("settlement-file");  // the file lands 30 simulated s in
    o.speed = 12;                                    // 2.5 s of wall time
    o.extraArguments = {QStringLiteral("--recon-size"), QString::number(openItems)};
    if (!startSim(sim, o))
        return false;
    const qint64 simUp = now();

    ReconQueryClient client;
    client.setEndpoint(endpointOf(sim));
    ReconFeedClient feed;
    ReconQueueModel model(&client);
    ReconQueueView view(&model);
    QTableView* table = view.table();
    view.resize(1280, 800);
    view.show();
    PaintWatch paints(table->viewport());

    // As app/recon_controller.cpp wires them (queued, the UI thread takes all
    // changes at once), with the time each batch takes.
    std::atomic<qint64> firstArrival{-1};
    QObject::connect(
        &feed, &ReconFeedClient::changesAvailable, &feed,
        [&] {
            qint64 expected = -1;
            firstArrival.compare_exchange_strong(expected, now());
        },
        Qt::DirectConnection);
    // As the console does it (ReconChangePump: taken every 250 ms, applied
    // 5,000 per pass), with the time each pass takes.
    int batches = 0;
    qint64 applyNs = 0, maxApplyNs = 0, freeNs = 0, maxBatch = 0, firstApplied = -1;
    ReconChangePump pump(&feed, &model);
    QObject::connect(&pump, &ReconChangePump::applied, &model,
                     [&](const QVector<MismatchChange>& changes, qint64 elapsedNs) {
                         if (firstApplied < 0)
                             firstApplied = now() - elapsedNs;
                         ++batches;
                         applyNs += elapsedNs;
                         maxApplyNs = std::max(maxApplyNs, elapsedNs);
                         maxBatch = std::max<qint64>(maxBatch, changes.size());
                     });
    QObject::connect(
        &feed, &ReconFeedClient::queueLoaded, &model, [&] { model.refresh(); },
        Qt::QueuedConnection);
    bool live = false;
    QObject::connect(
        &feed, &ReconFeedClient::statusChanged, &model,
        [&](const ConnectionStatus& s) {
            view.setFeedStatus(s);
            live = s.state == ConnectionState::Live;
        },
        Qt::QueuedConnection);

    // Every state of the counts the user could see: (time, summary total,
    // rows, count per type).
    struct Seen {
        qint64 at;
        qint64 total;
        qint64 rows;
        std::array<qint64, kMismatchTypeCount> types;
    };
    std::vector<Seen> seen;
    auto note = [&] {
        Seen s{now(), model.summary().total, model.rowCount(), {}};
        for (int t = 0; t < kMismatchTypeCount; ++t)
            s.types[t] = countOf(model.summary(), MismatchType(t));
        seen.push_back(s);
    };
    QObject::connect(&model, &ReconQueueModel::summaryChanged, note);
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, note);
    QObject::connect(&model, &QAbstractItemModel::rowsRemoved, note);
    QObject::connect(&model, &QAbstractItemModel::modelReset, note);

    feed.start(endpointOf(sim));
    paints.arm([&] { return visibleRowsLoaded(model, *table); });
    model.setQuery({});
    if (!waitUntil(
            [&] {
                return live && paints.done() && model.summary().generation == model.generation() &&
                       model.summary().total == model.rowCount();
            },
            15000)) {
        std::fprintf(stderr, "bench: the queue was not live within 15 s\n");
        return false;
    }
    const qint64 before = model.summary().total;
    const qint64 receivedBefore = feed.changesReceived();
    firstArrival = -1;
    if (receivedBefore > 0)
        std::fprintf(stderr, "bench: %lld changes before the burst\n",
                     static_cast<long long>(receivedBefore));
    std::fprintf(stderr, "  burst: queue live %.0f ms after the simulator, %lld open\n",
                 ms(now() - simUp), static_cast<long long>(before));
    probe.begin();
    timingApp()->costs.clear();
    timingApp()->recording = true;
    paints.resetStats();
    seen.clear();
    batches = 0;
    applyNs = maxApplyNs = freeNs = maxBatch = 0;
    firstApplied = -1;

    if (!waitUntil([&] { return feed.changesReceived() >= receivedBefore + kBurst; }, 30000)) {
        std::fprintf(stderr, "bench: %lld of the burst's changes within 30 s\n",
                     static_cast<long long>(feed.changesReceived() - receivedBefore));
        return false;
    }
    const qint64 allReceived = now();
    // The server's word once everything is in: a SummarizeMismatches call of
    // its own (generation 0: never dropped).
    ReconQueryClient check;
    check.setEndpoint(endpointOf(sim));
    MismatchSummary server;
    bool serverIn = false;
    QObject::connect(&check, &ReconQueryClient::summaryLoaded, &model,
                     [&](const MismatchSummary& s) {
                         server = s;
                         serverIn = true;
                     });
    check.fetchSummary(0, {});
    if (!waitUntil([&] { return serverIn; }, 10000)) {
        std::fprintf(stderr, "bench: no summary from the server\n");
        return false;
    }
    // "Right": the summary's total and every type's count equal the server's
    // after the burst, and the table has that many rows. The time is that of
    // the first state (after the first change arrived) from which the counts
    // stayed right; wait until they are, then a second more for the
    // refetches that follow.
    auto isRight = [&](const Seen& s) {
        if (s.total != server.total || s.rows != server.total)
            return false;
        for (int t = 0; t < kMismatchTypeCount; ++t)
            if (s.types[t] != countOf(server, MismatchType(t)))
                return false;
        return true;
    };
    note();
    if (!waitUntil(
            [&] {
                note();
                return isRight(seen.back());
            },
            20000)) {
        probe.end();
        std::fprintf(stderr, "bench: counts not right within 20 s: %lld of %lld, %d rows\n",
                     static_cast<long long>(model.summary().total),
                     static_cast<long long>(server.total), model.rowCount());
        return false;
    }
    waitUntil([] { return false; }, 1000);
    probe.end();
    timingApp()->recording = false;
    note();
    qint64 rightAt = -1;
    for (auto it = seen.rbegin(); it != seen.rend() && isRight(*it); ++it)
        rightAt = it->at;
    if (server.total != before + kBurst)
        std::fprintf(stderr, "bench: the server counts %lld, expected %lld\n",
                     static_cast<long long>(server.total), static_cast<long long>(before + kBurst));
    const qint64 arrival = firstArrival.load();
    result->changes = feed.changesReceived() - receivedBefore;
    result->receiveMs = ms(allReceived - arrival);
    result->countsRightMs = ms(std::max(rightAt, arrival) - arrival);
    result->maxStallMs = ms(probe.maxGap);
    result->stallsOver16 = qint64(probe.longGaps.size());
    std::fprintf(stderr,
                 "  burst: all in %.1f ms, counts right at %.1f ms, longest stall %.1f ms; %d "
                 "batches (largest %lld changes): applyChanges %.1f ms in all, longest %.1f ms, "
                 "freeing the rows %.1f ms in all; first applied %.1f ms after arrival; table "
                 "paints %lld, %.1f ms in all (%.1f ms of CPU), longest %.1f ms\n",
                 result->receiveMs, result->countsRightMs, result->maxStallMs, batches,
                 static_cast<long long>(maxBatch), ms(applyNs), ms(maxApplyNs), ms(freeNs),
                 ms(firstApplied - arrival), static_cast<long long>(paints.paints()),
                 ms(paints.paintNs()), ms(paints.paintCpuNs()), ms(paints.maxPaintNs()));
    for (const auto& [end, length] : probe.longGaps)
        std::fprintf(stderr, "  burst: stall of %.1f ms ending %.1f ms after arrival\n", ms(length),
                     ms(end - arrival));
    timingApp()->print("burst");
    feed.stop();
    client.stop();
    check.stop();
    sim.stop();
    return true;
}

// Three runs (each a new simulator): the median, and the worst of each.
int benchBurst(StallProbe& probe, int openItems)
{
    std::vector<BurstResult> runs(3);
    for (BurstResult& r : runs)
        if (!runBurst(probe, openItems, &r))
            return 1;
    const auto figure = [&](const char* name, auto field, const char* unit) {
        std::vector<double> v;
        for (const BurstResult& r : runs)
            v.push_back(double(r.*field));
        report(name, median(v), unit);
        report((std::string(name) + "_worst").c_str(), *std::max_element(v.begin(), v.end()), unit);
    };
    report("recon_burst_changes", double(runs[0].changes), "changes");
    figure("recon_burst_receive_ms", &BurstResult::receiveMs, "ms");
    figure("recon_burst_counts_right_ms", &BurstResult::countsRightMs, "ms");
    figure("recon_burst_ui_max_stall", &BurstResult::maxStallMs, "ms");
    figure("recon_burst_ui_stalls_over_16ms", &BurstResult::stallsOver16, "stalls");
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApp app(argc, argv);
    wall.start();
    // An argument runs one part only (for profiling): "million", or "burst"
    // and optionally the open items before it (default 4000).
    const QString only = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const int openItems = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 4000;
    StallProbe probe;
    if (only != QLatin1String("burst"))
        if (const int rc = benchMillion(probe))
            return rc;
    return only == QLatin1String("million") ? 0 : benchBurst(probe, openItems);
}
