#include "affected_picker.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace wf {

namespace {

void addItem(QListWidget* list, const QString& id, const QString& name)
{
    auto* item = new QListWidgetItem(name, list);
    item->setData(Qt::UserRole, id);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
    item->setToolTip(id);
}

void select(QListWidget* list, const QStringList& ids)
{
    for (int row = 0; row < list->count(); ++row)
        list->item(row)->setCheckState(ids.contains(list->item(row)->data(Qt::UserRole).toString())
                                           ? Qt::Checked
                                           : Qt::Unchecked);
    for (const QString& id : ids) {
        bool known = false;
        for (int row = 0; row < list->count() && !known; ++row)
            known = list->item(row)->data(Qt::UserRole).toString() == id;
        if (!known) {
            addItem(list, id, QObject::tr("%1 (not listed by the platform)").arg(id));
            list->item(list->count() - 1)->setCheckState(Qt::Checked);
        }
    }
}

QStringList checked(const QListWidget* list)
{
    QStringList out;
    for (int row = 0; row < list->count(); ++row)
        if (list->item(row)->checkState() == Qt::Checked)
            out << list->item(row)->data(Qt::UserRole).toString();
    return out;
}

QWidget* column(const QString& title, QListWidget* list, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(title, box);
    label->setBuddy(list);
    layout->addWidget(label);
    layout->addWidget(list, 1);
    return box;
}

}  // namespace

AffectedPicker::AffectedPicker(const QVector<QPair<QString, QString>>& journeys,
                               const QStringList& regions, QWidget* parent)
    : QWidget(parent), journeys_(new QListWidget(this)), regions_(new QListWidget(this))
{
    journeys_->setObjectName(QStringLiteral("affectedJourneys"));
    regions_->setObjectName(QStringLiteral("affectedRegions"));
    for (const auto& [id, name] : journeys)
        addItem(journeys_, id, name.isEmpty() ? id : name);
    for (const QString& r : regions)
        addItem(regions_, r, r);
    const int rowHeight = fontMetrics().height() + 6;
    journeys_->setMinimumHeight(rowHeight * 4);
    regions_->setMinimumHeight(rowHeight * 4);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(column(tr("&Journeys (none ticked: all):"), journeys_, this), 3);
    layout->addWidget(column(tr("Re&gions (none ticked: all):"), regions_, this), 2);
    if (journeys.isEmpty())
        journeys_->setToolTip(
            tr("The platform's journeys are not known yet (not connected); "
               "name them later in the incident's details."));
}

void AffectedPicker::setSelected(const QStringList& journeyIds, const QStringList& regions)
{
    select(journeys_, journeyIds);
    select(regions_, regions);
}

QStringList AffectedPicker::journeys() const
{
    return checked(journeys_);
}

QStringList AffectedPicker::regions() const
{
    return checked(regions_);
}

}  // namespace wf
