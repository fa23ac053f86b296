#include "planning/isochrone_geojson.hpp"

#include <nlohmann/json.hpp>

#include "planning/rounding.hpp"

namespace ems120 {

namespace {

// 7 decimals (1 cm): the cut-outs around late junctions can be metres wide.
nlohmann::json position(LatLon p) { return {rounded(p.lon, 7), rounded(p.lat, 7)}; }

nlohmann::json ring_json(const Ring& ring) {
    nlohmann::json r = nlohmann::json::array();
    for (const LatLon& p : ring) r.push_back(position(p));
    return r;
}

}  // namespace

std::string isochrone_geojson(std::span<const Isochrone> isochrones, const std::string& origin_name, LatLon origin) {
    nlohmann::json features = nlohmann::json::array();
    for (const Isochrone& iso : isochrones) {
        const double minutes = rounded(to_minutes(iso.limit), 2);
        nlohmann::json polygons = nlohmann::json::array();
        for (const IsochronePolygon& polygon : iso.polygons) {
            nlohmann::json rings = nlohmann::json::array({ring_json(polygon.outer)});
            for (const Ring& hole : polygon.holes) rings.push_back(ring_json(hole));
            polygons.push_back(std::move(rings));
        }
        features.push_back({{"type", "Feature"},
                            {"geometry", {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}}},
                            {"properties",
                             {{"kind", "area"},
                              {"minutes", minutes},
                              {"origin", origin_name},
                              {"origin_lat", rounded(origin.lat, 7)},
                              {"origin_lon", rounded(origin.lon, 7)},
                              {"area_km2", rounded(iso.area_km2, 3)},
                              {"junctions_reached", iso.junctions_reached},
                              {"cell_m", rounded(iso.cell_m, 1)}}}});
        nlohmann::json lines = nlohmann::json::array();
        for (const auto& piece : iso.roads) lines.push_back({position(piece[0]), position(piece[1])});
        features.push_back({{"type", "Feature"},
                            {"geometry", {{"type", "MultiLineString"}, {"coordinates", std::move(lines)}}},
                            {"properties",
                             {{"kind", "roads"}, {"minutes", minutes}, {"origin", origin_name}, {"road_km", rounded(iso.road_km, 3)}}}});
    }
    return nlohmann::json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump() + "\n";
}

}  // namespace ems120
