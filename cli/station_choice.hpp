#pragma once
// Which stations a command uses: the planner's --stations file (every row must snap onto a
// road), else the map's emergency=ambulance_station, else its hospitals (said on stderr).
#include <optional>
#include <string>
#include <vector>

#include "cli/map_session.hpp"
#include "maps/map_point.hpp"

namespace ems120::cli {

struct StationChoice {
    std::vector<MapPoint> stations;
    std::string origin;  // "from FILE", "emergency=ambulance_station in the map", ...
    std::string note;    // said on stderr and in reports when hospitals stand in; else empty
};

// `file` and `file_stations`: the --stations option and what was read from it (read before the
// map, so a typo fails fast). Throws InputError when there is nothing to use.
StationChoice choose_stations(const std::optional<std::string>& file, std::vector<MapPoint> file_stations,
                              const LoadedMap& loaded, const MapOptions& options);

// "path/to/FILE:ROW" for a point read from `path` (its source_id names the file without folders).
std::string where_in(const std::string& path, const MapPoint& p);

}  // namespace ems120::cli
