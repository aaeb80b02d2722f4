#include "recon_queue_view.h"

#include "feed_status_label.h"
#include "recon_filter_bar.h"
#include "recon_queue_model.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace wf {

ReconQueueView::ReconQueueView(ReconQueueModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      filter_(new ReconFilterBar(this)),
      counts_(new QLabel(this)),
      offline_(new QLabel(this)),
      pending_(new QPushButton(this)),
      feed_(new FeedStatusLabel(tr("the queue"), this)),
      table_(new QTableView(this)),
      assign_(new QPushButton(tr("&Assign to me"), this)),
      resolve_(new QToolButton(this)),
      export_(new QPushButton(tr("E&xport CSV…"), this)),
      refresh_(new QPushButton(tr("Refresh"), this)),
      exportStatus_(new QLabel(this)),
      countsTimer_(new QTimer(this))
{
    table_->setObjectName(QStringLiteral("reconTable"));
    counts_->setObjectName(QStringLiteral("reconCounts"));
    offline_->setObjectName(QStringLiteral("reconOffline"));
    assign_->setObjectName(QStringLiteral("reconAssign"));
    resolve_->setObjectName(QStringLiteral("reconResolve"));
    export_->setObjectName(QStringLiteral("reconExport"));
    counts_->setWordWrap(true);
    counts_->setFixedHeight(counts_->fontMetrics().lineSpacing() * 7 + 8);
    counts_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    counts_->setTextFormat(Qt::RichText);
    offline_->setStyleSheet(QStringLiteral("color:#e0b04a; font-weight:bold"));
    offline_->setWordWrap(true);
    offline_->hide();
    exportStatus_->setObjectName(QStringLiteral("reconExportStatus"));
    pending_->setObjectName(QStringLiteral("reconPending"));
    pending_->setFlat(true);
    pending_->setStyleSheet(QStringLiteral("color:#5da9f6; text-align:left"));
    pending_->hide();

    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);
    table_->setSortingEnabled(true);
    table_->horizontalHeader()->setSortIndicator(ReconQueueModel::AgeColumn, Qt::DescendingOrder);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    // Fixed row heights: a million rows scroll without measuring any.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    // Widths from what the columns hold (not measured row by row: there may
    // be a million rows).
    const QFontMetrics fm = table_->fontMetrics();
    const char* samples[] = {"29 d 23 h",      "Captured without an order", "Escalated to pr",
                             "123,456.78 EUR", "payments-globex",           "ap-south",
                             "ord-7Q2K9X1DW",  "pi_3NrNWmP7ljAbc",          "mateo@ops"};
    for (int c = 0; c < int(std::size(samples)); ++c)
        table_->setColumnWidth(c, fm.horizontalAdvance(QString::fromLatin1(samples[c])) + 16);

    auto* menu = new QMenu(resolve_);
    for (int a = 1; a <= int(ResolutionAction::EscalateToProvider); ++a) {
        const auto action = ResolutionAction(a);
        QAction* item = menu->addAction(resolutionActionName(action) +
                                        (movesMoney(action) ? tr(" (moves money)") : QString()));
        item->setObjectName(QStringLiteral("reconBulk_%1").arg(a));
        connect(item, &QAction::triggered, this,
                [this, action] { emit resolveRequested(selectedMismatches(), action); });
    }
    resolve_->setMenu(menu);
    resolve_->setPopupMode(QToolButton::InstantPopup);
    resolve_->setText(tr("&Resolve selected"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(assign_);
    bar->addWidget(resolve_);
    bar->addStretch(1);
    bar->addWidget(exportStatus_);
    bar->addWidget(export_);
    bar->addWidget(refresh_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(filter_);
    layout->addLayout(bar);
    layout->addWidget(counts_);
    layout->addWidget(offline_);
    layout->addWidget(pending_);
    layout->addWidget(feed_);
    layout->addWidget(table_, 1);

    connect(filter_, &ReconFilterBar::filterChanged, this, [this](const MismatchFilter& f) {
        MismatchQuery q = model_->query();
        q.filter = f;
        model_->setQuery(q);
    });
    connect(table_->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &ReconQueueView::updateVisibleRows);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &ReconQueueView::updateVisibleRows);
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        updateVisibleRows();
        updateButtons();
    });
    // The counts change with every batch of a burst: redrawn at most four
    // times a second, in a label whose height does not change (so setting its
    // text never lays the whole tab out again).
    countsTimer_->setSingleShot(true);
    countsTimer_->setInterval(250);
    connect(countsTimer_, &QTimer::timeout, this, &ReconQueueView::updateCounts);
    connect(model_, &ReconQueueModel::summaryChanged, this, [this] {
        if (!countsTimer_->isActive())
            countsTimer_->start();
    });
    connect(model_, &ReconQueueModel::queryApplied, this, [this] {
        updateVisibleRows();
        restoreSelection();
        // Something to read in the detail pane from the start.
        if (!table_->currentIndex().isValid() && model_->rowCount() > 0)
            table_->selectRow(0);
    });
    connect(model_, &ReconQueueModel::refreshed, this, &ReconQueueView::restoreSelection);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (restoring_)
            return;
        selectedIds_.clear();
        for (const Mismatch& m : selectedMismatches())
            selectedIds_ << m.id;
        updateButtons();
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (restoring_)
                    return;
                const QString id = current.data(ReconQueueModel::MismatchIdRole).toString();
                if (id.isEmpty() || id == currentId_)
                    return;
                currentId_ = id;
                emit currentMismatchChanged(id);
            });
    connect(assign_, &QPushButton::clicked, this,
            [this] { emit assignRequested(selectedMismatches()); });
    connect(export_, &QPushButton::clicked, this, &ReconQueueView::exportRequested);
    connect(refresh_, &QPushButton::clicked, model_, &ReconQueueModel::refresh);
    connect(pending_, &QPushButton::clicked, model_, &ReconQueueModel::refresh);
    connect(model_, &ReconQueueModel::pendingNewChanged, this, [this](qint64 n) {
        pending_->setVisible(n > 0);
        pending_->setText(
            tr("%1 new mismatches match this filter. Show them (F5)").arg(QLocale().toString(n)));
    });
    refresh_->setShortcut(QKeySequence::Refresh);
    updateButtons();
}

void ReconQueueView::setMayResolve(bool may, const QString& role)
{
    may_ = may;
    role_ = role;
    updateButtons();
}

void ReconQueueView::setActor(const QString& actor)
{
    filter_->setActor(actor);
}

void ReconQueueView::setFeedStatus(const ConnectionStatus& status)
{
    feed_->setStatus(status);
}

void ReconQueueView::setOffline(qint64 savedAtMs)
{
    offlineMode_ = savedAtMs > 0;
    offline_->setVisible(offlineMode_);
    if (offlineMode_)
        offline_->setText(
            tr("OFFLINE — the platform cannot be reached. These rows are the copy saved at %1 "
               "UTC; they may be out of date and cannot be changed until the connection is back.")
                .arg(QDateTime::fromMSecsSinceEpoch(savedAtMs, Qt::UTC)
                         .toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    updateButtons();
}

void ReconQueueView::setExportProgress(const QString& text)
{
    exportStatus_->setText(text);
}

QVector<Mismatch> ReconQueueView::selectedMismatches() const
{
    QVector<Mismatch> out;
    QModelIndexList rows = table_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& i : rows)
        if (const auto m = model_->mismatchAt(i.row()))
            out.append(*m);
    return out;
}

void ReconQueueView::selectMismatch(const QString& id)
{
    const int row = model_->rowOf(id);
    if (row < 0)
        return;
    table_->selectRow(row);
    table_->scrollTo(model_->index(row, 0));
}

void ReconQueueView::updateVisibleRows()
{
    const int first = std::max(0, table_->rowAt(0));
    int last = table_->rowAt(table_->viewport()->height() - 1);
    if (last < 0)
        last = std::min(model_->rowCount() - 1, first + 60);
    model_->setVisibleRows(first, last);
}

void ReconQueueView::restoreSelection()
{
    // Rows move when mismatches arrive or leave: keep the same ones selected.
    if (selectedIds_.isEmpty() && currentId_.isEmpty())
        return;
    restoring_ = true;
    QItemSelection selection;
    for (const QString& id : selectedIds_) {
        const int row = model_->rowOf(id);
        if (row >= 0)
            selection.select(model_->index(row, 0),
                             model_->index(row, ReconQueueModel::ColumnCount - 1));
    }
    QItemSelectionModel* sm = table_->selectionModel();
    const int currentRow = model_->rowOf(currentId_);
    if (currentRow >= 0)
        sm->setCurrentIndex(model_->index(currentRow, table_->currentIndex().column() < 0
                                                          ? 0
                                                          : table_->currentIndex().column()),
                            QItemSelectionModel::NoUpdate);
    // Rows that are no longer where they were, and not in what is loaded,
    // are not selected: a selection never lands on another mismatch.
    if (selection.isEmpty())
        sm->clearSelection();
    else
        sm->select(selection, QItemSelectionModel::ClearAndSelect);
    restoring_ = false;
    updateButtons();
}

void ReconQueueView::updateCounts()
{
    // A grid: each type's count, and its total in each currency below it
    // (amounts in different currencies are never added together).
    const MismatchSummary& s = model_->summary();
    QString cells;
    int column = 0;
    for (const TypeSummary& t : s.types) {
        if (t.count == 0)
            continue;
        QStringList money;
        for (const Money& m : t.totals)
            money << m.format();
        if (column % 3 == 0)
            cells += column == 0 ? QStringLiteral("<tr>") : QStringLiteral("</tr><tr>");
        cells += QStringLiteral(
                     "<td style='padding-right:14px'><b>%1</b> %2<br>"
                     "<span style='color:#9a9fa8'>%3</span></td>")
                     .arg(QLocale().toString(t.count), mismatchTypeName(t.type).toHtmlEscaped(),
                          money.join(QStringLiteral(" · ")).toHtmlEscaped());
        ++column;
    }
    // The summary counts every type; with a type filter the headline is
    // the sum of the filtered types.
    const QVector<MismatchType>& only = model_->query().filter.types;
    qint64 total = only.isEmpty() ? s.total : 0;
    for (const TypeSummary& t : s.types)
        if (only.contains(t.type))
            total += t.count;
    counts_->setText(
        tr("<b>%1</b> mismatches match this filter").arg(QLocale().toString(total)) +
        (cells.isEmpty() ? QString() : QStringLiteral("<table>%1</tr></table>").arg(cells)));
    // The height follows the text only when it must (a new type, a narrower
    // window): the counts changing never lays the tab out again.
    const int needed = counts_->heightForWidth(std::max(counts_->width(), 200));
    if (needed > 0 && needed != counts_->height())
        counts_->setFixedHeight(needed);
}

void ReconQueueView::updateButtons()
{
    const int selected = int(table_->selectionModel()->selectedRows().size());
    const bool can = may_ && !offlineMode_ && selected > 0;
    assign_->setEnabled(can);
    resolve_->setEnabled(can);
    const QString why = offlineMode_ ? tr("Offline: nothing can be changed until the platform is "
                                          "reachable again.")
                        : !may_      ? tr("Your role (%1) may not resolve mismatches.").arg(role_)
                        : selected == 0 ? tr("Select one or more mismatches")
                                        : QString();
    assign_->setToolTip(
        why.isEmpty() ? tr("Assign the %n selected mismatch(es) to you", "", selected) : why);
    resolve_->setToolTip(
        why.isEmpty() ? tr("Apply one action to the %n selected mismatch(es)", "", selected) : why);
    resolve_->setText(selected > 1 ? tr("&Resolve %1 selected").arg(selected)
                                   : tr("&Resolve selected"));
}

}  // namespace wf
