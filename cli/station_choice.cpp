#include "cli/station_choice.hpp"

#include <filesystem>
#include <iostream>

#include "planning/coverage.hpp"

namespace ems120::cli {

std::string where_in(const std::string& path, const MapPoint& p) {
    const std::string file = std::filesystem::path(path).filename().string();
    return p.source_id.rfind(file, 0) == 0 ? path + p.source_id.substr(file.size()) : p.source_id;
}

StationChoice choose_stations(const std::optional<std::string>& file, std::vector<MapPoint> file_stations,
                              const LoadedMap& loaded, const MapOptions& options) {
    StationChoice choice;
    const OsmMap& map = loaded.map;
    if (file) {
        // A silently ignored station would make every answer wrong, so each one too far from a
        // road is an error naming its row.
        for (const auto& s : file_stations) {
            const std::string problem = snap_problem(loaded.index.nearest(s.location), options.max_snap_m);
            if (!problem.empty())
                throw InputError(where_in(*file, s) + ": station '" + s.display_name() + "' cannot be used: " + problem +
                                 " (outside the map?)");
        }
        choice.stations = std::move(file_stations);
        choice.origin = "from " + *file;
    } else if (!map.stations.empty()) {
        choice.stations = map.stations;
        choice.origin = "emergency=ambulance_station in the map";
    } else if (!map.hospitals.empty()) {
        choice.stations = map.hospitals;
        choice.origin = "hospitals standing in as stations";
        choice.note = "the map has no ambulance stations (emergency=ambulance_station); using its hospitals "
                      "(amenity=hospital, " + std::to_string(choice.stations.size()) + " found) as stations";
        std::cerr << "ems120: " << choice.note << "\n";
    } else {
        throw InputError(options.map_path +
                         ": the map has no ambulance stations (emergency=ambulance_station) and no hospitals "
                         "(amenity=hospital); give them with --stations FILE (CSV name,lat,lon or GeoJSON points)");
    }
    return choice;
}

}  // namespace ems120::cli
