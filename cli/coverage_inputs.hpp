#pragma once
// What `ems120 coverage` and `ems120 report` share: the --stations/--places/--minutes options,
// reading the planner's files before the map (a typo fails in milliseconds), then choosing the
// stations and the places once the map is loaded.
#include <optional>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/map_session.hpp"
#include "maps/map_point.hpp"
#include "planning/coverage.hpp"

namespace ems120::cli {

std::vector<OptionSpec> coverage_input_option_specs();

// --minutes (checked) and the snapping distance of the map options.
CoverageOptions coverage_options_from(const CommandLine& line, const MapOptions& map_options);

struct PlannerFiles {
    std::optional<std::string> stations_path, places_path;
    std::vector<MapPoint> stations, places;
};

PlannerFiles read_planner_files(const CommandLine& line);

struct CoverageInputs {
    std::vector<MapPoint> stations;
    std::string stations_origin;
    bool hospitals_as_stations = false;  // the map has no ambulance stations
    std::vector<MapPoint> places;
    std::vector<std::string> notes;  // hospitals standing in, a map without places
};

// Stations from the file (each must snap) or the map; places from the file (each inside the
// map's area) or the map. Throws InputError naming the file and row.
CoverageInputs choose_coverage_inputs(PlannerFiles files, const LoadedMap& loaded, const MapOptions& map_options);

}  // namespace ems120::cli
