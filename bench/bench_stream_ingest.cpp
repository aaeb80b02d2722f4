// Samples per second from the simulator through the client into the models
// (store + board model), and the UI event loop's longest stall meanwhile.
#include "bench_report.h"
#include "health_store.h"
#include "journey_board_model.h"
#include "journey_health_client.h"
#include "simulator_process.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>
#include <QTimer>
#include <cstdio>

using namespace wf;
using namespace wf::bench;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    SimulatorProcess sim;
    SimulatorOptions o;
    o.scenario = QStringLiteral("quiet-day");
    o.speed = 200000;  // 20,000 ticks/s = 300,000 samples/s offered
    sim.start(o);
    if (!sim.waitUntilListening(15000)) {
        std::fprintf(stderr, "bench: simulator did not start: %s\n", qPrintable(sim.errorText()));
        return 1;
    }
    HealthStore store;
    JourneyBoardModel model(&store);
    QTableView view;  // a real view on the model, repainting as data changes
    view.setModel(&model);
    view.resize(1200, 600);
    view.show();
    JourneyHealthClient client;
    QObject::connect(&client, &JourneyHealthClient::catalogReady, &store, &HealthStore::setCatalog,
                     Qt::QueuedConnection);
    QObject::connect(&client, &JourneyHealthClient::historyReady, &store, &HealthStore::setHistory,
                     Qt::QueuedConnection);
    QObject::connect(&client, &JourneyHealthClient::samplesReceived, &store, &HealthStore::ingest,
                     Qt::QueuedConnection);

    // Stall probe: a 1 ms timer; the largest gap between two firings is the
    // longest time the event loop was busy with something else.
    QElapsedTimer probeClock;
    qint64 lastTick = 0, maxGapNs = 0;
    bool measuring = false;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = probeClock.nsecsElapsed();
        if (measuring && lastTick > 0)
            maxGapNs = std::max(maxGapNs, now - lastTick);
        lastTick = now;
    });

    EndpointConfig c;
    c.target = sim.endpoint();
    client.start(c);
    probeClock.start();
    probe.start();

    // Warm up until live samples flow, then measure for 5 s.
    qint64 startSamples = 0;
    QElapsedTimer window;
    QTimer::singleShot(0, [&] {
        auto waitLive = std::make_shared<QTimer>();
        waitLive->setInterval(20);
        QObject::connect(waitLive.get(), &QTimer::timeout, [&, waitLive] {
            if (store.counters().samples < 20000)
                return;
            waitLive->stop();
            startSamples = store.counters().samples;
            measuring = true;
            lastTick = 0;
            window.start();
            QTimer::singleShot(5000, [&] {
                measuring = false;
                const double secs = double(window.nsecsElapsed()) / 1e9;
                const double rate = double(store.counters().samples - startSamples) / secs;
                report("stream_ingest_samples_per_s", rate, "samples/s");
                report("stream_ingest_ui_max_stall", double(maxGapNs) / 1e6, "ms");
                report("stream_ingest_duplicates", double(store.counters().duplicates), "samples");
                QCoreApplication::quit();
            });
        });
        waitLive->start();
    });
    QTimer::singleShot(60000, [] {
        std::fprintf(stderr, "bench: no live data within 60 s\n");
        QCoreApplication::exit(1);
    });
    const int rc = app.exec();
    client.stop();
    sim.stop();
    return rc;
}
