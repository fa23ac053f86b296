#include "dispatch/unit_isochrones.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "routing/isochrone.hpp"

namespace ems120::dispatch {

using nlohmann::json;

namespace {

double rounded(double value, double step) { return std::round(value / step) * step; }

// 6 decimals (0.1 m): a console draws these at street zoom at most.
json position(LatLon p) { return {rounded(p.lon, 1e-6), rounded(p.lat, 1e-6)}; }

json ring_json(const Ring& ring) {
    json r = json::array();
    for (const LatLon& p : ring) r.push_back(position(p));
    return r;
}

std::string key_of(const ConsoleMap& map, const FreeUnitPositions& free, TravelTime limit) {
    std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(&map)) + "/" + std::to_string(limit) + "/" + std::to_string(free.stamp);
    if (free.stamp == 0)
        for (const auto& u : free.units) key += "/" + u.id + "@" + std::to_string(u.location.lat) + "," + std::to_string(u.location.lon);
    return key;
}

}  // namespace

std::string unit_isochrones_geojson(const ConsoleMap& map, const FreeUnitPositions& free, TravelTime limit) {
    IsochroneQuery query(*map.routing.graph, *map.routing.ch);
    json features = json::array(), unplaced = json::array();
    const std::vector<TravelTime> limits{limit};
    for (const auto& unit : free.units) {
        const Snap snap = map.routing.segments->nearest(unit.location);
        if (!snap.found() || snap.distance_m > map.unit_max_snap_m) {
            unplaced.push_back(unit.id);
            continue;
        }
        const Isochrone iso = query.compute(snap, limits).front();
        json polygons = json::array();
        for (const IsochronePolygon& polygon : iso.polygons) {
            json rings = json::array({ring_json(polygon.outer)});
            for (const Ring& hole : polygon.holes) rings.push_back(ring_json(hole));
            polygons.push_back(std::move(rings));
        }
        features.push_back({{"type", "Feature"},
                            {"geometry", {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}}},
                            {"properties", {{"unit", unit.id}, {"minutes", to_minutes(limit)}, {"area_km2", rounded(iso.area_km2, 0.001)}}}});
    }
    return json{{"type", "FeatureCollection"}, {"features", std::move(features)}, {"unplaced", std::move(unplaced)}}.dump();
}

UnitIsochroneCache::UnitIsochroneCache() = default;
UnitIsochroneCache::~UnitIsochroneCache() = default;

std::string UnitIsochroneCache::get(const ConsoleMap& map, const FreeUnitPositions& free, TravelTime limit) {
    const std::string key = key_of(map, free, limit);
    const std::lock_guard lock(mutex_);
    if (key != key_ || answer_.empty()) {
        answer_ = unit_isochrones_geojson(map, free, limit);
        key_ = key;
        ++computations_;
    }
    return answer_;
}

std::size_t UnitIsochroneCache::computations() const {
    const std::lock_guard lock(mutex_);
    return computations_;
}

}  // namespace ems120::dispatch
