#include "dispatch/console_map.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace ems120::dispatch {

using nlohmann::json;

namespace {

json place_json(const MapPoint& p) {
    json j{{"place_id", p.source_id}, {"name", p.display_name()}, {"kind", p.kind}, {"lat", p.location.lat}, {"lon", p.location.lon}};
    if (!p.name_zh.empty()) j["name_zh"] = p.name_zh;
    if (!p.name_en.empty()) j["name_en"] = p.name_en;
    if (p.population) j["population"] = *p.population;
    return j;
}

}  // namespace

std::shared_ptr<const ConsoleMap> make_console_map(const ConsoleMapSources& sources) {
    auto map = std::make_shared<ConsoleMap>();
    map->map_name = std::filesystem::path(sources.map_path).filename().string();
    map->routing = sources.routing;
    map->unit_max_snap_m = sources.unit_max_snap_m;
    map->limit_min = static_cast<double>(sources.limit) / 60'000.0;
    for (const LatLon& p : sources.routing.graph->location) map->bounds.extend(p);
    if (map->bounds.empty()) map->bounds.extend({0.0, 0.0});
    map->center = {(map->bounds.min_lat + map->bounds.max_lat) / 2.0, (map->bounds.min_lon + map->bounds.max_lon) / 2.0};
    map->roads = std::make_unique<RoadTilesIndex>(*sources.routing.graph);

    const LatLonBox& b = map->bounds;
    map->info_json = json{{"map", map->map_name},
                          {"bbox", {b.min_lon, b.min_lat, b.max_lon, b.max_lat}},
                          {"center", {map->center.lat, map->center.lon}},
                          {"attribution", "© OpenStreetMap contributors"},
                          {"limit_min", map->limit_min}}
                         .dump();
    json places = json::array(), stations = json::array(), hospitals = json::array();
    for (const MapPoint& p : sources.places) places.push_back(place_json(p));
    for (const MapPoint& s : sources.stations)
        stations.push_back({{"name", s.display_name()}, {"lat", s.location.lat}, {"lon", s.location.lon}});
    for (const Hospital& h : sources.hospitals)
        hospitals.push_back({{"id", h.id}, {"name", h.name}, {"lat", h.location.lat}, {"lon", h.location.lon}, {"capabilities", h.capabilities}});
    map->features_json = json{{"places", std::move(places)}, {"stations", std::move(stations)}, {"hospitals", std::move(hospitals)}}.dump();
    return map;
}

}  // namespace ems120::dispatch
