#pragma once

// Exponential backoff with full jitter for reconnects: the n-th delay is
// drawn uniformly from [base * 2^n / 2, base * 2^n], capped at maxMs.

#include <cstdint>
#include <random>

namespace wf {

class ReconnectBackoff {
public:
    explicit ReconnectBackoff(int initialMs = 250, int maxMs = 15000,
                              uint32_t seed = std::random_device{}());

    int nextDelayMs();
    void reset() { attempt_ = 0; }
    int attempt() const { return attempt_; }

private:
    int initialMs_;
    int maxMs_;
    int attempt_ = 0;
    std::mt19937 rng_;
};

}  // namespace wf
