#pragma once
// The siting result a report shows: the GeoJSON `ems120 plan sites --out` writes, a
// FeatureCollection of Points whose properties.role is "existing", "proposed" or "place".
// Only the proposed sites are taken; the report recomputes coverage with them rather than trust
// the file's before/after figures.
#include <cstddef>
#include <string>
#include <vector>

#include "maps/map_point.hpp"

namespace ems120 {

struct SitesFile {
    std::vector<MapPoint> proposed;  // kind "proposed_station" unless the file names one
    std::size_t existing = 0;        // counted, for the report's notes
    std::size_t places = 0;
};

// Throws InputError naming the file and the feature's field for a document that is not a
// FeatureCollection of Points, an unknown role, a missing or ill-typed name/kind/places_gained,
// or a coordinate out of range.
SitesFile parse_sites_geojson(const std::string& text, const std::string& path);
SitesFile read_sites_file(const std::string& path);

}  // namespace ems120
