#include "recon_bulk_run.h"

namespace wf {

ReconBulkRun::ReconBulkRun(ActionExecutor* executor, Submit submit, QObject* parent)
    : QObject(parent), executor_(executor), submit_(std::move(submit))
{
    connect(executor_, &ActionExecutor::actionUpdated, this, &ReconBulkRun::onUpdated);
}

void ReconBulkRun::start(const QVector<ActionRequest>& items, const QString& runKey)
{
    runKey_ = runKey.isEmpty() ? ActionExecutor::newIdempotencyKey() : runKey;
    items_ = items;
    queue_.clear();
    byKey_.clear();
    settled_.clear();
    failures_.clear();
    succeeded_ = 0;
    next_ = 0;
    cancelled_ = false;
    for (int i = 0; i < items_.size(); ++i) {
        // The same run key and mismatch always give the same item key.
        items_[i].idempotencyKey = runKey_ + ':' + items_[i].mismatchId;
        byKey_.insert(items_[i].idempotencyKey, i);
        queue_.append(i);
    }
    emit progress(0, total());
    pump();
}

void ReconBulkRun::cancel()
{
    cancelled_ = true;
    if (inFlight_ == 0)
        emit finished();
}

int ReconBulkRun::notSent() const
{
    return int(queue_.size() - next_);
}

void ReconBulkRun::retryFailed()
{
    if (running())
        return;
    QVector<int> again;
    for (auto it = failures_.cbegin(); it != failures_.cend(); ++it)
        again.append(it.key());
    // Unsent items (after a cancel) go too; succeeded ones never do.
    for (qsizetype i = next_; i < queue_.size(); ++i)
        again.append(queue_[i]);
    failures_.clear();
    for (int i : again)
        settled_.remove(items_[i].idempotencyKey);
    queue_ = again;
    next_ = 0;
    cancelled_ = false;
    pump();
}

void ReconBulkRun::pump()
{
    while (!cancelled_ && inFlight_ < maxInFlight_ && next_ < queue_.size()) {
        const ActionRequest& r = items_[queue_[next_++]];
        ++inFlight_;
        submit_(r);
    }
    if (inFlight_ == 0 && (cancelled_ || next_ >= queue_.size()))
        emit finished();
}

void ReconBulkRun::onUpdated(const ActionOutcome& o)
{
    if (o.state == ActionOutcome::State::Pending)
        return;
    const auto it = byKey_.constFind(o.request.idempotencyKey);
    if (it == byKey_.constEnd() || settled_.contains(o.request.idempotencyKey))
        return;
    settled_.insert(o.request.idempotencyKey, o.state == ActionOutcome::State::Done);
    --inFlight_;
    if (o.state == ActionOutcome::State::Done)
        ++succeeded_;
    else
        failures_.insert(*it, o);
    emit progress(succeeded_ + int(failures_.size()), total());
    pump();
}

}  // namespace wf
