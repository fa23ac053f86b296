#pragma once
// Point-to-point Dijkstra with route geometry. The query object owns its working arrays and is
// reused: after the first query it does not allocate (one query object per thread).
#include <span>
#include <vector>

#include "maps/road_graph.hpp"
#include "routing/route.hpp"
#include "routing/route_endpoint.hpp"
#include "routing/segment_index.hpp"

namespace ems120 {

class DijkstraQuery {
public:
    explicit DijkstraQuery(const RoadGraph& graph);

    // Shortest route between two snapped points.
    Route route(const Snap& from, const Snap& to);

    // Shortest time from the seeds to the best of the targets (time at target = node time +
    // target's extra time). Returns kUnreachable when no target can be reached.
    TravelTime shortest_time(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets);

    // After a search: the settled time of a node (kUnreachable if not settled).
    TravelTime time_to(NodeId v) const;

private:
    // Runs until every target is settled or cannot improve the best arrival; returns the index
    // of the best target or -1.
    int search(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets, TravelTime& best);
    void reset();

    const RoadGraph* graph_;
    std::vector<TravelTime> time_;
    std::vector<EdgeId> parent_edge_;
    std::vector<NodeId> parent_node_;
    std::vector<std::uint8_t> settled_;
    std::vector<std::int32_t> target_of_;  // per node: index of its best target during a search, or -1
    std::vector<NodeId> touched_;
    std::vector<std::pair<TravelTime, NodeId>> heap_;
};

}  // namespace ems120
