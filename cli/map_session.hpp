#pragma once
// What every map-reading subcommand shares: the --map/--profile/--min-component/--max-snap-m/
// --cache-dir/--no-cache options, the bundled default map, loading an OSM file through the .ems
// cache (or an .ems file directly) with progress on stderr, and the snapping index.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "maps/osm_map.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/routable_map.hpp"
#include "routing/segment_index.hpp"

namespace ems120::cli {

struct MapOptions {
    std::string map_path;
    std::string profile_path;  // empty = the default ambulance profile
    GraphOptions graph;
    bool build_options_given = false;  // --profile or --min-component on the command line
    double max_snap_m = 2000.0;
    std::string cache_dir;  // empty = EMS120_CACHE_DIR, else $XDG_CACHE_HOME/ems120, else ~/.cache/ems120
    bool no_cache = false;
    // Set by a command that derives its own profile (the dispatcher's lights-and-sirens graph):
    // wins over profile_path, and its graph is cached under its own name (`cache_variant`).
    std::optional<RoadProfile> profile;
    std::string cache_variant;
};

std::vector<OptionSpec> map_option_specs();
MapOptions map_options_from(const CommandLine& line);

// The bundled Andorra map: next to the source tree it was built from, or next to the binary.
std::string default_map_path();

struct LoadedMap {
    OsmMap map;
    ContractionHierarchy ch;
    SegmentIndex index;
    explicit LoadedMap(RoutableMap&& r) : map(std::move(r.map)), ch(std::move(r.ch)), index(map.graph) {}
};

// "maps/x.osm.pbf" -> "maps/x" (also .osm, .osm.bz2, .osm.gz, .pbf).
std::string without_osm_suffix(const std::string& path);

// Where the cache of an OSM file goes: <cache dir>/<file stem>-<hash of its absolute path>.ems.
std::string cache_path_for(const std::string& osm_path, const std::string& cache_dir, const std::string& variant = "");

// Loads an .ems file as it is, or an OSM file through its cache (rebuilt and rewritten when
// missing, stale or corrupt; a cache that cannot be written is only a note). Reports progress
// and the time taken on stderr.
std::unique_ptr<LoadedMap> load_map(const MapOptions& options);

}  // namespace ems120::cli
