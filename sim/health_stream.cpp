#include "health_stream.h"

#include "error_status.h"
#include "proto_time.h"
#include "series_filter.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <thread>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr size_t kOversizedBytes = 5 * 1024 * 1024 + 1;

}  // namespace

HealthStream::HealthStream(SimulatedPlatform& platform, const std::atomic<bool>& shuttingDown,
                           grpc::ServerContext* context,
                           grpc::ServerWriter<v1::HealthEvent>* writer)
    : platform_(platform), shuttingDown_(shuttingDown), context_(context), writer_(writer)
{
}

grpc::Status HealthStream::run(const v1::StreamHealthRequest& request)
{
    grpc::Status status =
        SeriesFilter::parse(platform_.catalog(), request.journey_ids(), request.regions(), &mask_);
    if (!status.ok())
        return status;
    status = resumePoint(request);
    if (!status.ok())
        return status;
    spdlog::info("StreamHealth: {} from sequence {}",
                 request.stream_epoch().empty() ? "fresh start" : "resuming", next_);

    const SampleTimeline& timeline = platform_.timeline();
    const PlatformClock& clock = platform_.clock();
    lastWrite_ = std::chrono::steady_clock::now();
    while (!stopped()) {
        const int64_t completed = timeline.completedTicks(clock.nowMs());
        const uint64_t last = SampleTimeline::lastSequence(completed);
        if (next_ <= last) {
            if (!sendUpTo(last, &status))
                break;
            continue;
        }
        const auto sinceWrite = std::chrono::steady_clock::now() - lastWrite_;
        if (sinceWrite >= kHeartbeatInterval) {
            event_.Clear();
            if (!flush())
                break;
            continue;
        }
        const auto untilTick = clock.wallUntil(timeline.tickStart(completed + 1) * 1000);
        const auto sleep = std::min<std::chrono::nanoseconds>(
            {untilTick, std::chrono::nanoseconds(kMaxSleep), kHeartbeatInterval - sinceWrite});
        if (sleep.count() > 0)
            std::this_thread::sleep_for(sleep);
    }
    spdlog::info("StreamHealth ended after {} samples (next sequence {})", samplesSent_, next_);
    if (!status.ok())
        return status;
    if (shuttingDown_.load())
        return grpc::Status(grpc::StatusCode::UNAVAILABLE, "the platform is shutting down");
    return grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled");
}

grpc::Status HealthStream::resumePoint(const v1::StreamHealthRequest& request)
{
    const SampleTimeline& timeline = platform_.timeline();
    const int64_t nowMs = platform_.clock().nowMs();
    const int64_t completed = timeline.completedTicks(nowMs);
    if (request.stream_epoch().empty()) {
        next_ = completed > 0 ? SampleTimeline::lastSequence(completed - 1) + 1 : 1;
        return grpc::Status::OK;
    }
    if (request.stream_epoch() != platform_.streamEpoch()) {
        return ErrorStatus::make(
            grpc::StatusCode::FAILED_PRECONDITION,
            "stream epoch \"" + request.stream_epoch() +
                "\" is not the platform's current one; it restarted: reload history",
            "EPOCH_CHANGED", "stream_epoch", {{"current_epoch", platform_.streamEpoch()}});
    }
    const uint64_t after = request.resume_after_sequence();
    const uint64_t newest = SampleTimeline::lastSequence(completed);
    if (after > newest) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "resume_after_sequence " + std::to_string(after) +
                                     " is beyond the newest sample, " + std::to_string(newest),
                                 "RESUME_POINT_AHEAD", "resume_after_sequence",
                                 {{"newest_sequence", std::to_string(newest)}});
    }
    const int64_t tick = SampleTimeline::tickOfSequence(after + 1);
    if (nowMs - timeline.tickStart(tick) * 1000 > kResumeWindowSeconds * 1000) {
        return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                 "resume point " + std::to_string(after) +
                                     " is more than 6 simulated hours old: reload history",
                                 "RESUME_POINT_EXPIRED", "resume_after_sequence");
    }
    next_ = after + 1;
    return grpc::Status::OK;
}

bool HealthStream::stopped() const
{
    return shuttingDown_.load(std::memory_order_relaxed) || context_->IsCancelled();
}

bool HealthStream::sendUpTo(uint64_t lastSequence, grpc::Status* status)
{
    const SampleGenerator& generator = platform_.generator();
    const SampleTimeline& timeline = platform_.timeline();
    while (next_ <= lastSequence) {
        const int64_t tick = SampleTimeline::tickOfSequence(next_);
        if (tick != faultsCheckedTick_) {
            faultsCheckedTick_ = tick;
            if (!platform_.faults().empty() && !sendFaults(tick, status))
                return false;
        }
        const int64_t start = timeline.tickStart(tick);
        const uint64_t tickEnd = std::min(lastSequence, SampleTimeline::lastSequence(tick + 1));
        for (; next_ <= tickEnd; ++next_) {
            const int series = SampleTimeline::seriesOfSequence(next_);
            if (!(mask_ & (1u << series)))
                continue;
            addSample(event_, series, start,
                      generator.generate(series, start, SampleTimeline::kTickSeconds), next_);
            if (event_.samples_size() >= kMaxSamplesPerEvent && !flush())
                return false;
        }
        if (stopped())
            return false;
    }
    return event_.samples_size() == 0 || flush();
}

bool HealthStream::sendFaults(int64_t tick, grpc::Status* status)
{
    platform_.faults().claim(tick, mask_, &claimed_);
    if (claimed_.empty())
        return true;
    if (event_.samples_size() > 0 && !flush())
        return false;
    const int64_t start = platform_.timeline().tickStart(tick);
    for (const ClaimedFault& claimed : claimed_) {
        spdlog::info("fault {} in tick {}", ScenarioFault::kindName(claimed.fault.kind), tick);
        if (claimed.fault.kind == FaultKind::CloseStream) {
            *status = grpc::Status(grpc::StatusCode::UNAVAILABLE, "simulated stream reset");
            return false;
        }
        v1::HealthEvent event;
        GeneratedSample sample =
            platform_.generator().generate(claimed.series, start, SampleTimeline::kTickSeconds);
        switch (claimed.fault.kind) {
            case FaultKind::NanLatency:
                sample.p95Ms = std::numeric_limits<double>::quiet_NaN();
                break;
            case FaultKind::NegativeCount:
                sample.good = -5;
                sample.valid = -3;
                break;
            case FaultKind::GoodExceedsValid: sample.good = sample.valid + 10; break;
            default: break;
        }
        // Fault samples carry sequence 0: the real samples keep their numbers.
        addSample(event, claimed.series, start, sample, 0);
        if (claimed.fault.kind == FaultKind::UnknownJourney)
            event.mutable_samples(0)->set_journey_id("teleportation");
        if (claimed.fault.kind == FaultKind::OversizedMessage)
            event.mutable_samples(0)->set_journey_id(std::string(kOversizedBytes, 'x'));
        if (!write(event))
            return false;
    }
    return true;
}

bool HealthStream::flush()
{
    const bool ok = write(event_);
    samplesSent_ += static_cast<uint64_t>(event_.samples_size());
    event_.Clear();
    return ok;
}

bool HealthStream::write(v1::HealthEvent& event)
{
    event.set_stream_epoch(platform_.streamEpoch());
    proto_time::setMs(event.mutable_platform_time(), platform_.clock().nowMs());
    lastWrite_ = std::chrono::steady_clock::now();
    return platform_.streamFaults().send(
        event, event.samples_size() > 0, held_,
        [this](const v1::HealthEvent& e) { return writer_->Write(e); });
}

void HealthStream::addSample(v1::HealthEvent& event, int series, int64_t intervalStart,
                             const GeneratedSample& sample, uint64_t sequence)
{
    const JourneyCatalog& catalog = platform_.catalog();
    v1::HealthSample* out = event.add_samples();
    out->set_journey_id(catalog.journey(JourneyCatalog::journeyOfSeries(series)).id);
    out->set_region(catalog.region(JourneyCatalog::regionOfSeries(series)).id);
    proto_time::setSeconds(out->mutable_interval_start(), intervalStart);
    proto_time::setSeconds(out->mutable_interval(), SampleTimeline::kTickSeconds);
    out->set_good(sample.good);
    out->set_valid(sample.valid);
    out->set_latency_p50_ms(sample.p50Ms);
    out->set_latency_p95_ms(sample.p95Ms);
    out->set_latency_p99_ms(sample.p99Ms);
    out->set_sequence(sequence);
}

}  // namespace wfsim
