#pragma once

// One StreamHealth call: picks the starting sequence (fresh, or resumed in
// the same stream epoch), then sends every complete sample matching the
// filters in sequence order, in events of at most 2000 samples, waits for
// the next tick when caught up, and sends a heartbeat after 1 s of silence.
// Faults of the scenario are sent in their own event before the samples of
// their tick.

#include "simulated_platform.h"
#include "watchfloor/v1/journey_health.grpc.pb.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace wfsim {

class HealthStream {
public:
    static constexpr int kMaxSamplesPerEvent = 2000;
    static constexpr auto kHeartbeatInterval = std::chrono::seconds(1);
    static constexpr auto kMaxSleep = std::chrono::milliseconds(50);
    static constexpr int64_t kResumeWindowSeconds = 6 * 3600;

    HealthStream(SimulatedPlatform& platform, const std::atomic<bool>& shuttingDown,
                 grpc::ServerContext* context,
                 grpc::ServerWriter<watchfloor::v1::HealthEvent>* writer);

    grpc::Status run(const watchfloor::v1::StreamHealthRequest& request);

private:
    grpc::Status resumePoint(const watchfloor::v1::StreamHealthRequest& request);
    bool stopped() const;
    // Sends the complete samples from next_ up to `lastSequence` (false: the stream ended).
    bool sendUpTo(uint64_t lastSequence, grpc::Status* status);
    bool sendFaults(int64_t tick, grpc::Status* status);
    bool flush();
    bool write(watchfloor::v1::HealthEvent& event);
    void addSample(watchfloor::v1::HealthEvent& event, int series, int64_t intervalStart,
                   const GeneratedSample& sample, uint64_t sequence);

    SimulatedPlatform& platform_;
    const std::atomic<bool>& shuttingDown_;
    grpc::ServerContext* context_;
    grpc::ServerWriter<watchfloor::v1::HealthEvent>* writer_;
    uint32_t mask_ = 0;
    uint64_t next_ = 1;  // the next sequence to consider
    int64_t faultsCheckedTick_ = -1;
    // An event held back by a simulated reordering: sent after the next one.
    std::optional<watchfloor::v1::HealthEvent> held_;
    watchfloor::v1::HealthEvent event_;
    std::vector<ClaimedFault> claimed_;
    std::chrono::steady_clock::time_point lastWrite_;
    uint64_t samplesSent_ = 0;
};

}  // namespace wfsim
