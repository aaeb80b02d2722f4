// 1,000,000 points downsampled (LTTB) and handed to a chart, next to the same
// points appended to a plain QLineSeries; and what drawing each costs.
#include "bench_report.h"
#include "lttb.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QPixmap>
#include <QRandomGenerator>
#include <QValueAxis>
#include <cmath>

using namespace wf::bench;

namespace {

QList<QPointF> makePoints(qsizetype n)
{
    QList<QPointF> pts;
    pts.reserve(n);
    QRandomGenerator rng(42);
    for (qsizetype i = 0; i < n; ++i) {
        const double dip = (i > n / 2 && i < n / 2 + n / 50) ? 12.0 : 0.0;
        pts.append({double(i) * 10000.0, 99.9 - dip + std::sin(double(i) / 5000.0) * 0.05 +
                                             rng.generateDouble() * 0.02});
    }
    return pts;
}

struct ChartFixture {
    QChart* chart = new QChart;
    QLineSeries* series = new QLineSeries;
    QChartView view{chart};
    ChartFixture()
    {
        chart->addSeries(series);
        chart->createDefaultAxes();
        chart->setAnimationOptions(QChart::NoAnimation);
        view.resize(1280, 400);
    }
};

}  // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QList<QPointF> points = makePoints(1'000'000);
    const int width = 1000;  // plot width in pixels

    std::vector<double> lttbMs, plainMs, lttbDrawMs, plainDrawMs;
    for (int run = 0; run < 7; ++run) {
        {
            ChartFixture f;
            QElapsedTimer t;
            t.start();
            const QList<QPointF> reduced = wf::downsampleLttb(points, width);
            f.series->replace(reduced);
            lttbMs.push_back(double(t.nsecsElapsed()) / 1e6);
            t.restart();
            f.view.grab();
            lttbDrawMs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        if (run < 3) {  // the plain path is slow: fewer runs
            ChartFixture f;
            QElapsedTimer t;
            t.start();
            f.series->append(points);
            plainMs.push_back(double(t.nsecsElapsed()) / 1e6);
            t.restart();
            f.view.grab();
            plainDrawMs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
    }
    const double lttb = median(lttbMs), plain = median(plainMs);
    report("chart_lttb_1m_to_chart", lttb, "ms");
    report("chart_plain_append_1m", plain, "ms");
    report("chart_plain_over_lttb_ratio", plain / lttb, "x");
    report("chart_lttb_draw", median(lttbDrawMs), "ms");
    report("chart_plain_draw_1m", median(plainDrawMs), "ms");
    report("chart_end_to_end_ratio", (plain + median(plainDrawMs)) / (lttb + median(lttbDrawMs)), "x");
    return 0;
}
