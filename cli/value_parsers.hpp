#pragma once
// Checked conversions of option values; errors name the option and the value.
#include <cstdint>
#include <string>

#include "maps/lat_lon.hpp"

namespace ems120::cli {

// "LAT,LON" in degrees, both finite and in range.
LatLon parse_lat_lon(const std::string& option, const std::string& text);

// A finite number in [min, max].
double parse_number(const std::string& option, const std::string& text, double min, double max);

// "on" or "off".
bool parse_on_off(const std::string& option, const std::string& text);

// A whole number in [min, max].
std::uint32_t parse_count(const std::string& option, const std::string& text, std::uint32_t min, std::uint32_t max);

}  // namespace ems120::cli
