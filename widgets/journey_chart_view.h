#pragma once

// The selected journey's SLI and latency percentiles over a selectable range
// (15 min to 7 days), with the objective drawn across. Points are downsampled
// to the plot's width before they reach the chart.

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QDateTimeAxis;
class QValueAxis;
class QTimer;

namespace wf {

class HealthStore;

class JourneyChartView : public QWidget {
    Q_OBJECT
public:
    explicit JourneyChartView(HealthStore* store, QWidget* parent = nullptr);

    void setJourney(int journey, int region);
    void setRangeMs(qint64 rangeMs);
    qint64 rangeMs() const;
    // Redraws now (normally once a second while visible).
    void refresh();

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
    QDateTimeAxis* timeAxis_;
    QValueAxis* sliAxis_;
    QValueAxis* latencyAxis_;
    QTimer* timer_;
};

}  // namespace wf
