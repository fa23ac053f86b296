#pragma once
// Bidirectional Dijkstra: a forward search from the sources and a backward search from the
// targets meet in the middle. Exact, no preprocessing beyond the reversed edge list; the
// middle step between plain Dijkstra and contraction hierarchies in the benchmark.
#include <span>
#include <vector>

#include "maps/road_graph.hpp"
#include "routing/route_endpoint.hpp"

namespace ems120 {

// The graph's edges grouped by head: in-edges of v are [first_in[v], first_in[v+1]).
struct ReverseAdjacency {
    std::vector<std::uint32_t> first_in;
    std::vector<NodeId> tail;
    std::vector<TravelTime> time_ms;

    explicit ReverseAdjacency(const RoadGraph& graph);
};

class BidirectionalDijkstra {
public:
    // Both must outlive the query object.
    BidirectionalDijkstra(const RoadGraph& graph, const ReverseAdjacency& reverse);

    // Same meaning as DijkstraQuery::shortest_time: time at a target = node time + its seed time.
    TravelTime shortest_time(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets);

private:
    struct Side {
        std::vector<TravelTime> time;
        std::vector<std::uint8_t> settled;
        std::vector<NodeId> touched;
        std::vector<std::pair<TravelTime, NodeId>> heap;
        void reset();
        void seed(std::span<const NodeSeed> seeds);
    };

    const RoadGraph* graph_;
    const ReverseAdjacency* reverse_;
    Side forward_, backward_;
};

}  // namespace ems120
