#pragma once

// Moves the reconciliation stream's changes into the queue model at a pace
// the UI can draw: a settlement file brings tens of thousands at once, so
// changes are taken at most every `interval` (250 ms) and applied at most
// `chunk` (5,000) per pass of the event loop. The table and the counts are
// then redrawn a few times per burst, not once per network batch, and no
// pass takes longer than a frame.

#include "recon_types.h"

#include <QObject>

class QTimer;

namespace wf {

class ReconFeedClient;
class ReconQueueModel;

class ReconChangePump : public QObject {
    Q_OBJECT
public:
    ReconChangePump(ReconFeedClient* feed, ReconQueueModel* model, QObject* parent = nullptr);

    void setInterval(int ms);
    void setChunk(int changes) { chunk_ = qMax(1, changes); }
    qsizetype waiting() const { return pending_.size(); }

signals:
    // After each pass: what was applied and how long applying took.
    void applied(const QVector<wf::MismatchChange>& changes, qint64 elapsedNs);

private:
    void pump();

    ReconFeedClient* feed_;
    ReconQueueModel* model_;
    QTimer* timer_;
    QVector<MismatchChange> pending_;
    int chunk_ = 5000;
};

}  // namespace wf
