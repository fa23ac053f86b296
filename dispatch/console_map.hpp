#pragma once
// What the browser console draws that does not change while the dispatcher runs: the map's name
// and extent, its roads (dispatch/road_tiles), places, stations and hospitals, and the graph the
// units' isochrones are computed on. Made once after the map loads and handed to the HTTP
// gateway, whose request threads read it without asking the dispatcher's thread.
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>

#include "dispatch/hospitals_file.hpp"
#include "dispatch/road_tiles.hpp"
#include "dispatch/travel_modes.hpp"
#include "maps/map_point.hpp"

namespace ems120::dispatch {

struct ConsoleMap {
    std::string map_name;  // the map file's name, without its directory
    LatLonBox bounds;      // of the road graph
    LatLon center;
    double limit_min = 15.0;  // the response radius, as coverage uses it
    RoutingIndex routing;     // the normal profile's graph (must outlive the map)
    double unit_max_snap_m = 500.0;  // a unit farther from every road is not drawn an isochrone
    std::unique_ptr<RoadTilesIndex> roads;
    std::string info_json;      // GET /api/map/info
    std::string features_json;  // GET /api/map/features
};

struct ConsoleMapSources {
    std::string map_path;
    RoutingIndex routing;
    std::span<const MapPoint> places;
    std::span<const MapPoint> stations;
    std::span<const Hospital> hospitals;
    TravelTime limit = 15 * 60'000;
    double unit_max_snap_m = 500.0;
};

// Builds the road index (a second or so on a large map) and renders the fixed answers.
std::shared_ptr<const ConsoleMap> make_console_map(const ConsoleMapSources& sources);

}  // namespace ems120::dispatch
