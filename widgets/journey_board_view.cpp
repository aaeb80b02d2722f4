#include "journey_board_view.h"

#include "alert_level_delegate.h"
#include "journey_board_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QScrollArea>
#include <QTableView>

namespace wf {

JourneyBoardView::JourneyBoardView(JourneyBoardModel* model, QWidget* parent)
    : QWidget(parent), model_(model), table_(new QTableView(this)), explanation_(new QLabel(this))
{
    table_->setObjectName(QStringLiteral("journeyBoard"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setItemDelegateForColumn(JourneyBoardModel::AlertColumn,
                                     new AlertLevelDelegate(table_));

    explanation_->setObjectName(QStringLiteral("alertExplanation"));
    explanation_->setWordWrap(true);
    explanation_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    explanation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    explanation_->setMargin(8);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(explanation_);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(260);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_, 3);
    layout->addWidget(scroll, 1);

    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &JourneyBoardView::onCurrentChanged);
    connect(model_, &QAbstractItemModel::dataChanged, this, &JourneyBoardView::updateExplanation);
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        if (model_->rowCount() > 0)
            selectRow(journey_, region_);
    });
}

void JourneyBoardView::selectRow(int journey, int region)
{
    const int row = model_->rowFor(journey, region);
    if (row >= 0 && row < model_->rowCount())
        table_->selectRow(row);
}

void JourneyBoardView::onCurrentChanged()
{
    const QModelIndex idx = table_->currentIndex();
    if (!idx.isValid())
        return;
    journey_ = idx.data(JourneyBoardModel::JourneyIndexRole).toInt();
    region_ = idx.data(JourneyBoardModel::RegionIndexRole).toInt();
    updateExplanation();
    emit selectionChanged(journey_, region_);
}

void JourneyBoardView::updateExplanation()
{
    const int row = model_->rowFor(journey_, region_);
    if (row < 0 || row >= model_->rowCount()) {
        explanation_->setText(tr("Waiting for data from the platform…"));
        return;
    }
    const QModelIndex idx = model_->index(row, JourneyBoardModel::AlertColumn);
    const QString title =
        QStringLiteral("%1 — %2: %3")
            .arg(model_->index(row - region_ - 1, 0).data().toString(),
                 model_->index(row, JourneyBoardModel::RegionColumn).data().toString(),
                 idx.data().toString());
    QString body = idx.data(JourneyBoardModel::ExplanationRole).toString().toHtmlEscaped();
    body.replace('\n', QStringLiteral("<br>"));
    const QColor c = idx.data(Qt::BackgroundRole).value<QColor>();
    QString note;
    if (!note_.isEmpty())
        note = QStringLiteral("<br><br><b style='color:#e0b04a'>%1</b>").arg(note_.toHtmlEscaped());
    explanation_->setText(QStringLiteral("<b style='color:%1'>%2</b><br><br>%3%4")
                              .arg(c.lighter(140).name(), title.toHtmlEscaped(), body, note));
}

void JourneyBoardView::setNote(const QString& note)
{
    if (note == note_)
        return;
    note_ = note;
    updateExplanation();
}

QString JourneyBoardView::explanationText() const
{
    return explanation_->text();
}

}  // namespace wf
