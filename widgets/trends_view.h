#pragma once

// Trends for engineering leads, over the last 28 or 90 days or a chosen
// range: SLO attainment and error budget per journey and region (with the
// budget's burn-down and the incidents marked), incidents per week by
// severity and by service, MTTD / MTTA / MTTR with their definitions, the
// longest incidents, open action items by owner, change (deploys and flag
// changes per week, change failure rate over a window the user sets,
// rollbacks) and the causes that keep coming back.
// Every figure comes from one TrendsReport; the definitions are written
// next to the figures.

#include "trends_report.h"

#include <QImage>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QTabWidget;

namespace wf {

class SloTrendModel;

class TrendsView : public QWidget {
    Q_OBJECT
public:
    explicit TrendsView(QWidget* parent = nullptr);

    void showReport(const TrendsReport& report);
    const TrendsReport& report() const { return report_; }
    // "Loading…", "Loaded in 120 ms", or a problem in words.
    void setStatus(const QString& text, bool problem = false);
    // The days of the preset chosen (28, 90), or 0 for the custom range.
    int presetDays() const;
    QDate customFrom() const;
    QDate customTo() const;
    void setCustomRange(const QDate& from, const QDate& to);

    // The charts as images (for the exported report), with their titles.
    QVector<QPair<QString, QImage>> chartImages() const;

    QComboBox* rangeBox() const { return range_; }
    QTableView* sloTable() const { return sloTable_; }
    SloTrendModel* sloModel() const { return sloModel_; }
    QStandardItemModel* mttxModel() const { return mttx_; }
    // Per service: its incidents in the range, then per week.
    QStandardItemModel* serviceModel() const { return services_; }
    // Per week: deploys, failed deploys, flag changes in production.
    QStandardItemModel* changeWeeksModel() const { return changeWeeks_; }
    // Hours after a deploy in which a rollback or an incident makes it failed.
    QSpinBox* changeWindowBox() const { return changeWindow_; }
    void setChangeWindowHours(int hours);
    QStandardItemModel* recurrenceModel() const { return recurrence_; }
    QStandardItemModel* ownerModel() const { return owners_; }
    QStandardItemModel* longestModel() const { return longest_; }
    QLabel* changeSummary() const { return change_; }
    QLabel* incidentSummary() const { return incidentSummary_; }
    QLabel* statusLabel() const { return status_; }
    QTabWidget* tabs() const { return tabs_; }
    QPushButton* exportButton() const { return export_; }

    // "1 h 5 min" or "—".
    static QString durationText(std::optional<qint64> ms);

signals:
    // A new range was chosen (a preset or the custom dates).
    void rangeChanged();
    // 0: HTML, 1: PDF.
    void exportRequested(int format);
    // The user chose another change failure window.
    void changeWindowChanged(int hours);

private:
    void selectSlo(int row);

    TrendsReport report_;
    QComboBox* range_;
    QDateEdit* from_;
    QDateEdit* to_;
    QPushButton* apply_;
    QPushButton* export_;
    QLabel* status_;
    QTabWidget* tabs_;
    SloTrendModel* sloModel_;
    QTableView* sloTable_;
    QChart* burnDown_;
    QChartView* burnDownView_;
    QChart* perWeek_;
    QChartView* perWeekView_;
    QChart* deploys_;
    QChartView* deploysView_;
    QLabel* incidentSummary_;
    QLabel* change_;
    QSpinBox* changeWindow_;
    QStandardItemModel* changeWeeks_;
    QStandardItemModel* mttx_;
    QStandardItemModel* services_;
    QStandardItemModel* longest_;
    QStandardItemModel* owners_;
    QStandardItemModel* recurrence_;
};

}  // namespace wf
