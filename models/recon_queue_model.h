#pragma once

// The reconciliation queue as a table that can be a million rows long. Only
// the pages the view looks at are fetched (by offset, filter and sort applied
// by the server) and only the most recently used pages are kept. A new
// filter or sort starts a new generation: answers for an older one are
// ignored. Stream changes update loaded rows in place (a resolved row stays
// where it is, dimmed, until a refresh); new mismatches are added at the end
// in the default oldest-first order, and otherwise counted as waiting for a
// refresh, so rows never move under the operator. After a refresh views
// restore the selection by mismatch id (`refreshed`). Counts and totals per type come
// from the server's summary, kept up to date from the stream between
// fetches.

#include "recon_query_client.h"
#include "recon_row_store.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

class QTimer;

namespace wf {

class ReconQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        AgeColumn,
        TypeColumn,
        StatusColumn,
        AmountColumn,
        ProviderColumn,
        RegionColumn,
        OrderColumn,
        ReferenceColumn,
        AssigneeColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role {
        MismatchIdRole = Qt::UserRole + 1,
        VersionRole,
        LoadedRole,    // bool: the row's page is here
        AgeHoursRole,  // double
        OverdueRole,   // int: 0 within target, 1 past half of it... 2 past it
        AmountMinorRole,
        ProblemRole,  // what was wrong with the row as received
    };

    explicit ReconQueueModel(ReconQueryClient* client, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order) override;

    // Starts a new generation; the first page is fetched at once.
    void setQuery(const MismatchQuery& query);
    const MismatchQuery& query() const { return query_; }
    quint64 generation() const { return generation_; }
    // Refetches the pages in view and the summary (after a stream reload, F5).
    void refresh();
    // Shows saved rows (the offline copy) until the next setQuery.
    void showSnapshot(const MismatchQuery& query, const QVector<Mismatch>& rows,
                      const MismatchSummary& summary);
    bool showingSnapshot() const { return snapshot_; }
    // The rows the view shows (it asks for these pages first).
    void setVisibleRows(int first, int last);
    void setPageSize(int rows) { pageSize_ = qBound(20, rows, 1000); }
    int pageSize() const { return pageSize_; }
    // How many pages are kept (the least recently used go first).
    void setMaxPages(int pages) { maxPages_ = qMax(4, pages); }
    // Platform time, for ages (updated by the owner).
    void setNowMs(qint64 ms) { nowMs_ = ms; }
    qint64 nowMs() const { return nowMs_; }
    // Resolution target: older rows are coloured.
    void setTargetHours(double hours) { targetHours_ = hours; }

    // Stream changes (ReconFeedClient::takeChanges).
    void applyChanges(const QVector<MismatchChange>& changes);
    // The row after an action the server confirmed.
    void applyConfirmed(const Mismatch& row);

    std::optional<Mismatch> mismatchAt(int row) const;
    // The row of a loaded mismatch, or -1.
    int rowOf(const QString& id) const;
    bool isLoaded(int row) const;
    // Every loaded row (for the offline cache), in row order.
    QVector<Mismatch> loadedRows(int max) const;

    const MismatchSummary& summary() const { return summary_; }
    bool firstPageLoaded() const { return firstPageLoaded_; }
    qint64 loadedRowCount() const;
    qint64 loadedBytes() const;
    QString lastError() const { return lastError_; }
    qint64 pendingNew() const { return pendingNew_; }

signals:
    // The first page of a new generation is in (the view scrolls to the top).
    void queryApplied();
    // Pages were replaced: the view restores its selection by id.
    void refreshed();
    void summaryChanged();
    void loadFailed(const QString& message);
    // New mismatches match the filter but are not in the rows yet (they
    // would move rows under the operator); a refresh shows them.
    void pendingNewChanged(qint64 count);

private:
    struct Page {
        RowPage rows;
        quint64 usedAt = 0;
    };
    void onPage(const MismatchPage& page);
    void onSummary(const MismatchSummary& summary);
    void requestPage(qint64 pageIndex) const;
    void flushRequests();
    void setTotal(qint64 total);
    void evict();
    void adjustSummary(const Mismatch& m, int delta);
    const Page* pageFor(int row, int* offsetInPage) const;

    ReconQueryClient* client_;
    MismatchQuery query_;
    quint64 generation_ = 0;
    int pageSize_ = 200;
    int maxPages_ = 60;
    qint64 total_ = 0;
    bool firstPageLoaded_ = false;
    bool snapshot_ = false;
    qint64 pendingNew_ = 0;
    mutable QHash<qint64, Page> pages_;
    mutable QSet<qint64> inFlight_;
    mutable QSet<qint64> wanted_;
    mutable quint64 useClock_ = 0;
    mutable bool flushScheduled_ = false;
    StringTable strings_;
    int firstVisible_ = 0;
    int lastVisible_ = 0;
    qint64 nowMs_ = 0;
    double targetHours_ = 72;
    MismatchSummary summary_;
    QTimer* summaryTimer_;
    QString lastError_;
};

}  // namespace wf
