#include "cli/coverage_inputs.hpp"

#include <cmath>

#include "cli/place_file_check.hpp"
#include "cli/station_choice.hpp"
#include "cli/value_parsers.hpp"
#include "maps/point_list_reader.hpp"

namespace ems120::cli {

std::vector<OptionSpec> coverage_input_option_specs() {
    return {
        {"stations", "FILE", "stations as CSV (name,lat,lon) or GeoJSON points; default: the map's "
                             "emergency=ambulance_station, else its hospitals"},
        {"places", "FILE", "places to measure as CSV (name,lat,lon[,kind,population]) or GeoJSON points; "
                           "default: the map's place=city|town|village|hamlet|isolated_dwelling"},
        {"minutes", "M", "response radius in minutes (default 15)"},
    };
}

CoverageOptions coverage_options_from(const CommandLine& line, const MapOptions& map_options) {
    CoverageOptions options;
    options.max_snap_m = map_options.max_snap_m;
    if (auto m = line.value("minutes"))
        options.limit = static_cast<TravelTime>(std::llround(parse_number("minutes", *m, 0.1, 1440.0) * 60000.0));
    return options;
}

PlannerFiles read_planner_files(const CommandLine& line) {
    PlannerFiles files;
    files.stations_path = line.value("stations");
    files.places_path = line.value("places");
    if (files.stations_path) files.stations = read_point_list(*files.stations_path, "ambulance_station");
    if (files.places_path) files.places = read_point_list(*files.places_path, "place");
    return files;
}

CoverageInputs choose_coverage_inputs(PlannerFiles files, const LoadedMap& loaded, const MapOptions& map_options) {
    CoverageInputs inputs;
    StationChoice choice = choose_stations(files.stations_path, std::move(files.stations), loaded, map_options);
    if (!choice.note.empty()) inputs.notes.push_back(choice.note);  // only hospitals standing in get a note
    inputs.hospitals_as_stations = !choice.note.empty();
    inputs.stations = std::move(choice.stations);
    inputs.stations_origin = std::move(choice.origin);
    if (files.places_path) {
        check_file_places(*files.places_path, files.places, loaded.map.graph, map_options.max_snap_m);
        inputs.places = std::move(files.places);
    } else {
        inputs.places = loaded.map.places;
        if (inputs.places.empty())
            inputs.notes.push_back("the map has no places (place=city|town|village|hamlet|isolated_dwelling); give "
                                   "them with --places FILE");
    }
    return inputs;
}

}  // namespace ems120::cli
