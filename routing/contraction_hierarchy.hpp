#pragma once
// A contraction hierarchy over the RoadGraph: every node gets a rank (its place in the
// contraction order) and the graph gains shortcut edges so that any shortest path is an
// upward part followed by a downward part. The index is plain arrays, built once, then shared
// read-only by the query objects (routing/ch_query, ch_one_to_many, ch_many_to_all).
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "maps/array_visitor.hpp"

#include "maps/road_graph.hpp"

namespace ems120 {

// A node's rank; arrays of the hierarchy are indexed by rank, not by NodeId, so that the
// searches, which mostly move between nearby ranks, touch nearby memory.
using Rank = std::uint32_t;

inline constexpr std::uint32_t kOriginalEdge = std::numeric_limits<std::uint32_t>::max();

struct ContractionHierarchy : VisitsArrays<ContractionHierarchy> {
    std::vector<NodeId> node_of_rank;
    std::vector<Rank> rank_of_node;  // indexed by NodeId

    // Arcs from each rank to higher ranks, driven forward: [up_first[r], up_first[r+1]).
    std::vector<std::uint32_t> up_first;
    std::vector<Rank> up_head;
    std::vector<TravelTime> up_time;
    std::vector<std::uint32_t> up_edge;  // the hierarchy edge it is, for unpacking

    // Arcs driven from a higher rank into each rank: [down_first[r], down_first[r+1]).
    std::vector<std::uint32_t> down_first;
    std::vector<Rank> down_tail;
    std::vector<TravelTime> down_time;
    std::vector<std::uint32_t> down_edge;

    // Hierarchy edge i is the road graph edge unpack_first[i] when unpack_second[i] is
    // kOriginalEdge, else the shortcut of hierarchy edges unpack_first[i] then unpack_second[i].
    std::vector<std::uint32_t> unpack_first;
    std::vector<std::uint32_t> unpack_second;

    std::size_t node_count() const { return node_of_rank.size(); }
    std::size_t shortcut_count() const;

    // Appends the road graph edges that hierarchy edge `edge` stands for, in driving order.
    // `stack` is the caller's scratch, so a reused query does not allocate.
    void unpack(std::uint32_t edge, std::vector<EdgeId>& out, std::vector<std::uint32_t>& stack) const;

    // A constant-time guard against pairing a hierarchy with another graph: same node count and
    // arc offsets shaped for it. check() is the thorough one, for hierarchies read from files.
    bool matches(const RoadGraph& graph) const {
        const std::size_t n = graph.node_count();
        return node_of_rank.size() == n && rank_of_node.size() == n && up_first.size() == n + 1 &&
               down_first.size() == n + 1;
    }

    // Empty when the arrays are consistent with each other and with `graph`; otherwise what is
    // wrong (used before trusting a hierarchy read from a file).
    std::string check(const RoadGraph& graph) const;

    // Every array, in a fixed order, for the on-disk graph file (maps/map_file).
    template <class Self, class Visitor>
    static void visit_arrays_of(Self& self, Visitor& visit) {
        visit(self.node_of_rank);
        visit(self.rank_of_node);
        visit(self.up_first);
        visit(self.up_head);
        visit(self.up_time);
        visit(self.up_edge);
        visit(self.down_first);
        visit(self.down_tail);
        visit(self.down_time);
        visit(self.down_edge);
        visit(self.unpack_first);
        visit(self.unpack_second);
    }
};

// Contracts the graph: node order by a lazily updated priority (edge difference, hops, level),
// shortcuts only where a bounded witness search finds no path as short. `progress` gets the
// fraction of nodes contracted.
ContractionHierarchy build_contraction_hierarchy(const RoadGraph& graph,
                                                 const std::function<void(double)>& progress = {});

}  // namespace ems120
