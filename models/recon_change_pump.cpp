#include "recon_change_pump.h"

#include "recon_feed_client.h"
#include "recon_queue_model.h"

#include <QElapsedTimer>
#include <QTimer>

namespace wf {

ReconChangePump::ReconChangePump(ReconFeedClient* feed, ReconQueueModel* model, QObject* parent)
    : QObject(parent), feed_(feed), model_(model), timer_(new QTimer(this))
{
    timer_->setSingleShot(true);
    timer_->setInterval(250);
    connect(timer_, &QTimer::timeout, this, &ReconChangePump::pump);
    // The feed says when its buffer stops being empty; the first change of
    // a quiet spell waits at most one interval.
    connect(
        feed_, &ReconFeedClient::changesAvailable, this,
        [this] {
            if (!timer_->isActive() && pending_.isEmpty())
                timer_->start();
        },
        Qt::QueuedConnection);
}

void ReconChangePump::setInterval(int ms)
{
    timer_->setInterval(qMax(0, ms));
}

void ReconChangePump::pump()
{
    pending_ += feed_->takeChanges();
    const qsizetype n = std::min<qsizetype>(chunk_, pending_.size());
    QVector<MismatchChange> changes = pending_.mid(0, n);
    pending_.remove(0, n);
    QElapsedTimer clock;
    clock.start();
    model_->applyChanges(changes);
    emit applied(changes, clock.nsecsElapsed());
    if (!pending_.isEmpty())
        QTimer::singleShot(0, this, &ReconChangePump::pump);  // the next chunk, next pass
}

}  // namespace wf
