#include "cli/value_parsers.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "cli/command_line.hpp"

namespace ems120::cli {

namespace {

bool to_double(const std::string& text, double& out) {
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end && std::isfinite(out);
}

}  // namespace

LatLon parse_lat_lon(const std::string& option, const std::string& text) {
    const auto comma = text.find(',');
    LatLon p;
    if (comma == std::string::npos || !to_double(text.substr(0, comma), p.lat) ||
        !to_double(text.substr(comma + 1), p.lon))
        throw UsageError("--" + option + " '" + text + "': expected LAT,LON in degrees, e.g. 42.5078,1.5211");
    if (!is_valid_lat_lon(p))
        throw UsageError("--" + option + " '" + text + "': latitude must be within [-90, 90] and longitude within [-180, 180]");
    return p;
}

double parse_number(const std::string& option, const std::string& text, double min, double max) {
    double v = 0;
    if (!to_double(text, v)) throw UsageError("--" + option + " '" + text + "': not a number");
    if (v < min || v > max) {
        char range[96];
        std::snprintf(range, sizeof range, "must be between %g and %g", min, max);
        throw UsageError("--" + option + " " + text + ": " + range);
    }
    return v;
}

bool parse_on_off(const std::string& option, const std::string& text) {
    if (text != "on" && text != "off") throw UsageError("--" + option + " takes on or off, not '" + text + "'");
    return text == "on";
}

std::uint32_t parse_count(const std::string& option, const std::string& text, std::uint32_t min, std::uint32_t max) {
    std::uint64_t v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end) throw UsageError("--" + option + " '" + text + "': not a whole number");
    if (v < min || v > max)
        throw UsageError("--" + option + " " + text + ": must be between " + std::to_string(min) + " and " + std::to_string(max));
    return static_cast<std::uint32_t>(v);
}

}  // namespace ems120::cli
