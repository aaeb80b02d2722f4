#include "incidents_view.h"

#include "incident_list_model.h"
#include "timeline_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace wf {

namespace {

QTableView* table(QAbstractItemModel* model, QWidget* parent)
{
    auto* t = new QTableView(parent);
    t->setModel(model);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

}  // namespace

IncidentsView::IncidentsView(IncidentListModel* incidents, TimelineModel* timeline, QWidget* parent)
    : QWidget(parent),
      incidents_(incidents),
      timeline_(timeline),
      list_(table(incidents, this)),
      declare_(new QPushButton(tr("&Declare incident…"), this)),
      header_(new QLabel(this)),
      severity_(new QComboBox(this)),
      status_(new QComboBox(this)),
      kinds_(new QComboBox(this)),
      timelineTable_(table(timeline, this)),
      note_(new QLineEdit(this)),
      addNote_(new QPushButton(tr("Add &note"), this)),
      pin_(new QPushButton(tr("&Pin"), this)),
      statusUpdate_(new QPushButton(tr("&Status update…"), this)),
      details_(new QPushButton(tr("Detai&ls…"), this)),
      due_(new QLabel(this)),
      sync_(new QLabel(this)),
      panes_(new QTabWidget(this))
{
    list_->setObjectName(QStringLiteral("incidentList"));
    // The title takes the room; the rest fit their text.
    list_->horizontalHeader()->setStretchLastSection(false);
    list_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    list_->horizontalHeader()->setSectionResizeMode(IncidentListModel::TitleColumn,
                                                    QHeaderView::Stretch);
    declare_->setObjectName(QStringLiteral("declareIncident"));
    severity_->setObjectName(QStringLiteral("incidentSeverity"));
    status_->setObjectName(QStringLiteral("incidentStatus"));
    kinds_->setObjectName(QStringLiteral("timelineKinds"));
    timelineTable_->setObjectName(QStringLiteral("timeline"));
    note_->setObjectName(QStringLiteral("timelineNote"));
    pin_->setObjectName(QStringLiteral("timelinePin"));
    header_->setObjectName(QStringLiteral("incidentHeader"));
    statusUpdate_->setObjectName(QStringLiteral("statusUpdate"));
    details_->setObjectName(QStringLiteral("incidentDetails"));
    due_->setObjectName(QStringLiteral("statusUpdateDue"));
    due_->hide();
    sync_->setObjectName(QStringLiteral("incidentSync"));
    sync_->setWordWrap(true);
    header_->setWordWrap(true);
    header_->setTextFormat(Qt::RichText);
    note_->setPlaceholderText(tr("A note for the timeline (what you saw, what you decided)…"));
    note_->setMaxLength(2000);
    for (Severity s : {Severity::Sev1, Severity::Sev2, Severity::Sev3, Severity::Sev4})
        severity_->addItem(severityName(s), int(s));
    for (IncidentStatus s : {IncidentStatus::Investigating, IncidentStatus::Identified,
                             IncidentStatus::Mitigated, IncidentStatus::Resolved})
        status_->addItem(incidentStatusName(s), int(s));
    kinds_->addItem(tr("Every kind"), -1);
    for (int k = int(TimelineKind::Declaration); k <= int(TimelineKind::StatusUpdate); ++k)
        kinds_->addItem(timelineKindName(TimelineKind(k)), k);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(declare_);
    leftLayout->addWidget(list_, 1);
    leftLayout->addWidget(sync_);

    auto* right = new QWidget(this);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Severity:"), right));
    controls->addWidget(severity_);
    controls->addWidget(new QLabel(tr("Status:"), right));
    controls->addWidget(status_);
    controls->addWidget(statusUpdate_);
    controls->addWidget(details_);
    controls->addStretch(1);
    controls->addWidget(new QLabel(tr("Show:"), right));
    controls->addWidget(kinds_);
    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(note_, 1);
    noteRow->addWidget(addNote_);
    noteRow->addWidget(pin_);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(header_);
    rightLayout->addWidget(due_);
    rightLayout->addLayout(controls);
    auto* timelinePane = new QWidget(this);
    auto* timelineLayout = new QVBoxLayout(timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->addWidget(timelineTable_, 1);
    timelineLayout->addLayout(noteRow);
    panes_->setObjectName(QStringLiteral("incidentPanes"));
    panes_->setDocumentMode(true);
    panes_->addTab(timelinePane, tr("&Timeline"));
    rightLayout->addWidget(panes_, 1);

    auto* split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    split->setSizes({500, 780});  // room for the incident titles
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(declare_, &QPushButton::clicked, this, &IncidentsView::declareRequested);
    connect(details_, &QPushButton::clicked, this, [this] {
        if (!selected_.isEmpty())
            emit detailsRequested(selected_);
    });
    connect(statusUpdate_, &QPushButton::clicked, this, [this] {
        if (!selected_.isEmpty())
            emit statusUpdateRequested(selected_);
    });
    connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const QString id = current.data(IncidentListModel::IncidentIdRole).toString();
                if (id == selected_)
                    return;
                selected_ = id;
                showSelected();
                emit incidentSelected(id);
            });
    connect(incidents_, &QAbstractItemModel::modelReset, this, [this] {
        if (!pendingSelect_.isEmpty() && incidents_->rowOf(pendingSelect_) >= 0)
            selectIncident(pendingSelect_);
        else if (!selected_.isEmpty())
            selectIncident(selected_);
        else if (incidents_->rowCount() > 0)
            list_->selectRow(0);
        showSelected();
    });
    connect(incidents_, &QAbstractItemModel::dataChanged, this, &IncidentsView::showSelected);
    connect(severity_, &QComboBox::activated, this, [this] {
        if (!selected_.isEmpty())
            emit severityChangeRequested(selected_, Severity(severity_->currentData().toInt()));
    });
    connect(status_, &QComboBox::activated, this, [this] {
        if (!selected_.isEmpty())
            emit statusChangeRequested(selected_, IncidentStatus(status_->currentData().toInt()));
    });
    connect(kinds_, &QComboBox::currentIndexChanged, this, [this] {
        const int k = kinds_->currentData().toInt();
        timeline_->setKindFilter(k < 0 ? QVector<TimelineKind>{}
                                       : QVector<TimelineKind>{TimelineKind(k)});
    });
    const auto addNote = [this] {
        const QString text = note_->text().trimmed();
        if (selected_.isEmpty() || text.isEmpty())
            return;
        emit noteRequested(selected_, text);
        note_->clear();
    };
    connect(addNote_, &QPushButton::clicked, this, addNote);
    connect(note_, &QLineEdit::returnPressed, this, addNote);
    connect(pin_, &QPushButton::clicked, this, [this] {
        const QModelIndex i = timelineTable_->currentIndex();
        if (selected_.isEmpty() || !i.isValid())
            return;
        emit pinRequested(selected_, i.data(TimelineModel::EntryIdRole).toString(),
                          !i.data(TimelineModel::PinnedRole).toBool());
    });
    connect(timeline_, &QAbstractItemModel::modelReset, this, [this] {
        timelineTable_->resizeColumnToContents(TimelineModel::TimeColumn);
        timelineTable_->resizeColumnToContents(TimelineModel::KindColumn);
        timelineTable_->resizeColumnToContents(TimelineModel::SourceColumn);
        timelineTable_->scrollToBottom();
    });
    showSelected();
}

void IncidentsView::selectIncident(const QString& id)
{
    const int row = incidents_->rowOf(id);
    if (row >= 0)
        list_->selectRow(row);
    // Not in the list yet (just declared: the store answers in a moment).
    pendingSelect_ = row >= 0 ? QString() : id;
}

void IncidentsView::showSelected()
{
    const Incident* i = incidents_->incident(selected_);
    for (QWidget* w : std::initializer_list<QWidget*>{severity_, status_, note_, addNote_, pin_,
                                                      statusUpdate_, details_}) {
        w->setEnabled(i != nullptr && mayWrite_);
        w->setToolTip(mayWrite_ ? QString() : whyNot_);
    }
    declare_->setEnabled(mayWrite_);
    declare_->setToolTip(mayWrite_ ? QString() : whyNot_);
    note_->setPlaceholderText(mayWrite_ ? tr("A note for the timeline (what you saw, what you "
                                             "decided)…")
                                        : whyNot_);
    if (!i) {
        header_->setText(
            tr("<i>No incident selected. Declare one when customers are hurt: "
               "from then on every action the console takes lands on its "
               "timeline.</i>"));
        return;
    }
    const auto who = [this](const QString& name) {
        return (name.isEmpty() ? tr("nobody yet") : name).toHtmlEscaped();
    };
    header_->setText(
        tr("<b>%1 — %2</b><br>Commander: %3 · Comms: %4 · Scribe: %5<br>Journeys: %6 · "
           "Regions: %7")
            .arg(severityName(i->severity), i->title.toHtmlEscaped(), who(i->roles.commander),
                 who(i->roles.communicationsLead), who(i->roles.scribe),
                 (i->journeys.isEmpty() ? tr("all") : i->journeys.join(", ")).toHtmlEscaped(),
                 (i->regions.isEmpty() ? tr("all") : i->regions.join(", ")).toHtmlEscaped()));
    severity_->setCurrentIndex(severity_->findData(int(i->severity)));
    status_->setCurrentIndex(status_->findData(int(i->status)));
}

void IncidentsView::setStatusUpdateDue(const QString& text, bool overdue)
{
    due_->setVisible(!text.isEmpty());
    due_->setText(text);
    due_->setStyleSheet(overdue ? QStringLiteral("color:#e06c6c; font-weight:bold")
                                : QStringLiteral("color:#9a9fa8"));
}

void IncidentsView::addPane(QWidget* pane, const QString& title)
{
    panes_->addTab(pane, title);
}

void IncidentsView::setSyncStatus(const QString& text, bool problem)
{
    sync_->setText(text);
    sync_->setStyleSheet(problem ? QStringLiteral("color:#e0b04a") : QString());
}

void IncidentsView::setMayWrite(bool may, const QString& why)
{
    mayWrite_ = may;
    whyNot_ = why;
    showSelected();
}

}  // namespace wf
