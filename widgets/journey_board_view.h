#pragma once

// The journey health board: the table of journeys × regions with the alert
// state in colour and words, and the selected row's explanation beside it.

#include <QWidget>

class QTableView;
class QLabel;

namespace wf {

class JourneyBoardModel;

class JourneyBoardView : public QWidget {
    Q_OBJECT
public:
    explicit JourneyBoardView(JourneyBoardModel* model, QWidget* parent = nullptr);

    QTableView* table() const { return table_; }
    QString explanationText() const;
    // A line under the explanation (the likely suspect), or empty.
    void setNote(const QString& note);
    void selectRow(int journey, int region);
    int selectedJourney() const { return journey_; }
    int selectedRegion() const { return region_; }

signals:
    // region -1 = all regions
    void selectionChanged(int journey, int region);

private:
    void onCurrentChanged();
    void updateExplanation();

    JourneyBoardModel* model_;
    QTableView* table_;
    QLabel* explanation_;
    QString note_;
    int journey_ = 0;
    int region_ = -1;
};

}  // namespace wf
