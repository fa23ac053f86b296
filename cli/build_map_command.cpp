// ems120 build-map: preprocess an OSM file once into an .ems file (road graph, places, stations,
// hospitals and contraction hierarchy) that every other subcommand loads in a fraction of the time.
#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/map_session.hpp"
#include "cli/value_parsers.hpp"
#include "maps/binary_file.hpp"
#include "planning/coverage_report.hpp"
#include "routing/routable_map.hpp"

namespace ems120::cli {

int run_build_map(std::span<const std::string> args) {
    std::vector<OptionSpec> specs = {
        {"out", "FILE.ems", "where to write the graph (default: the map's name with .ems, beside it)", 'o'},
        {"profile", "FILE", "road profile overriding the default ambulance speeds (docs/road-profile.md)"},
        {"min-component", "N", "drop road networks with fewer than N nodes (default 1000)"},
    };
    CommandLine line("build-map",
                     "Reads an OpenStreetMap file and writes its ambulance road graph, places, stations,\n"
                     "hospitals and contraction hierarchy to one versioned, checksummed .ems file. Give the\n"
                     ".ems file to --map of any subcommand to skip the preprocessing.",
                     specs);
    line.accept_operand("FILE.osm.pbf", "the OpenStreetMap file (.osm.pbf, .osm, .osm.bz2)");
    if (!line.parse(args)) return 0;
    if (!line.operand()) throw UsageError("build-map: the OSM file to build from is missing");
    const std::string input = *line.operand();
    const std::string output = line.value("out").value_or(without_osm_suffix(input) + ".ems");
    if (output.empty()) throw UsageError("--out needs a file name");
    if (!output.ends_with(".ems")) throw UsageError("--out " + output + ": the file name must end in .ems");
    std::error_code ec;
    if (std::filesystem::equivalent(input, output, ec))
        throw UsageError("--out " + output + " would overwrite the OSM file");
    GraphOptions options;
    if (auto v = line.value("min-component")) options.min_component_nodes = parse_count("min-component", *v, 1, 100000000);
    const RoadProfile profile = line.value("profile") ? load_road_profile(*line.value("profile")) : RoadProfile::ambulance_default();

    const auto start = std::chrono::steady_clock::now();
    const std::uint64_t source_hash = hash_file(input);
    std::string stage;
    RoutableMap routable = build_routable_map(input, profile, options, [&](const std::string& s, double) {
        if (s != stage) std::cerr << "ems120: " << (stage = s) << "...\n";
    });
    const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string bytes = encode_routable_map(routable, map_file_identity(source_hash, profile, options));
    write_file_atomically(output, bytes);

    const RoadGraph& g = routable.map.graph;
    std::printf("wrote %s (%.1f MB) in %.2f s\n", output.c_str(), bytes.size() / 1e6, build_s);
    std::printf("road graph: %zu nodes, %zu edges, %u network(s); %zu shortcut edges in the hierarchy\n",
                g.node_count(), g.edge_count(), g.component_count, routable.ch.shortcut_count());
    if (const std::string t = describe_turn_restrictions(routable.map.summary.restrictions); !t.empty())
        std::printf("%s\n", t.c_str());
    std::printf("places: %zu, ambulance stations: %zu, hospitals: %zu, clinics: %zu\n", routable.map.places.size(),
                routable.map.stations.size(), routable.map.hospitals.size(), routable.map.clinics.size());
    return 0;
}

}  // namespace ems120::cli
