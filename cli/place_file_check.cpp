#include "cli/place_file_check.hpp"

#include <cstdio>

#include "cli/station_choice.hpp"
#include "maps/geodesy.hpp"
#include "maps/input_error.hpp"

namespace ems120::cli {

namespace {

LatLonBox graph_bounds(const RoadGraph& graph) {
    LatLonBox box;
    for (const LatLon& p : graph.location) box.extend(p);
    return box;
}

}  // namespace

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

}  // namespace ems120::cli
