#pragma once
// The polyline a simulated ambulance drives, from the text after "route:" in a source spec:
//  - inline "lat,lon;lat,lon;..." (decimal degrees, latitude first, as people write them), or
//  - the path of a GeoJSON file: a LineString, or a Feature / FeatureCollection whose first
//    LineString is used (coordinates in RFC 7946 [lon, lat] order; an altitude is ignored). A
//    name ending in .geojson or .json, or any existing file, is read as GeoJSON.
#include <string>
#include <vector>

#include "maps/lat_lon.hpp"

namespace ems120::agent {

// Consecutive repeated points are dropped. Throws InputError (one line naming the point or
// file) for text that is not coordinates, values out of range, unreadable or non-LineString
// files, and routes with fewer than two distinct points.
std::vector<LatLon> read_route(const std::string& text);

}  // namespace ems120::agent
