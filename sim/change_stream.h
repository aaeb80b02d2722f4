#pragma once

// One StreamDeployEvents / StreamFlagChanges call, with the stream
// conventions of proto/README.md: a fresh start sends the changes from now
// on; a resume (same epoch) continues after the given sequence, or fails
// with EPOCH_CHANGED, RESUME_POINT_EXPIRED (no longer retained) or
// RESUME_POINT_AHEAD; a heartbeat (sequence 0, no payload) after 1 s of
// silence.
//
// `Source` is a store with catchUp(), streamEpoch(), newestSequence(),
// oldestSequence() and eventsAfter(sequence, max, std::vector<Event>*).

#include "error_status.h"
#include "platform_clock.h"
#include "proto_time.h"
#include "stream_faults.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/sync_stream.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace wfsim {

template <typename Source, typename Event>
class ChangeStream {
public:
    static constexpr auto kHeartbeatInterval = std::chrono::seconds(1);
    static constexpr auto kPollInterval = std::chrono::milliseconds(20);
    static constexpr size_t kBatch = 500;

    ChangeStream(Source& source, const PlatformClock& clock, const std::atomic<bool>& shuttingDown,
                 grpc::ServerContext* context, grpc::ServerWriter<Event>* writer,
                 StreamFaults* faults = nullptr)
        : source_(source),
          clock_(clock),
          shuttingDown_(shuttingDown),
          context_(context),
          writer_(writer),
          faults_(faults)
    {
    }

    grpc::Status run(const std::string& epoch, uint64_t resumeAfter)
    {
        source_.catchUp();
        uint64_t last = source_.newestSequence();
        if (!epoch.empty()) {
            grpc::Status status = checkResume(epoch, resumeAfter);
            if (!status.ok())
                return status;
            last = resumeAfter;
        }
        auto lastWrite = std::chrono::steady_clock::now();
        std::vector<Event> batch;
        while (!shuttingDown_.load(std::memory_order_relaxed) && !context_->IsCancelled()) {
            source_.catchUp();
            if (last + 1 < source_.oldestSequence()) {
                return ErrorStatus::make(grpc::StatusCode::FAILED_PRECONDITION,
                                         "this stream fell behind the retained changes: reload",
                                         "RESUME_POINT_EXPIRED", "resume_after_sequence");
            }
            source_.eventsAfter(last, kBatch, &batch);
            for (Event& event : batch) {
                last = event.sequence();
                if (!write(event))
                    return grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled");
                lastWrite = std::chrono::steady_clock::now();
            }
            if (!batch.empty())
                continue;
            if (std::chrono::steady_clock::now() - lastWrite >= kHeartbeatInterval) {
                Event heartbeat;
                if (!write(heartbeat))
                    return grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled");
                lastWrite = std::chrono::steady_clock::now();
                continue;
            }
            std::this_thread::sleep_for(kPollInterval);
        }
        if (shuttingDown_.load())
            return grpc::Status(grpc::StatusCode::UNAVAILABLE, "the platform is shutting down");
        return grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled");
    }

private:
    grpc::Status checkResume(const std::string& epoch, uint64_t after) const
    {
        if (epoch != source_.streamEpoch()) {
            return ErrorStatus::make(
                grpc::StatusCode::FAILED_PRECONDITION,
                "stream epoch \"" + epoch +
                    "\" is not the platform's current one; it restarted: reload",
                "EPOCH_CHANGED", "stream_epoch", {{"current_epoch", source_.streamEpoch()}});
        }
        const uint64_t newest = source_.newestSequence();
        if (after > newest) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "resume_after_sequence " + std::to_string(after) +
                                         " is beyond the newest change, " + std::to_string(newest),
                                     "RESUME_POINT_AHEAD", "resume_after_sequence",
                                     {{"newest_sequence", std::to_string(newest)}});
        }
        if (after + 1 < source_.oldestSequence()) {
            return ErrorStatus::make(
                grpc::StatusCode::FAILED_PRECONDITION,
                "resume point " + std::to_string(after) + " is no longer retained: reload",
                "RESUME_POINT_EXPIRED", "resume_after_sequence");
        }
        return grpc::Status::OK;
    }

    bool write(Event& event)
    {
        event.set_stream_epoch(source_.streamEpoch());
        proto_time::setMs(event.mutable_platform_time(), clock_.nowMs());
        if (!faults_)
            return writer_->Write(event);
        return faults_->send(event, event.sequence() != 0, held_,
                             [this](const Event& e) { return writer_->Write(e); });
    }

    Source& source_;
    const PlatformClock& clock_;
    const std::atomic<bool>& shuttingDown_;
    grpc::ServerContext* context_;
    grpc::ServerWriter<Event>* writer_;
    StreamFaults* faults_;
    std::optional<Event> held_;
};

}  // namespace wfsim
