#pragma once
// The area each free unit reaches within the limit, for the console's coverage layer: one
// MultiPolygon per unit (routing/isochrone, as `ems120 isochrone` draws it), computed on the HTTP
// side from the read-only map and the free units' positions at the last coverage update, and
// cached until the next one — a console polling every few seconds costs one computation per update.
//
//   UnitIsochroneCache cache;
//   std::string geojson = cache.get(map, {stamp, units}, 15 * 60'000);  // any thread
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dispatch/console_map.hpp"

namespace ems120::dispatch {

struct FreeUnitPositions {
    // Identifies the coverage update the positions belong to; 0 = none (then the positions
    // themselves are the key).
    std::int64_t stamp = 0;
    struct Unit {
        std::string id;
        LatLon location;
    };
    std::vector<Unit> units;
};

// A FeatureCollection: per placed unit {"type":"Feature","geometry":MultiPolygon,
// "properties":{"unit","minutes","area_km2"}}; units farther than the map's unit_max_snap_m from
// every road get no feature and are listed in the foreign member "unplaced".
std::string unit_isochrones_geojson(const ConsoleMap& map, const FreeUnitPositions& free, TravelTime limit);

class UnitIsochroneCache {
public:
    UnitIsochroneCache();
    ~UnitIsochroneCache();
    // The cached answer when nothing changed since it was computed, else a new one.
    std::string get(const ConsoleMap& map, const FreeUnitPositions& free, TravelTime limit);
    std::size_t computations() const;

private:
    mutable std::mutex mutex_;  // one computation at a time; waiting requests then share it
    std::string key_;
    std::string answer_;
    std::size_t computations_ = 0;
};

}  // namespace ems120::dispatch
