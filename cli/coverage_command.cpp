// ems120 coverage: which places are within the response radius of a station, and which not.
#include <cctype>
#include <filesystem>
#include <iostream>

#include "cli/output_format.hpp"
#include "cli/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/coverage_inputs.hpp"
#include "cli/map_session.hpp"
#include "cli/place_file_check.hpp"
#include "cli/station_choice.hpp"
#include "planning/coverage.hpp"
#include "planning/coverage_report.hpp"
#include "planning/isochrone_geojson.hpp"
#include "routing/isochrone.hpp"

namespace ems120::cli {

namespace {

// "03-Hospital-de-Meritxell.geojson": the station's number keeps names unique, its name (any
// script, UTF-8 kept as it is) tells a person which is which; path separators, spaces and control
// characters become '-', so the names need no quoting in a shell.
std::string isochrone_file_name(std::size_t index, const MapPoint& station) {
    std::string name = station.display_name();
    for (char& c : name)
        if (c == '/' || c == '\\' || c == ' ' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '-';
    if (name.size() > 80) {
        std::size_t end = 80;
        while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;  // not inside a UTF-8 character
        name.resize(end);
    }
    char number[32];
    std::snprintf(number, sizeof number, "%02zu-", index + 1);
    return number + name + ".geojson";
}

std::string write_station_isochrones(const std::string& dir, const LoadedMap& loaded, const std::vector<MapPoint>& stations,
                                     const CoverageResult& result) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) throw InputError("--isochrones " + dir + ": cannot create the directory" + (ec ? ": " + ec.message() : ""));
    IsochroneQuery query(loaded.map.graph, loaded.ch);
    const TravelTime limit = result.options.limit;
    std::size_t written = 0;
    for (std::size_t i = 0; i < stations.size(); ++i) {
        if (!result.stations[i].used()) continue;
        const auto isochrones = query.compute(result.stations[i].snap, {&limit, 1});
        const std::string path = (std::filesystem::path(dir) / isochrone_file_name(i, stations[i])).string();
        write_file_atomically(path, isochrone_geojson(isochrones, stations[i].display_name(), result.stations[i].snap.point));
        ++written;
    }
    char line[64];
    std::snprintf(line, sizeof line, "%.4g", to_minutes(limit));
    return "Wrote " + std::to_string(written) + " isochrones (one per used station, " + line + " minutes) to " + dir + "\n";
}

}  // namespace

int run_coverage(std::span<const std::string> args) {
    auto specs = map_option_specs();
    for (auto& spec : coverage_input_option_specs()) specs.push_back(std::move(spec));
    specs.push_back({"out", "FILE", "also write one row per place to FILE.geojson (RFC 7946) or FILE.csv"});
    specs.push_back({"isochrones", "DIR", "also write each used station's isochrone at the radius to\n"
                                          "DIR/NN-<station>.geojson (docs/isochrones.md)"});
    CommandLine line("coverage",
                     "Drive time from the nearest ambulance station to every place of the map, the share within the\n"
                     "response radius (overall and by kind), the places outside it worst first, unreachable places\n"
                     "with the reason, and a histogram of drive times. Columns of --out: docs/coverage.md.",
                     specs);
    if (!line.parse(args)) return 0;
    const MapOptions map_options = map_options_from(line);
    const CoverageOptions options = coverage_options_from(line, map_options);
    const std::string out_path = line.value("out").value_or("");
    const OutputFormat out_format = out_path.empty() ? OutputFormat::none : format_of(out_path);
    PlannerFiles files = read_planner_files(line);

    const auto loaded = load_map(map_options);
    const OsmMap& map = loaded->map;
    CoverageInputs inputs = choose_coverage_inputs(std::move(files), *loaded, map_options);
    const std::vector<MapPoint>& stations = inputs.stations;
    const std::vector<MapPoint>& places = inputs.places;
    const std::string& stations_origin = inputs.stations_origin;
    std::vector<std::string>& notes = inputs.notes;

    const CoverageResult result = compute_coverage(map.graph, loaded->index, places, stations, options, &loaded->ch);
    const CoverageReportInput report{map.summary, map.graph, places, stations, stations_origin, result, notes};
    if (out_format != OutputFormat::none)
        write_file_atomically(out_path, out_format == OutputFormat::csv ? coverage_csv(report) : coverage_geojson(report));
    std::string isochrone_summary;
    if (auto dir = line.value("isochrones")) isochrone_summary = write_station_isochrones(*dir, *loaded, stations, result);
    print_coverage_report(std::cout, report);
    if (!out_path.empty()) std::cout << "\nWrote " << out_path << " (one row per place, " << places.size() << " rows)\n";
    if (!isochrone_summary.empty()) std::cout << (out_path.empty() ? "\n" : "") << isochrone_summary;
    return 0;
}

}  // namespace ems120::cli
