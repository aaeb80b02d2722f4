#include "duration_text.h"

#include <charconv>
#include <cmath>
#include <string>

namespace wfsim {

std::optional<double> DurationText::parseSeconds(std::string_view text)
{
    struct Unit {
        std::string_view suffix;
        double seconds;
    };
    static constexpr Unit kUnits[] = {
        {"ms", 0.001}, {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}};
    for (const Unit& unit : kUnits) {
        if (text.size() <= unit.suffix.size() || !text.ends_with(unit.suffix))
            continue;
        const std::string_view number = text.substr(0, text.size() - unit.suffix.size());
        // Plain decimal only: digits with an optional sign and fraction.
        if (number.find_first_not_of("-+.0123456789") != std::string_view::npos)
            continue;
        const std::string copy(number.front() == '+' ? number.substr(1) : number);
        double value = 0;
        const auto [end, ec] = std::from_chars(copy.data(), copy.data() + copy.size(), value);
        if (ec != std::errc() || end != copy.data() + copy.size() || !std::isfinite(value))
            continue;
        return value * unit.seconds;
    }
    return std::nullopt;
}

}  // namespace wfsim
