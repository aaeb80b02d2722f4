#include "recon_query_client.h"
#include "timestamp_conversion.h"

#include "platform_channel.h"
#include "recon_conversion.h"
#include "watchfloor/v1/reconciliation.grpc.pb.h"

#include <spdlog/spdlog.h>

namespace wf {

namespace v1 = watchfloor::v1;

ReconQueryClient::ReconQueryClient(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<wf::MismatchPage>();
    qRegisterMetaType<wf::MismatchSummary>();
    qRegisterMetaType<wf::MismatchDetail>();
    qRegisterMetaType<QVector<wf::Approval>>();
    qRegisterMetaType<QVector<wf::Money>>();
    worker_ = std::thread([this] { runLoop(); });
}

ReconQueryClient::~ReconQueryClient()
{
    stop();
}

void ReconQueryClient::stop()
{
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return;
        stopping_ = true;
        tasks_.clear();
    }
    wake_.notify_all();
    if (worker_.joinable())
        worker_.join();
}

void ReconQueryClient::cancelPending()
{
    std::lock_guard lock(mutex_);
    tasks_.clear();
}

void ReconQueryClient::setEndpoint(const EndpointConfig& config)
{
    QString error;
    auto channel = createPlatformChannel(config, &error);
    if (!channel)
        spdlog::warn("reconciliation queries: {}", error.toStdString());
    std::lock_guard lock(mutex_);
    config_ = config;
    channel_ = channel;
    tasks_.clear();
}

void ReconQueryClient::post(Task task)
{
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return;
        tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
}

void ReconQueryClient::runLoop()
{
    for (;;) {
        Task task;
        std::shared_ptr<grpc::Channel> channel;
        EndpointConfig config;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (stopping_)
                return;
            task = std::move(tasks_.front());
            tasks_.pop_front();
            channel = channel_;
            config = config_;
        }
        if (task.generation != 0 && task.generation < generation_.load())
            continue;  // the view has moved on
        task.run(channel, config);
    }
}

void ReconQueryClient::fetchPage(quint64 generation, const MismatchQuery& query, qint64 offset,
                                 int limit)
{
    post({generation,
          [this, generation, query, offset, limit](const std::shared_ptr<grpc::Channel>& channel,
                                                   const EndpointConfig& config) {
              if (!channel) {
                  emit pageFailed(generation, offset, tr("Not connected to a platform."));
                  return;
              }
              v1::ListMismatchesRequest req;
              fillFilter(query.filter, req.mutable_filter());
              req.set_sort(v1::MismatchSortField(toProtoSort(query.sort)));
              req.set_descending(query.descending);
              req.mutable_page()->set_page_size(limit);
              req.set_offset(offset);
              v1::ListMismatchesResponse resp;
              grpc::ClientContext ctx;
              prepareCall(ctx, config, config.callDeadlineMs);
              ++pagesRequested_;
              const grpc::Status st =
                  v1::ReconciliationService::NewStub(channel)->ListMismatches(&ctx, req, &resp);
              if (!st.ok()) {
                  emit pageFailed(generation, offset, describeStatus(st, config));
                  return;
              }
              MismatchPage page;
              page.generation = generation;
              page.offset = resp.offset();
              page.total = std::max<qint64>(resp.page().total_size(),
                                            resp.offset() + resp.mismatches_size());
              page.rows.reserve(resp.mismatches_size());
              for (const v1::Mismatch& m : resp.mismatches())
                  page.rows.append(toMismatch(m));
              page.platformMs = timestampMs(resp.platform_time());
              page.epoch = QString::fromStdString(resp.stream_epoch());
              page.upToSequence = resp.up_to_sequence();
              emit pageLoaded(page);
          }});
}

void ReconQueryClient::fetchSummary(quint64 generation, const MismatchFilter& filter)
{
    post({generation, [this, generation, filter](const std::shared_ptr<grpc::Channel>& channel,
                                                 const EndpointConfig& config) {
              if (!channel)
                  return;
              v1::SummarizeMismatchesRequest req;
              fillFilter(filter, req.mutable_filter());
              v1::SummarizeMismatchesResponse resp;
              grpc::ClientContext ctx;
              prepareCall(ctx, config, config.callDeadlineMs);
              const grpc::Status st =
                  v1::ReconciliationService::NewStub(channel)->SummarizeMismatches(&ctx, req,
                                                                                   &resp);
              if (!st.ok()) {
                  emit summaryFailed(generation, describeStatus(st, config));
                  return;
              }
              MismatchSummary s = toSummary(resp);
              s.generation = generation;
              emit summaryLoaded(s);
          }});
}

void ReconQueryClient::fetchDetail(const QString& mismatchId)
{
    post({0, [this, mismatchId](const std::shared_ptr<grpc::Channel>& channel,
                                const EndpointConfig& config) {
              if (!channel) {
                  emit detailFailed(mismatchId, tr("Not connected to a platform."));
                  return;
              }
              v1::GetMismatchRequest req;
              req.set_mismatch_id(mismatchId.toStdString());
              v1::GetMismatchResponse resp;
              grpc::ClientContext ctx;
              prepareCall(ctx, config, config.callDeadlineMs);
              const grpc::Status st =
                  v1::ReconciliationService::NewStub(channel)->GetMismatch(&ctx, req, &resp);
              if (!st.ok()) {
                  emit detailFailed(mismatchId, describeStatus(st, config));
                  return;
              }
              emit detailLoaded(toMismatchDetail(resp.detail()));
          }});
}

void ReconQueryClient::fetchApprovals(bool includeDecided)
{
    post({0, [this, includeDecided](const std::shared_ptr<grpc::Channel>& channel,
                                    const EndpointConfig& config) {
              if (!channel) {
                  emit approvalsFailed(tr("Not connected to a platform."));
                  return;
              }
              QVector<Approval> approvals;
              QVector<Money> thresholds;
              v1::ListApprovalsRequest req;
              req.set_include_decided(includeDecided);
              req.mutable_page()->set_page_size(500);
              for (int pages = 0; pages < 20; ++pages) {
                  v1::ListApprovalsResponse resp;
                  grpc::ClientContext ctx;
                  prepareCall(ctx, config, config.callDeadlineMs);
                  const grpc::Status st =
                      v1::ReconciliationService::NewStub(channel)->ListApprovals(&ctx, req, &resp);
                  if (!st.ok()) {
                      emit approvalsFailed(describeStatus(st, config));
                      return;
                  }
                  for (const v1::Approval& a : resp.approvals())
                      approvals.append(toApproval(a));
                  thresholds.clear();
                  for (const v1::Money& m : resp.approval_thresholds())
                      thresholds.append(toMoney(m));
                  if (resp.page().next_page_token().empty())
                      break;
                  req.mutable_page()->set_page_token(resp.page().next_page_token());
              }
              emit approvalsLoaded(approvals, thresholds);
          }});
}

void ReconQueryClient::readAll(const MismatchQuery& query, PageSink onPage,
                               std::function<void(const QString&)> done)
{
    post({0, [query, onPage = std::move(onPage), done = std::move(done)](
                 const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config) {
              if (!channel) {
                  done(tr("Not connected to a platform."));
                  return;
              }
              v1::ListMismatchesRequest req;
              fillFilter(query.filter, req.mutable_filter());
              req.set_sort(v1::MismatchSortField(toProtoSort(query.sort)));
              req.set_descending(query.descending);
              req.mutable_page()->set_page_size(1000);
              for (;;) {
                  v1::ListMismatchesResponse resp;
                  grpc::ClientContext ctx;
                  prepareCall(ctx, config, config.callDeadlineMs);
                  const grpc::Status st =
                      v1::ReconciliationService::NewStub(channel)->ListMismatches(&ctx, req, &resp);
                  if (!st.ok()) {
                      done(describeStatus(st, config));
                      return;
                  }
                  QVector<Mismatch> rows;
                  rows.reserve(resp.mismatches_size());
                  for (const v1::Mismatch& m : resp.mismatches())
                      rows.append(toMismatch(m));
                  if (!onPage(rows, resp.page().total_size())) {
                      done(tr("Stopped."));
                      return;
                  }
                  if (resp.page().next_page_token().empty())
                      break;
                  req.mutable_page()->set_page_token(resp.page().next_page_token());
              }
              done(QString());
          }});
}

}  // namespace wf
