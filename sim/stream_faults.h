#pragma once

// Simulated transport faults on the live health streams
// (SimulatorControl.SetFaults): the next N events with samples are each sent
// twice, or held back and sent after the event that follows them (a swapped
// pair). Shared by every open stream; each event takes one from the count.

#include <spdlog/spdlog.h>

#include <atomic>
#include <optional>

namespace wfsim {

class StreamFaults {
public:
    void set(int duplicates, int reorders)
    {
        duplicates_.store(duplicates < 0 ? 0 : duplicates);
        reorders_.store(reorders < 0 ? 0 : reorders);
    }
    bool takeDuplicate() { return take(duplicates_); }
    bool takeReorder() { return take(reorders_); }

    // Sends `event` through `write` (bool(const Event&)) with the faults: an
    // event held back earlier goes right after this one; `change` false (a
    // heartbeat) is never held back or doubled.
    template <typename Event, typename Write>
    bool send(const Event& event, bool change, std::optional<Event>& held, Write&& write)
    {
        if (held) {
            const bool ok = write(event) && write(*held);
            held.reset();
            return ok;
        }
        if (change && takeReorder()) {
            spdlog::info("holding a stream event back (simulated reordering)");
            held = event;
            return true;
        }
        if (!write(event))
            return false;
        if (!change || !takeDuplicate())
            return true;
        spdlog::info("sending a stream event twice (simulated duplication)");
        return write(event);
    }

private:
    static bool take(std::atomic<int>& count)
    {
        int n = count.load();
        while (n > 0 && !count.compare_exchange_weak(n, n - 1)) {
        }
        return n > 0;
    }

    std::atomic<int> duplicates_{0};
    std::atomic<int> reorders_{0};
};

}  // namespace wfsim
