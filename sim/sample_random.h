#pragma once

// Stateless random draws: the k-th draw is a hash (splitmix64) of the inputs
// and k, so the same inputs always give the same numbers, in any order.

#include <cmath>
#include <cstdint>
#include <numbers>

namespace wfsim {

class SampleRandom {
public:
    SampleRandom(uint64_t seed, uint64_t stream, int64_t intervalStart, int64_t intervalLength)
        : key_(mix(mix(mix(mix(seed) ^ stream) ^ static_cast<uint64_t>(intervalStart)) ^
                   static_cast<uint64_t>(intervalLength)))
    {
    }

    static constexpr uint64_t mix(uint64_t x)
    {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }

    uint64_t bits(uint64_t k) const { return mix(key_ + k * 0x632be59bd9b4e019ULL); }
    // Uniform in [0, 1).
    double uniform(uint64_t k) const { return static_cast<double>(bits(k) >> 11) * 0x1.0p-53; }
    // Uniform in [lo, hi).
    double uniform(uint64_t k, double lo, double hi) const { return lo + (hi - lo) * uniform(k); }
    // Standard normal (Box-Muller over draws k and k+1).
    double normal(uint64_t k) const
    {
        const double u1 = 1.0 - uniform(k);  // (0, 1]
        const double u2 = uniform(k + 1);
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    uint64_t key_;
};

}  // namespace wfsim
