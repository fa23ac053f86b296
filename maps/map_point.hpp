#pragma once
// A named point of the map: a place (city .. isolated_dwelling), an ambulance station or a
// hospital, from OSM or from a planner's CSV / GeoJSON file.
#include <cstdint>
#include <optional>
#include <string>

#include "maps/lat_lon.hpp"

namespace ems120 {

struct MapPoint {
    std::string source_id;  // "n123" / "w123" / "r123" for OSM objects, "FILE:ROW" for file rows
    std::string name;       // `name`, else `name:zh`, else `name:en`, else empty
    std::string name_zh;
    std::string name_en;
    std::string kind;       // city, town, village, hamlet, isolated_dwelling, ambulance_station, hospital, ...
    LatLon location;
    std::optional<std::int64_t> population;

    // The name, or "<kind> <source_id>" for unnamed points, so every report line says something.
    std::string display_name() const { return name.empty() ? kind + " " + source_id : name; }
};

}  // namespace ems120
