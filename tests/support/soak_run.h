#pragma once

// A soak of the whole console: the main window on a running simulator,
// every tab shown in turn, for a while; what it measures: the memory it
// grew by after warming up, the longest stall of the UI event loop, and
// whether every sample the platform made arrived once.

#include <QString>
#include <functional>

namespace wf {
class MainWindow;
}

namespace wf::test {

struct SoakResult {
    double seconds = 0;
    double rssWarmMb = 0;  // after the warm-up
    double rssEndMb = 0;
    double longestStallMs = 0;   // after the warm-up
    qint64 samples = 0;          // received after the warm-up
    qint64 expectedSamples = 0;  // what the platform made meanwhile (15 per tick)
    qint64 duplicates = 0;
    qint64 rejected = 0;
    int tabSwitches = 0;
};

// Runs the event loop for `seconds` (the first `warmupSeconds` not
// measured) with `window` connected and live.
SoakResult runSoak(MainWindow& window, int seconds, int warmupSeconds = 10);

}  // namespace wf::test
