#pragma once

// The change log behind a stream (deploy events, flag changes): events
// numbered 1, 2, ... in the platform's stream epoch, the newest `capacity`
// retained. Not locked: the owning store holds its mutex.

#include <algorithm>
#include <cstdint>
#include <deque>
#include <vector>

namespace wfsim {

template <typename Event>
class EventLog {
public:
    explicit EventLog(size_t capacity = 100000) : capacity_(capacity) {}

    // Numbers the event (set_sequence) and keeps it; returns its sequence.
    uint64_t append(Event event)
    {
        event.set_sequence(++newest_);
        events_.push_back(std::move(event));
        if (events_.size() > capacity_)
            events_.pop_front();
        return newest_;
    }

    // The last sequence given out, 0 before the first event.
    uint64_t newest() const { return newest_; }
    // The oldest sequence still retained (newest + 1 when empty).
    uint64_t oldest() const { return newest_ + 1 - events_.size(); }

    // Events with sequence > `after`, at most `max`, oldest first.
    void after(uint64_t after, size_t max, std::vector<Event>* out) const
    {
        out->clear();
        const uint64_t first = std::max(after + 1, oldest());
        for (uint64_t s = first; s <= newest_ && out->size() < max; ++s)
            out->push_back(events_[static_cast<size_t>(s - oldest())]);
    }

private:
    size_t capacity_;
    uint64_t newest_ = 0;
    std::deque<Event> events_;
};

}  // namespace wfsim
