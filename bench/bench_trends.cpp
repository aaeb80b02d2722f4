// Opening the Trends view on 90 days of a backfilled platform (5 journeys x
// 3 regions, its deploys, flag changes and incidents), with the console's
// real window: from choosing the range to every chart of every tab painted
// (the report shown, then each tab brought forward and its widget grabbed,
// which paints its charts and tables), median and worst of five. Reported
// apart: the platform calls alone (history at 1 h, the deploys and the flag
// changes: TrendHistory::loadMs), request to report shown, the painting of
// the tabs alone, and the report's arithmetic and models alone. Figures
// only: nothing here asserts a timing.
#include "bench_report.h"
#include "health_store.h"
#include "incident_controller.h"
#include "incident_list_model.h"
#include "incident_log.h"
#include "main_window.h"
#include "trends_controller.h"
#include "trends_view.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace wf;
using namespace wf::bench;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    MainWindow window;
    window.openAuditLog(dir.filePath(QStringLiteral("audit.sqlite")));
    window.resize(1280, 800);
    window.show();
    SimulatorOptions options;
    options.scenario = QStringLiteral("quiet-day");
    options.seed = 3;
    options.extraArguments = {QStringLiteral("--history-days"), QStringLiteral("90")};
    window.startSimulator(options);
    // The backfilled incidents come into the console's store first.
    if (!QTest::qWaitFor([&] { return window.incidents()->incidents()->rowCount() >= 10; },
                         60000)) {
        std::fprintf(stderr, "bench_trends: the backfilled incidents did not arrive\n");
        return 1;
    }
    QTest::qWait(2000);  // the rest of them
    window.showTab(QStringLiteral("trends"));
    TrendsController* trends = window.trends();
    TrendsView* view = trends->view();
    QSignalSpy shown(trends, &TrendsController::reportShown);
    if (!QTest::qWaitFor([&] { return !shown.isEmpty(); }, 30000)) {
        std::fprintf(stderr, "bench_trends: the 28-day view did not load\n");
        return 1;
    }
    // Every tab brought forward and painted (charts included); back to the first.
    QTabWidget* tabs = view->tabs();
    const auto paintEveryTab = [&] {
        qint64 pixels = 0;
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            const QPixmap shot = tabs->currentWidget()->grab();
            pixels += qint64(shot.width()) * shot.height();
        }
        tabs->setCurrentIndex(0);
        return pixels;
    };
    std::vector<double> open, shownMs, calls, paint;
    qint64 pixels = 0;
    for (int run = 0; run < 5; ++run) {
        shown.clear();
        QElapsedTimer t;
        t.start();
        // From 28 days to 90, so every run really loads.
        if (view->presetDays() != 28) {
            view->rangeBox()->setCurrentIndex(0);
            if (!QTest::qWaitFor([&] { return !shown.isEmpty(); }, 30000)) {
                std::fprintf(stderr, "bench_trends: the 28-day view did not load\n");
                return 1;
            }
        }
        shown.clear();
        t.restart();
        view->rangeBox()->setCurrentIndex(1);  // 90 days
        if (!QTest::qWaitFor([&] { return !shown.isEmpty(); }, 30000)) {
            std::fprintf(stderr, "bench_trends: the 90-day view did not load\n");
            return 1;
        }
        QElapsedTimer painting;
        painting.start();
        pixels = paintEveryTab();  // every chart of every tab rendered
        paint.push_back(double(painting.elapsed()));
        open.push_back(double(t.elapsed()));
        shownMs.push_back(double(trends->lastShownMs()));
        calls.push_back(double(trends->lastLoadMs()));
    }
    if (pixels == 0) {
        std::fprintf(stderr, "bench_trends: the tabs painted nothing\n");
        return 1;
    }
    const TrendsReport& r = view->report();
    std::fprintf(stderr,
                 "bench_trends: %d SLO rows, %d incidents, %d deploys, %d flag changes in "
                 "production in 90 days; %d tabs painted\n",
                 int(r.slo.size()), int(r.incidents.size()), r.change.deploys, r.change.flagChanges,
                 tabs->count());
    report("trends_90d_open_to_charts_painted_median", median(open), "ms");
    report("trends_90d_open_to_charts_painted_worst", *std::max_element(open.begin(), open.end()),
           "ms");
    report("trends_90d_platform_calls_median", median(calls), "ms");
    report("trends_90d_report_shown_median", median(shownMs), "ms");
    report("trends_90d_paint_every_tab_median", median(paint), "ms");

    // The arithmetic alone, on what was loaded.
    QElapsedTimer t;
    t.start();
    int n = 0;
    while (t.elapsed() < 500) {
        view->showReport(r);
        ++n;
    }
    report("trends_90d_show_report", double(t.elapsed()) / n, "ms");
    return 0;
}
