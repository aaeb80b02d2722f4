// Opening the deploys view with 10,000 deploys and the flags view with 5,000
// flags (data loaded from the simulator through the real feed clients): time
// to first paint, and time to apply a filter.
#include "bench_report.h"
#include "change_feed_client.h"
#include "deploy_list_model.h"
#include "deploys_view.h"
#include "flag_list_model.h"
#include "flags_view.h"
#include "record_filter_model.h"
#include "simulator_process.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <cstdio>

using namespace wf;
using namespace wf::bench;

namespace {

template <typename Fn>
double timeMs(Fn&& fn)
{
    QElapsedTimer t;
    t.start();
    fn();
    return double(t.nsecsElapsed()) / 1e6;
}

}  // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    SimulatorProcess sim;
    SimulatorOptions o;
    o.scenario = QStringLiteral("quiet-day");
    o.extraArguments = {QStringLiteral("--deploy-history"), QStringLiteral("10000"),
                        QStringLiteral("--flag-count"), QStringLiteral("5000")};
    sim.start(o);
    if (!sim.waitUntilListening(15000)) {
        std::fprintf(stderr, "bench: simulator did not start: %s\n", qPrintable(sim.errorText()));
        return 1;
    }
    EndpointConfig c;
    c.target = sim.endpoint();
    c.token = sim.token(QStringLiteral("viewer"));
    QVector<Deploy> deploys;
    QVector<Flag> flags;
    DeployFeedClient deployFeed;
    deployFeed.setLookbackMs(10LL * 365 * 24 * 3600 * 1000);
    FlagFeedClient flagFeed;
    QEventLoop loop;
    QObject::connect(&deployFeed, &DeployFeedClient::deploysLoaded, &loop,
                     [&](const QVector<Deploy>& d, qint64) {
                         deploys = d;
                         if (!flags.isEmpty())
                             loop.quit();
                     });
    QObject::connect(&flagFeed, &FlagFeedClient::flagsLoaded, &loop, [&](const QVector<Flag>& f) {
        flags = f;
        if (!deploys.isEmpty())
            loop.quit();
    });
    QElapsedTimer load;
    load.start();
    deployFeed.start(c);
    flagFeed.start(c);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    deployFeed.stop();
    flagFeed.stop();
    if (deploys.size() < 9000 || flags.size() < 4900) {
        std::fprintf(stderr, "bench: got %lld deploys and %lld flags\n",
                     static_cast<long long>(deploys.size()), static_cast<long long>(flags.size()));
        return 1;
    }
    report("change_views_load_from_platform", double(load.nsecsElapsed()) / 1e6, "ms");
    report("deploys_loaded", double(deploys.size()), "deploys");
    report("flags_loaded", double(flags.size()), "flags");

    std::vector<double> deployPaint, deployFilter, flagPaint, flagFilter;
    for (int run = 0; run < 5; ++run) {
        {
            DeployListModel model;
            DeploysView view(&model);
            view.resize(1280, 800);
            view.show();
            deployPaint.push_back(timeMs([&] {
                model.setDeploys(deploys);
                view.grab();
            }));
            // The first filter reads each row's text once; measure a typical sequence.
            deployFilter.push_back(
                timeMs([&] { view.filterModel()->setFilterText(QStringLiteral("payments")); }));
            deployFilter.push_back(timeMs(
                [&] { view.filterModel()->setFilterText(QStringLiteral("payments eu-west")); }));
            deployFilter.push_back(timeMs([&] { view.filterModel()->setFilterText(QString()); }));
        }
        {
            FlagListModel model;
            FlagsView view(&model);
            view.resize(1280, 800);
            view.show();
            flagPaint.push_back(timeMs([&] {
                model.setFlags(flags);
                view.grab();
            }));
            flagFilter.push_back(
                timeMs([&] { view.filterModel()->setFilterText(QStringLiteral("payments")); }));
            flagFilter.push_back(timeMs(
                [&] { view.filterModel()->setFilterText(QStringLiteral("payments kill")); }));
            flagFilter.push_back(timeMs([&] { view.filterModel()->setFilterText(QString()); }));
        }
    }
    report("deploys_view_10k_first_paint", median(deployPaint), "ms");
    report("deploys_view_10k_filter_median", median(deployFilter), "ms");
    report("deploys_view_10k_filter_max",
           *std::max_element(deployFilter.begin(), deployFilter.end()), "ms");
    report("flags_view_5k_first_paint", median(flagPaint), "ms");
    report("flags_view_5k_filter_median", median(flagFilter), "ms");
    report("flags_view_5k_filter_max", *std::max_element(flagFilter.begin(), flagFilter.end()),
           "ms");
    sim.stop();
    return 0;
}
