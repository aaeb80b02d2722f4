#include "recon_store.h"

#include "error_status.h"
#include "journey_catalog.h"
#include "proto_time.h"
#include "recon_actions.h"
#include "recon_money.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

namespace wfsim {

namespace v1 = watchfloor::v1;

ReconStore::ReconStore(const ReconSettings& settings, const Scenario& scenario,
                       const PlatformClock& clock, const std::string& epoch, ActionJournal& journal)
    : settings_(settings),
      generator_(settings.seed),
      detail_(generator_),
      clock_(clock),
      epoch_(epoch),
      journal_(journal),
      files_(scenario.settlementFiles),
      log_(kRetainedEvents)
{
    std::stable_sort(files_.begin(), files_.end(),
                     [](const ScenarioSettlementFile& a, const ScenarioSettlementFile& b) {
                         return a.atSeconds < b.atSeconds;
                     });
    const int64_t start = clock.startMs() / 1000;
    const uint32_t n = static_cast<uint32_t>(std::clamp(settings.size, 0, ReconSettings::kMaxSize));
    ReconBatch batch;
    batch.detectedFrom = start - kHistorySeconds;
    batch.detectedTo = start;
    batch.count = n;
    batch.history = true;
    std::vector<ReconRow> rows(n);
    const auto generate = [&](uint32_t from, uint32_t to) {
        for (uint32_t i = from; i < to; ++i)
            rows[i] = generator_.row(i, batch, i);
    };
    if (n >= kParallelFrom) {  // rows are independent: half each on two threads
        std::thread other(generate, n / 2, n);
        generate(0, n / 2);
        other.join();
    } else {
        generate(0, n);
    }
    std::lock_guard lock(mutex_);
    table_.reset(std::move(rows));
}

void ReconStore::catchUp()
{
    std::lock_guard lock(mutex_);
    advanceTo(clock_.nowMs());
}

void ReconStore::advanceTo(int64_t nowMs)
{
    while (nextFile_ < files_.size()) {
        const ScenarioSettlementFile& file = files_[nextFile_];
        const int64_t atMs = clock_.startMs() + std::llround(file.atSeconds * 1000);
        if (atMs > nowMs)
            break;
        land(file, atMs / 1000);
        ++nextFile_;
    }
}

void ReconStore::addSettlementFile(const ScenarioSettlementFile& file)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    land(file, nowMs / 1000);
}

void ReconStore::land(const ScenarioSettlementFile& file, int64_t atSeconds)
{
    const auto started = std::chrono::steady_clock::now();
    const uint32_t first = static_cast<uint32_t>(table_.size());
    const uint32_t count = static_cast<uint32_t>(std::clamp(file.count, 0, kMaxSettlementFile));
    ReconBatch batch;
    // Never before the newest row: detection order is index order.
    batch.detectedFrom = std::max(atSeconds, first > 0 ? table_.rows().back().detectedAt : 0);
    batch.detectedTo = batch.detectedFrom;
    batch.count = count;
    batch.provider = ReconGenerator::providerIndex(file.provider);
    batch.region = file.region;
    batch.type = file.type;
    std::vector<ReconRow> rows(count);
    for (uint32_t i = 0; i < count; ++i)
        rows[i] = generator_.row(first + i, batch, i);
    table_.append(rows);
    for (uint32_t i = 0; i < count; ++i) {
        LogEntry entry;
        entry.index = first + i;
        entry.kind = v1::MISMATCH_EVENT_KIND_CREATED;
        entry.row = rows[i];
        log_.append(entry);
    }
    spdlog::info("settlement file from {}: {} new mismatches (mm-{:09} on) in {} ms", file.provider,
                 count, first + 1,
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count());
}

size_t ReconStore::size() const
{
    std::lock_guard lock(mutex_);
    return table_.size();
}

std::pair<uint64_t, uint64_t> ReconStore::cacheCounters() const
{
    std::lock_guard lock(mutex_);
    return {query_.cacheHits(), query_.cacheMisses()};
}

grpc::Status ReconStore::find(const std::string& id, uint32_t* index) const
{
    const int64_t i = ReconGenerator::indexOfId(id);
    if (i < 0 || i >= static_cast<int64_t>(table_.size())) {
        return ErrorStatus::make(grpc::StatusCode::NOT_FOUND, "no mismatch \"" + id + "\"",
                                 "MISMATCH_NOT_FOUND", "mismatch_id");
    }
    *index = static_cast<uint32_t>(i);
    return grpc::Status::OK;
}

v1::Mismatch ReconStore::mismatchOf(uint32_t index) const
{
    const ReconRow& row = table_.rows()[index];
    v1::Mismatch out;
    detail_.row(index, row, table_.assigneeName(row.assignee),
                row.approval > 0 ? ApprovalBook::idOf(row.approval - 1) : std::string(), &out);
    return out;
}

v1::MismatchDetail ReconStore::detailOf(uint32_t index) const
{
    const ReconRow& row = table_.rows()[index];
    const auto it = extras_.find(index);
    v1::MismatchDetail out;
    *out.mutable_mismatch() = mismatchOf(index);
    detail_.detail(index, row, it == extras_.end() ? nullptr : &it->second, &out);
    for (ReconActions::Action a : ReconActions::applicable(row, generator_.facts(index, row)))
        out.add_applicable_actions(a);
    return out;
}

grpc::Status ReconStore::list(const v1::ListMismatchesRequest& request,
                              v1::ListMismatchesResponse* response)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    ReconQuery::Page page;
    const grpc::Status status = query_.list(table_, request, nowMs / 1000, &page);
    if (!status.ok())
        return status;
    for (uint32_t index : page.rows)
        *response->add_mismatches() = mismatchOf(index);
    response->mutable_page()->set_next_page_token(page.nextToken);
    response->mutable_page()->set_total_size(page.total);
    response->set_offset(page.offset);
    proto_time::setMs(response->mutable_platform_time(), nowMs);
    response->set_stream_epoch(epoch_);
    response->set_up_to_sequence(log_.newest());
    return grpc::Status::OK;
}

grpc::Status ReconStore::summarize(const v1::SummarizeMismatchesRequest& request,
                                   v1::SummarizeMismatchesResponse* response)
{
    std::lock_guard lock(mutex_);
    const int64_t nowMs = clock_.nowMs();
    advanceTo(nowMs);
    ReconQuery::Summary summary;
    const grpc::Status status =
        ReconQuery::summarize(table_, request.filter(), nowMs / 1000, &summary);
    if (!status.ok())
        return status;
    int64_t total = 0;
    for (int t = 1; t < ReconQuery::Summary::kTypes; ++t) {
        if (!v1::MismatchType_IsValid(t))
            continue;
        v1::TypeSummary* type = response->add_types();
        type->set_type(static_cast<v1::MismatchType>(t));
        type->set_count(summary.count[static_cast<size_t>(t)]);
        total += summary.count[static_cast<size_t>(t)];
        // By currency code, only those with mismatches.
        for (int c : {ReconMoney::kEur, ReconMoney::kGbp, ReconMoney::kJpy, ReconMoney::kUsd}) {
            const int64_t sum = summary.totals[static_cast<size_t>(t)][static_cast<size_t>(c)];
            if (sum > 0)
                *type->add_totals() = ReconMoney::money(sum, c);
        }
    }
    response->set_total_count(total);
    proto_time::setMs(response->mutable_platform_time(), nowMs);
    response->set_stream_epoch(epoch_);
    response->set_up_to_sequence(log_.newest());
    return grpc::Status::OK;
}

grpc::Status ReconStore::get(const v1::GetMismatchRequest& request,
                             v1::GetMismatchResponse* response)
{
    std::lock_guard lock(mutex_);
    advanceTo(clock_.nowMs());
    uint32_t index = 0;
    const grpc::Status status = find(request.mismatch_id(), &index);
    if (!status.ok())
        return status;
    *response->mutable_detail() = detailOf(index);
    return grpc::Status::OK;
}

void ReconStore::fillApproval(const ApprovalRecord& record, v1::Approval* out) const
{
    *out->mutable_mismatch() = mismatchOf(record.mismatch);
}

grpc::Status ReconStore::listApprovals(const v1::ListApprovalsRequest& request,
                                       v1::ListApprovalsResponse* response)
{
    std::lock_guard lock(mutex_);
    advanceTo(clock_.nowMs());
    const grpc::Status status = approvals_.page(
        request, [this](const ApprovalRecord& r, v1::Approval* out) { fillApproval(r, out); },
        response);
    if (!status.ok())
        return status;
    for (int c = 0; c < ReconMoney::kCurrencyCount; ++c) {
        *response->add_approval_thresholds() =
            ReconMoney::money(ReconMoney::threshold(settings_.thresholdMinor, c), c);
    }
    return grpc::Status::OK;
}

uint64_t ReconStore::newestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.newest();
}

uint64_t ReconStore::oldestSequence() const
{
    std::lock_guard lock(mutex_);
    return log_.oldest();
}

void ReconStore::eventsAfter(uint64_t after, size_t max, std::vector<v1::MismatchEvent>* out) const
{
    std::vector<LogEntry> entries;
    std::lock_guard lock(mutex_);
    log_.after(after, max, &entries);
    out->clear();
    out->reserve(entries.size());
    for (const LogEntry& e : entries) {
        v1::MismatchEvent event;
        event.set_sequence(e.sequence);
        event.set_kind(e.kind);
        detail_.row(e.index, e.row, table_.assigneeName(e.row.assignee),
                    e.row.approval > 0 ? ApprovalBook::idOf(e.row.approval - 1) : std::string(),
                    event.mutable_mismatch());
        out->push_back(std::move(event));
    }
}

}  // namespace wfsim
