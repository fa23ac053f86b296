#pragma once
// Route geometry on the wire: the Encoded Polyline Algorithm Format at 1e-6 degrees ("polyline6",
// as OSRM and Valhalla write it). Each point is the difference from the one before in integer
// micro-degrees (latitude, then longitude), zig-zag encoded in 5-bit groups as printable ASCII
// (63..126): a road point costs 2-8 bytes, so a simplified 30 km route is a few KB.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "maps/lat_lon.hpp"

namespace ems120::protocol {

// `p` rounded to the micro-degree grid the wire carries (what decoding an encoded point gives).
LatLon to_micro_degrees(LatLon p);

// Points must be valid coordinates (maps/lat_lon.hpp); they are rounded to micro-degrees.
std::string encode_polyline6(std::span<const LatLon> points);

// The points, or nullopt with `error` saying what is wrong: a character outside 63..126, a number
// cut short or wider than 32 bits, a coordinate outside ±90 / ±180, more than `max_points`.
std::optional<std::vector<LatLon>> decode_polyline6(std::string_view text, std::size_t max_points, std::string& error);

}  // namespace ems120::protocol
