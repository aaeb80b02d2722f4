#pragma once

// Durations written the way people write them in scenario files:
// "500ms", "90s", "5m", "2h", "1d", "1.5h", "-10m".

#include <optional>
#include <string_view>

namespace wfsim {

class DurationText {
public:
    // Seconds, or nullopt if `text` is not a number followed by ms/s/m/h/d.
    static std::optional<double> parseSeconds(std::string_view text);
};

}  // namespace wfsim
