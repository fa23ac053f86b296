#pragma once
// What every map-reading subcommand shares: the --map/--profile/--min-component/--max-snap-m
// options, the bundled default map, loading with progress on stderr, and the snapping index.
#include <memory>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "maps/osm_map.hpp"
#include "routing/segment_index.hpp"

namespace ems120::cli {

struct MapOptions {
    std::string map_path;
    std::string profile_path;  // empty = the default ambulance profile
    GraphOptions graph;
    double max_snap_m = 2000.0;
};

std::vector<OptionSpec> map_option_specs();
MapOptions map_options_from(const CommandLine& line);

// The bundled Andorra map: next to the source tree it was built from, or next to the binary.
std::string default_map_path();

struct LoadedMap {
    OsmMap map;
    SegmentIndex index;
    explicit LoadedMap(OsmMap&& m) : map(std::move(m)), index(map.graph) {}
};

// Reads the map, reporting progress and the time taken on stderr.
std::unique_ptr<LoadedMap> load_map(const MapOptions& options);

}  // namespace ems120::cli
