#pragma once

// The selected journey's SLI and latency percentiles over a selectable range
// (15 min to 7 days), with the objective drawn across. Points are downsampled
// to the plot's width before they reach the chart.

#include <QVector>
#include <QWidget>
#include <functional>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QDateTimeAxis;
class QValueAxis;
class QTimer;

namespace wf {

class HealthStore;

// A deploy, flag change or vendor event drawn on the chart's time axis.
struct ChangeMarker {
    enum class Kind { Deploy, Flag, Vendor };
    qint64 atMs = 0;
    Kind kind = Kind::Deploy;
    QString label;  // shown on hover
};
// The markers for a journey (region -1 = all) in [fromMs, toMs).
using ChangeMarkerSource =
    std::function<QVector<ChangeMarker>(int journey, int region, qint64 fromMs, qint64 toMs)>;

class JourneyChartView : public QWidget {
    Q_OBJECT
public:
    explicit JourneyChartView(HealthStore* store, QWidget* parent = nullptr);

    void setJourney(int journey, int region);
    void setRangeMs(qint64 rangeMs);
    qint64 rangeMs() const;
    // Redraws now (normally once a second while visible).
    void refresh();

    void setMarkerSource(ChangeMarkerSource source) { markerSource_ = std::move(source); }
    const QVector<ChangeMarker>& markers() const { return markers_; }

    qsizetype drawnPoints() const;
    QChart* chart() const { return chart_; }

private:
    HealthStore* store_;
    int journey_ = 0;
    int region_ = -1;
    QComboBox* range_;
    QLabel* title_;
    QChart* chart_;
    QChartView* view_;
    QLineSeries* sli_;
    QLineSeries* objective_;
    QLineSeries* p50_;
    QLineSeries* p95_;
    QLineSeries* p99_;
    QScatterSeries* deployMarks_;
    QScatterSeries* flagMarks_;
    QScatterSeries* vendorMarks_;
    ChangeMarkerSource markerSource_;
    QVector<ChangeMarker> markers_;
    QDateTimeAxis* timeAxis_;
    QValueAxis* sliAxis_;
    QValueAxis* latencyAxis_;
    QTimer* timer_;
};

}  // namespace wf
