#pragma once
// Candidate sites where a planner has none: a road point in every cell of a square grid over the
// road network that a road passes through (its centre's nearest road no farther than the cell's
// corner, nor than `max_snap_m`), one per road segment. Named "grid cell ROW-COLUMN", kind "grid".
#include <vector>

#include "maps/map_point.hpp"
#include "maps/road_graph.hpp"
#include "routing/segment_index.hpp"

namespace ems120 {

std::vector<MapPoint> grid_candidates(const RoadGraph& graph, const SegmentIndex& index, double cell_m, double max_snap_m);

}  // namespace ems120
