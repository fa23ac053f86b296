#pragma once
// Planners bring their own stations and target places as CSV or GeoJSON.
#include <string>
#include <vector>

#include "maps/map_point.hpp"

namespace ems120 {

// Reads points from `path`, chosen by extension:
//  - .csv: header `name,lat,lon` optionally followed by `kind` and `population` columns
//    (RFC 4180 quoting, UTF-8; a header row is required so columns are never guessed);
//  - .geojson / .json: a FeatureCollection of Point features; properties `name`, optional
//    `kind`, `population`, `name:zh`, `name:en`.
// `default_kind` is used where a row has no kind. source_id is "FILE:ROW" (CSV line number, or
// feature index for GeoJSON). Throws InputError naming the file and row for a missing/unreadable
// file, malformed row, latitude/longitude out of range or not a number, or an empty list.
std::vector<MapPoint> read_point_list(const std::string& path, const std::string& default_kind);

}  // namespace ems120
