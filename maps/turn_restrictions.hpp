#pragma once
// OSM turn restrictions (type=restriction relations via a node) built into the road graph by
// splitting the via node: arriving on a restricted way leads to a copy of the node that has
// only the allowed edges out. Every search — Dijkstra, CH, one-to-many, coverage, isochrones —
// then honours the restriction without knowing it exists.
#include <cstdint>
#include <span>

#include "maps/road_graph.hpp"

namespace ems120 {

struct TurnRestriction {
    std::int64_t from_way = 0;
    std::int64_t via_node = 0;
    std::int64_t to_way = 0;
    bool only = false;  // only_* (the one allowed turn) rather than no_* (the one forbidden turn)
};

struct TurnRestrictionStats {
    std::uint32_t read = 0;             // usable via-node restrictions in the file
    std::uint32_t applied = 0;          // changed the graph
    std::uint32_t not_in_graph = 0;     // via node, from or to way not on a kept road there
    std::uint32_t ignored_via_way = 0;  // via a way: not supported
    std::uint32_t ignored_other = 0;    // malformed, another vehicle's, or excepting ambulances
    std::uint32_t node_copies = 0;
    std::uint32_t too_complex = 0;      // junctions with more ways in than copies can hold
};

// Most copies of one node that may drive one edge: a NodeSeeds must hold all of them.
inline constexpr std::size_t kMaxCopiesPerNode = 6;

// Splits via nodes as described above. Original nodes and edges keep their ids; copies and
// their edges are appended, and graph.copy_of / graph.edge_duplicates describe them.
void apply_turn_restrictions(RoadGraph& graph, std::span<const TurnRestriction> restrictions,
                             TurnRestrictionStats& stats);

}  // namespace ems120
