#pragma once
// Reading an OpenStreetMap file (.osm.pbf, .osm, .osm.bz2, .osm.gz) into the ambulance road
// graph plus the map's places, ambulance stations, hospitals and clinics.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "maps/graph_builder.hpp"
#include "maps/map_point.hpp"
#include "maps/road_graph.hpp"
#include "maps/road_profile.hpp"
#include "maps/turn_restrictions.hpp"

namespace ems120 {

// Raised whenever reading or building changes the graph made from the same file and options
// (e.g. how a restriction is read), so caches built by an older ems120 are rebuilt, not trusted.
inline constexpr std::uint32_t kGraphRulesRevision = 2;  // 2: no_u_turn along a through road

struct GraphOptions {
    // Components with fewer nodes are dropped (an island with its own big enough network stays).
    std::uint32_t min_component_nodes = 1000;
};

struct MapSummary {
    std::string path;
    std::uint64_t file_bytes = 0;
    std::uint64_t osm_nodes = 0, osm_ways = 0, osm_relations = 0;
    std::uint64_t road_ways = 0;
    std::uint64_t ways_closed_by_access = 0;  // highways the ambulance may not use
    GraphBuildStats graph;
    TurnRestrictionStats restrictions;
};

struct OsmMap {
    RoadGraph graph;
    std::vector<MapPoint> places;     // place = city | town | village | hamlet | isolated_dwelling
    std::vector<MapPoint> stations;   // emergency = ambulance_station
    std::vector<MapPoint> hospitals;  // amenity = hospital
    // amenity = clinic | doctors, healthcare = centre | clinic | doctor (not hospitals): candidate
    // substation sites for `ems120 plan sites`
    std::vector<MapPoint> clinics;
    MapSummary summary;
};

// Reports progress of a long step: `stage` names it, `fraction` in [0, 1].
using ProgressCallback = std::function<void(const std::string& stage, double fraction)>;

// Throws InputError for a missing, unreadable, corrupt or truncated file, and for a map without
// any drivable road network of at least options.min_component_nodes nodes.
OsmMap read_osm_map(const std::string& path, const RoadProfile& profile, const GraphOptions& options,
                    const ProgressCallback& progress = {});

}  // namespace ems120
