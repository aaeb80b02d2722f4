#pragma once

// Benchmarks print one line per figure: NAME VALUE UNIT.

#include <algorithm>
#include <cstdio>
#include <vector>

namespace wf::bench {

inline void report(const char* name, double value, const char* unit)
{
    std::printf("%s %.3f %s\n", name, value, unit);
    std::fflush(stdout);
}

inline double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace wf::bench
