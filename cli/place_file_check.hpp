#pragma once
// A planner's place far outside the map is a wrong file or swapped lat/lon, not an unreachable
// village: the road network's box grown by the snapping distance is the map's area.
#include <string>
#include <vector>

#include "maps/map_point.hpp"
#include "maps/road_graph.hpp"

namespace ems120::cli {

// Throws InputError naming `path`, the row and the map's extent for the first place outside it.
void check_file_places(const std::string& path, const std::vector<MapPoint>& places, const RoadGraph& graph,
                       double max_snap_m);

}  // namespace ems120::cli
