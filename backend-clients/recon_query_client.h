#pragma once

// Reconciliation reads on demand, off the UI thread: pages of the queue (by
// offset, for a view that scrolls anywhere), the per-type summary, one
// mismatch's detail, the approvals. Requests queue on one worker thread;
// a request for an older generation (the filter or sort has changed since)
// is dropped before it is sent. Answers arrive through queued signals.

#include "endpoint_config.h"
#include "recon_types.h"

#include <QObject>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace grpc {
class Channel;
}

namespace wf {

struct MismatchQuery {
    MismatchFilter filter;
    MismatchSort sort = MismatchSort::DetectedAt;
    bool descending = false;
    bool operator==(const MismatchQuery& o) const = default;
};

class ReconQueryClient : public QObject {
    Q_OBJECT
public:
    explicit ReconQueryClient(QObject* parent = nullptr);
    ~ReconQueryClient() override;

    void setEndpoint(const EndpointConfig& config);
    // Drops requests not sent yet (disconnecting); the client stays usable.
    void cancelPending();
    // Ends the worker thread for good (destruction).
    void stop();

    // Requests older than `generation` are dropped unsent.
    void setGeneration(quint64 generation) { generation_.store(generation); }
    void fetchPage(quint64 generation, const MismatchQuery& query, qint64 offset, int limit);
    void fetchSummary(quint64 generation, const MismatchFilter& filter);
    void fetchDetail(const QString& mismatchId);
    void fetchApprovals(bool includeDecided);
    // Reads every row of `query` page by page (page tokens, 1000 a page) on
    // the worker thread, handing each page to `onPage` there; `onPage`
    // returns false to stop. `done` runs there too, with "" or why it stopped.
    // For exports: the only call that reads everything.
    using PageSink = std::function<bool(const QVector<Mismatch>& rows, qint64 total)>;
    void readAll(const MismatchQuery& query, PageSink onPage,
                 std::function<void(const QString& error)> done);
    // Calls sent so far (for tests and benchmarks).
    qint64 pagesRequested() const { return pagesRequested_.load(); }

signals:
    void pageLoaded(const wf::MismatchPage& page);
    void pageFailed(quint64 generation, qint64 offset, const QString& message);
    void summaryLoaded(const wf::MismatchSummary& summary);
    void summaryFailed(quint64 generation, const QString& message);
    void detailLoaded(const wf::MismatchDetail& detail);
    void detailFailed(const QString& mismatchId, const QString& message);
    void approvalsLoaded(const QVector<wf::Approval>& approvals,
                         const QVector<wf::Money>& thresholds);
    void approvalsFailed(const QString& message);

private:
    struct Task {
        quint64 generation = 0;  // 0: never dropped
        std::function<void(const std::shared_ptr<grpc::Channel>&, const EndpointConfig&)> run;
    };
    void post(Task task);
    void runLoop();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Task> tasks_;  // guarded by mutex_
    bool stopping_ = false;
    EndpointConfig config_;                   // guarded by mutex_
    std::shared_ptr<grpc::Channel> channel_;  // guarded by mutex_
    std::thread worker_;
    std::atomic<quint64> generation_{0};
    std::atomic<qint64> pagesRequested_{0};
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::MismatchQuery)
