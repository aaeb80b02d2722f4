// 1,000,000 points downsampled (LTTB) and handed to a chart, next to the same
// points handed to a plain QLineSeries without downsampling; and what drawing
// each costs. The plain baseline uses QLineSeries::replace(), the fastest way
// in: QLineSeries::append(QList) is quadratic (it updates the chart per
// point), so it is measured only at 20,000 points for scale.
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

    std::vector<double> lttbMs, plainMs, lttbDrawMs, plainDrawMs, appendMs;
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
        if (run < 3) {
            ChartFixture f;
            QElapsedTimer t;
            t.start();
            f.series->replace(points);
            plainMs.push_back(double(t.nsecsElapsed()) / 1e6);
            t.restart();
            f.view.grab();
            plainDrawMs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        if (run == 0) {
            ChartFixture f;
            QElapsedTimer t;
            t.start();
            f.series->append(points.mid(0, 20000));
            appendMs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
    }
    const double lttb = median(lttbMs), plain = median(plainMs);
    const double lttbDraw = median(lttbDrawMs), plainDraw = median(plainDrawMs);
    report("chart_lttb_1m_to_series", lttb, "ms");
    report("chart_plain_replace_1m_to_series", plain, "ms");
    report("chart_lttb_draw", lttbDraw, "ms");
    report("chart_plain_draw_1m", plainDraw, "ms");
    report("chart_lttb_1m_on_screen", lttb + lttbDraw, "ms");
    report("chart_plain_1m_on_screen", plain + plainDraw, "ms");
    report("chart_on_screen_plain_over_lttb", (plain + plainDraw) / (lttb + lttbDraw), "x");
    report("chart_plain_append_20k_points", median(appendMs), "ms");
    return 0;
}
