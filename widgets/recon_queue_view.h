#pragma once

// The reconciliation queue: the filter, the counts and totals per type, the
// table (fetched page by page as it scrolls; sorting by the server), and the
// actions on the selected rows. Keeps the selection on the same mismatches
// while the stream changes the queue under it. Says when the platform is
// unreachable and the rows are the saved offline copy.

#include "connection_status.h"
#include "recon_types.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;
class QToolButton;

namespace wf {

class FeedStatusLabel;
class ReconFilterBar;
class ReconQueueModel;

class ReconQueueView : public QWidget {
    Q_OBJECT
public:
    explicit ReconQueueView(ReconQueueModel* model, QWidget* parent = nullptr);

    void setMayResolve(bool may, const QString& role);
    void setActor(const QString& actor);
    void setFeedStatus(const ConnectionStatus& status);
    // Offline: rows saved at `savedAtMs` are shown read-only (0: live again).
    void setOffline(qint64 savedAtMs);
    void setExportProgress(const QString& text);

    ReconFilterBar* filterBar() const { return filter_; }
    QTableView* table() const { return table_; }
    QLabel* countsLabel() const { return counts_; }
    QPushButton* assignButton() const { return assign_; }
    QToolButton* resolveButton() const { return resolve_; }
    QPushButton* exportButton() const { return export_; }
    QPushButton* pendingButton() const { return pending_; }
    // The loaded mismatches selected now, in row order.
    QVector<Mismatch> selectedMismatches() const;
    QString currentMismatchId() const { return currentId_; }
    void selectMismatch(const QString& id);

signals:
    void currentMismatchChanged(const QString& id);
    void assignRequested(const QVector<wf::Mismatch>& rows);
    void resolveRequested(const QVector<wf::Mismatch>& rows, wf::ResolutionAction action);
    void exportRequested();

private:
    void updateVisibleRows();
    void updateCounts();
    void updateButtons();
    void restoreSelection();

    ReconQueueModel* model_;
    ReconFilterBar* filter_;
    QLabel* counts_;
    QLabel* offline_;
    QPushButton* pending_;  // "N new mismatches: show them
    FeedStatusLabel* feed_;
    QTableView* table_;
    QPushButton* assign_;
    QToolButton* resolve_;
    QPushButton* export_;
    QPushButton* refresh_;
    QLabel* exportStatus_;
    QTimer* countsTimer_;
    QString currentId_;
    QStringList selectedIds_;
    bool may_ = false;
    bool offlineMode_ = false;
    QString role_;
    bool restoring_ = false;
};

}  // namespace wf
