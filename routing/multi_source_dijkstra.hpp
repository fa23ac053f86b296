#pragma once
// Multi-source one-to-all Dijkstra: in one pass, for every node the time from the nearest
// source and which source that is. Used for "drive time from the nearest station" coverage.
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "maps/road_graph.hpp"
#include "routing/route_endpoint.hpp"
#include "routing/segment_index.hpp"

namespace ems120 {

inline constexpr std::uint32_t kNoSource = std::numeric_limits<std::uint32_t>::max();

struct SourceSeed {
    NodeId node;
    TravelTime time = 0;
    std::uint32_t source = kNoSource;  // caller's index of the source (e.g. the station)
};

struct Reach {
    TravelTime time = kUnreachable;
    std::uint32_t source = kNoSource;
    bool reached() const { return time != kUnreachable; }
};

class MultiSourceDijkstra {
public:
    explicit MultiSourceDijkstra(const RoadGraph& graph);

    // Settles every node reachable from the seeds. Ties go to the smaller source index.
    void run(std::span<const SourceSeed> seeds);

    Reach at(NodeId v) const { return {time_[v.value()], source_[v.value()]}; }

private:
    const RoadGraph* graph_;
    std::vector<TravelTime> time_;
    std::vector<std::uint32_t> source_;
    std::vector<std::pair<std::uint64_t, NodeId>> heap_;  // key = time << 32 | source
};

// Seeds for a set of snapped source points (source index = position in `sources`).
std::vector<SourceSeed> seeds_for(const RoadGraph& graph, std::span<const Snap> sources);

// Best time from any source to the snapped point `target`, given each node's reach from a
// finished many-to-all search: through the ends of the target's segment, or directly along the
// segment when a source lies on the same one.
Reach reach_point_through(const std::function<Reach(NodeId)>& reach_of_node, const RoadGraph& graph,
                          const Snap& target, std::span<const Snap> sources);

// The same after run() of any many-to-all search with `Reach at(NodeId) const`
// (MultiSourceDijkstra, ChManyToAll).
template <class ManyToAll>
Reach reach_point(const ManyToAll& search, const RoadGraph& graph, const Snap& target, std::span<const Snap> sources) {
    return reach_point_through([&](NodeId v) { return search.at(v); }, graph, target, sources);
}

}  // namespace ems120
