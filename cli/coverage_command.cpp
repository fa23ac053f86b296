// ems120 coverage: which places are within the response radius of a station, and which not.
#include <cctype>
#include <filesystem>
#include <iostream>

#include "cli/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/map_session.hpp"
#include "cli/value_parsers.hpp"
#include "maps/geodesy.hpp"
#include "maps/point_list_reader.hpp"
#include "planning/coverage.hpp"
#include "planning/coverage_report.hpp"

namespace ems120::cli {

namespace {

enum class OutputFormat { none, geojson, csv };

OutputFormat format_of(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".geojson" || ext == ".json") return OutputFormat::geojson;
    if (ext == ".csv") return OutputFormat::csv;
    throw UsageError("--out " + path + ": the file name must end in .geojson, .json or .csv");
}

LatLonBox graph_bounds(const RoadGraph& graph) {
    LatLonBox box;
    for (const LatLon& p : graph.location) box.extend(p);
    return box;
}

// "path/to/FILE:ROW" for a point read from `path` (its source_id names the file without folders).
std::string where_in(const std::string& path, const MapPoint& p) {
    const std::string file = std::filesystem::path(path).filename().string();
    return p.source_id.rfind(file, 0) == 0 ? path + p.source_id.substr(file.size()) : p.source_id;
}

// Stations from the planner's file must all be usable: a silently ignored station would make
// the whole report wrong, so each one too far from a road is an error naming its row.
void check_file_stations(const std::string& path, const std::vector<MapPoint>& stations, const SegmentIndex& index,
                         double max_snap_m) {
    for (const auto& s : stations) {
        const std::string problem = snap_problem(index.nearest(s.location), max_snap_m);
        if (!problem.empty())
            throw InputError(where_in(path, s) + ": station '" + s.display_name() + "' cannot be used: " + problem +
                             " (outside the map?)");
    }
}

// A planner's place far outside the map is a wrong file or swapped lat/lon, not an unreachable
// village: the road network's box grown by the snapping distance is the map's area.
void check_file_places(const std::string& path, const std::vector<MapPoint>& places, const RoadGraph& graph,
                       double max_snap_m) {
    const LatLonBox roads = graph_bounds(graph);
    const LatLonBox area = grown(roads, max_snap_m);
    for (const auto& p : places) {
        if (!area.contains(p.location)) {
            char where[64];
            std::snprintf(where, sizeof where, "%.6f,%.6f", p.location.lat, p.location.lon);
            throw InputError(where_in(path, p) + ": place '" + p.display_name() + "' at " + where +
                             " is outside the map (its roads span lat " + std::to_string(roads.min_lat) + ".." +
                             std::to_string(roads.max_lat) + ", lon " + std::to_string(roads.min_lon) + ".." +
                             std::to_string(roads.max_lon) + ")");
        }
    }
}

}  // namespace

int run_coverage(std::span<const std::string> args) {
    auto specs = map_option_specs();
    specs.push_back({"stations", "FILE", "stations as CSV (name,lat,lon) or GeoJSON points; default: the map's "
                                         "emergency=ambulance_station, else its hospitals"});
    specs.push_back({"places", "FILE", "places to measure as CSV (name,lat,lon[,kind,population]) or GeoJSON points; "
                                       "default: the map's place=city|town|village|hamlet|isolated_dwelling"});
    specs.push_back({"minutes", "M", "response radius in minutes (default 15)"});
    specs.push_back({"out", "FILE", "also write one row per place to FILE.geojson (RFC 7946) or FILE.csv"});
    CommandLine line("coverage",
                     "Drive time from the nearest ambulance station to every place of the map, the share within the\n"
                     "response radius (overall and by kind), the places outside it worst first, unreachable places\n"
                     "with the reason, and a histogram of drive times. Columns of --out: docs/coverage.md.",
                     specs);
    if (!line.parse(args)) return 0;
    const MapOptions map_options = map_options_from(line);
    CoverageOptions options;
    options.max_snap_m = map_options.max_snap_m;
    if (auto m = line.value("minutes"))
        options.limit = static_cast<TravelTime>(std::llround(parse_number("minutes", *m, 0.1, 1440.0) * 60000.0));
    const std::string out_path = line.value("out").value_or("");
    const OutputFormat out_format = out_path.empty() ? OutputFormat::none : format_of(out_path);
    // Read the planner's files before the map so a typo fails in milliseconds, not after loading.
    std::vector<MapPoint> file_stations, file_places;
    if (auto f = line.value("stations")) file_stations = read_point_list(*f, "ambulance_station");
    if (auto f = line.value("places")) file_places = read_point_list(*f, "place");

    const auto loaded = load_map(map_options);
    const OsmMap& map = loaded->map;
    std::vector<std::string> notes;
    std::vector<MapPoint> stations;
    std::string stations_origin;
    if (line.has("stations")) {
        check_file_stations(*line.value("stations"), file_stations, loaded->index, options.max_snap_m);
        stations = std::move(file_stations);
        stations_origin = "from " + *line.value("stations");
    } else if (!map.stations.empty()) {
        stations = map.stations;
        stations_origin = "emergency=ambulance_station in the map";
    } else if (!map.hospitals.empty()) {
        stations = map.hospitals;
        stations_origin = "hospitals standing in as stations";
        notes.push_back("the map has no ambulance stations (emergency=ambulance_station); using its hospitals "
                        "(amenity=hospital, " + std::to_string(stations.size()) + " found) as stations");
        std::cerr << "ems120: " << notes.back() << "\n";
    } else {
        throw InputError(map_options.map_path +
                         ": the map has no ambulance stations (emergency=ambulance_station) and no hospitals "
                         "(amenity=hospital); give them with --stations FILE (CSV name,lat,lon or GeoJSON points)");
    }
    std::vector<MapPoint> places;
    if (line.has("places")) {
        check_file_places(*line.value("places"), file_places, map.graph, options.max_snap_m);
        places = std::move(file_places);
    } else {
        places = map.places;
        if (places.empty())
            notes.push_back("the map has no places (place=city|town|village|hamlet|isolated_dwelling); give them "
                            "with --places FILE");
    }

    const CoverageResult result = compute_coverage(map.graph, loaded->index, places, stations, options, &loaded->ch);
    const CoverageReportInput report{map.summary, map.graph, places, stations, stations_origin, result, notes};
    if (out_format != OutputFormat::none)
        write_file_atomically(out_path, out_format == OutputFormat::csv ? coverage_csv(report) : coverage_geojson(report));
    print_coverage_report(std::cout, report);
    if (!out_path.empty()) std::cout << "\nWrote " << out_path << " (one row per place, " << places.size() << " rows)\n";
    return 0;
}

}  // namespace ems120::cli
