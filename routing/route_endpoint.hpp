#pragma once
// Turning a snapped point part-way along a segment into exact graph seeds: a vehicle 30% along
// a 100 s edge reaches its head in 70 s. Respects oneway (only existing directed edges count).
#include <array>
#include <cstdint>
#include <optional>

#include "maps/road_graph.hpp"
#include "routing/segment_index.hpp"

namespace ems120 {

struct NodeSeed {
    NodeId node;
    TravelTime time = 0;
};

// One seed per directed edge that drives the segment: the two primary edges, and the
// duplicates leaving node copies made by turn restrictions (at most kMaxCopiesPerNode per end).
// Fixed capacity: no allocation.
struct NodeSeeds {
    std::array<NodeSeed, 16> items{};
    std::uint8_t count = 0;

    const NodeSeed* begin() const { return items.data(); }
    const NodeSeed* end() const { return items.data() + count; }
    bool empty() const { return count == 0; }
};

// Leaving `from`: the nodes reached by driving along its segment, with the time to get there.
NodeSeeds departures_from(const RoadGraph& graph, const Snap& from);

// Arriving at `to`: the nodes from which one drives along its segment onto it, with the time from
// that node to the point.
NodeSeeds arrivals_at(const RoadGraph& graph, const Snap& to);

// Time from `from` to `to` driving only along their common segment (both on the same segment,
// direction allowed); nothing otherwise.
std::optional<TravelTime> along_same_segment(const RoadGraph& graph, const Snap& from, const Snap& to);

// `fraction` of an edge's time, rounded to the nearest millisecond.
TravelTime partial_time(TravelTime edge_time, double fraction);

}  // namespace ems120
