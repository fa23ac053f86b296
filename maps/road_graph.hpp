#pragma once
// The routable ambulance road graph: plain arrays (forward star), built once by
// maps/graph_builder and then shared read-only by every query.
//
// Every OSM node on a kept road is a graph node, so a road segment between two consecutive
// way nodes is one undirected RoadSegment with up to two directed edges. Travel times are
// integer milliseconds.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "maps/array_visitor.hpp"

#include "maps/lat_lon.hpp"
#include "maps/strong_id.hpp"

namespace ems120 {

using NodeId = StrongId<struct NodeIdTag>;
using EdgeId = StrongId<struct EdgeIdTag>;
using SegmentId = StrongId<struct SegmentIdTag>;

// Travel time in milliseconds.
using TravelTime = std::uint32_t;
inline constexpr TravelTime kUnreachable = std::numeric_limits<TravelTime>::max();

inline double to_minutes(TravelTime t) { return t / 60000.0; }

// One piece of road between consecutive way nodes `a` and `b`; a_to_b / b_to_a are the
// directed edges that drive along it (invalid where a oneway forbids that direction).
struct RoadSegment {
    NodeId a;
    NodeId b;
    EdgeId a_to_b;
    EdgeId b_to_a;
};

// A directed edge driven from a node copy (see RoadGraph::copy_of) along the same road as a
// primary edge of a RoadSegment.
struct EdgeDuplicate {
    EdgeId primary;
    EdgeId duplicate;
    NodeId tail;  // the copy it leaves from
};

struct RoadGraph : VisitsArrays<RoadGraph> {
    // Per node.
    std::vector<LatLon> location;
    std::vector<std::int64_t> osm_node_id;
    std::vector<std::uint32_t> component;  // index of its strongly connected component

    // Per directed edge, grouped by tail: out-edges of v are [first_out[v], first_out[v+1]).
    std::vector<std::uint32_t> first_out;
    std::vector<NodeId> head;
    std::vector<TravelTime> time_ms;
    std::vector<float> length_m;
    std::vector<std::uint8_t> road_class;  // index into road_class_names
    std::vector<std::int64_t> osm_way_id;

    std::vector<RoadSegment> segments;
    // Turn restrictions split a via node into copies (maps/turn_restrictions): the last
    // copy_of.size() nodes are copies, copy_of[i] the original of node (first copy + i).
    std::vector<NodeId> copy_of;
    std::vector<EdgeDuplicate> edge_duplicates;  // sorted by primary
    std::vector<std::string> road_class_names;
    std::uint32_t component_count = 0;

    std::size_t node_count() const { return location.size(); }
    std::size_t edge_count() const { return head.size(); }
    std::uint32_t out_begin(NodeId v) const { return first_out[v.value()]; }
    std::uint32_t out_end(NodeId v) const { return first_out[v.value() + 1]; }
    LatLon at(NodeId v) const { return location[v.value()]; }
    TravelTime time(EdgeId e) const { return time_ms[e.value()]; }
    NodeId head_of(EdgeId e) const { return head[e.value()]; }
    const RoadSegment& segment(SegmentId s) const { return segments[s.value()]; }
    // The OSM junction a node stands for: itself, or the node it is a copy of.
    NodeId original(NodeId v) const {
        const std::size_t first_copy = node_count() - copy_of.size();
        return v.value() < first_copy ? v : copy_of[v.value() - first_copy];
    }

    // Every array of trivially copyable values, in a fixed order, for the on-disk graph file
    // (maps/map_file, via visit_arrays()). A new array must be added here, or it will not survive
    // a cache load.
    template <class Self, class Visitor>
    static void visit_arrays_of(Self& self, Visitor& visit) {
        visit(self.location);
        visit(self.osm_node_id);
        visit(self.component);
        visit(self.first_out);
        visit(self.head);
        visit(self.time_ms);
        visit(self.length_m);
        visit(self.road_class);
        visit(self.osm_way_id);
        visit(self.segments);
        visit(self.copy_of);
        visit(self.edge_duplicates);
    }
};

}  // namespace ems120
