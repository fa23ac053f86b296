#include "routing/route.hpp"

#include <cmath>

#include "routing/route_endpoint.hpp"

namespace ems120 {

namespace {

// The distance along a segment is the same whichever way it is driven.
double length_of(const RoadGraph& graph, const RoadSegment& s) {
    const EdgeId e = s.a_to_b.valid() ? s.a_to_b : s.b_to_a;
    return e.valid() ? graph.length_m[e.value()] : 0.0;
}

}  // namespace

std::optional<Route> route_on_shared_segment(const RoadGraph& graph, const Snap& from, const Snap& to,
                                             TravelTime via_nodes) {
    const auto direct = along_same_segment(graph, from, to);
    if (!direct || *direct > via_nodes) return std::nullopt;
    Route route;
    route.found = true;
    route.time = *direct;
    route.length_m = std::abs(to.fraction - from.fraction) * length_of(graph, graph.segment(to.segment));
    route.geometry = {from.point, to.point};
    return route;
}

double end_pieces_length_m(const RoadGraph& graph, const Snap& from, NodeId first, const Snap& to, NodeId last) {
    const RoadSegment& start = graph.segment(from.segment);
    const RoadSegment& end = graph.segment(to.segment);
    return (graph.original(first) == start.b ? 1.0 - from.fraction : from.fraction) * length_of(graph, start) +
           (graph.original(last) == end.a ? to.fraction : 1.0 - to.fraction) * length_of(graph, end);
}

}  // namespace ems120
