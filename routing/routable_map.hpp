#pragma once
// A map ready for routing: the OSM map (graph, places, stations, hospitals) and its contraction
// hierarchy. Built from an OSM file (seconds on a big map) or decoded from an .ems cache file
// (a fraction of that); both give the same object.
#include <string>
#include <string_view>

#include "maps/map_file.hpp"
#include "maps/osm_map.hpp"
#include "routing/contraction_hierarchy.hpp"

namespace ems120 {

struct RoutableMap {
    OsmMap map;
    ContractionHierarchy ch;
};

// Reads the OSM file and preprocesses it; progress stages "reading map", "building road graph",
// "building contraction hierarchy". Throws InputError for bad input.
RoutableMap build_routable_map(const std::string& osm_path, const RoadProfile& profile, const GraphOptions& options,
                               const ProgressCallback& progress = {});

// The whole .ems file: header with `identity`, then the map and the hierarchy.
std::string encode_routable_map(const RoutableMap& routable, const MapFileIdentity& identity);

// Checks header, checksum and every size and index before trusting the data. Throws InputError
// naming `path`. `identity`, when given, receives what the file was built from.
RoutableMap decode_routable_map(std::string_view file_bytes, const std::string& path,
                                MapFileIdentity* identity = nullptr);

}  // namespace ems120
