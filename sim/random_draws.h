#pragma once

// Draws from a uniform number u in [0, 1): the history planners' shared
// pieces (a seeded generator gives u, so a seed gives the same history).

#include <array>
#include <cmath>
#include <cstddef>

namespace wfsim {

// Weighted choice: the index whose cumulative weight passes u (weights sum to 1).
template <size_t N>
int pick(const std::array<double, N>& weights, double u)
{
    double sum = 0;
    for (size_t i = 0; i < N; ++i) {
        sum += weights[i];
        if (u < sum)
            return static_cast<int>(i);
    }
    return static_cast<int>(N - 1);
}

// Poisson by inversion (small means).
inline int poisson(double mean, double u)
{
    double p = std::exp(-mean);
    double cdf = p;
    int k = 0;
    while (u > cdf && k < 100) {
        ++k;
        p *= mean / k;
        cdf += p;
    }
    return k;
}

}  // namespace wfsim
