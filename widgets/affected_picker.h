#pragma once

// Which journeys and regions an incident touches: two lists of the
// platform's own names to tick (none ticked means all of them), so a typo
// can never leave an incident without impact figures or charts. Names the
// incident already carries that the platform does not list (yet: offline,
// or renamed since) stay, ticked and marked as unknown.

#include <QPair>
#include <QWidget>

class QListWidget;

namespace wf {

class AffectedPicker : public QWidget {
    Q_OBJECT
public:
    // `journeys`: (id, display name) in the platform's order.
    AffectedPicker(const QVector<QPair<QString, QString>>& journeys, const QStringList& regions,
                   QWidget* parent = nullptr);

    void setSelected(const QStringList& journeyIds, const QStringList& regions);
    QStringList journeys() const;
    QStringList regions() const;
    QListWidget* journeyList() const { return journeys_; }
    QListWidget* regionList() const { return regions_; }

private:
    QListWidget* journeys_;
    QListWidget* regions_;
};

}  // namespace wf
