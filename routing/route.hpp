#pragma once
// A route between two snapped points, and the pieces every point-to-point search shares to build
// one: the direct route along a shared segment, and the partial segments at both ends.
#include <optional>
#include <vector>

#include "maps/road_graph.hpp"
#include "routing/segment_index.hpp"

namespace ems120 {

struct Route {
    bool found = false;
    TravelTime time = kUnreachable;
    double length_m = 0.0;
    std::vector<LatLon> geometry;  // from the snapped start to the snapped end
};

// The route that stays on the segment both points share, when that is possible and at least as
// fast as `via_nodes` (staying on the road wins ties: same time, simpler route).
std::optional<Route> route_on_shared_segment(const RoadGraph& graph, const Snap& from, const Snap& to,
                                             TravelTime via_nodes);

// Metres driven on the start's segment up to `first` (the first junction, or its copy) plus on
// the end's segment from `last` to the end point.
double end_pieces_length_m(const RoadGraph& graph, const Snap& from, NodeId first, const Snap& to, NodeId last);

}  // namespace ems120
