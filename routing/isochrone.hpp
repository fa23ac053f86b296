#pragma once
// Isochrones: the area an ambulance reaches from one point within each time limit, as polygons
// with holes, plus the reachable road pieces. Node times come from one PHAST sweep over the
// contraction hierarchy (exact, and cheaper than a Dijkstra bounded at 15 minutes); the area is
// the reachable roads rasterised onto a grid of small cells, widened by one cell, with the cells
// of junctions reached only well after the limit cut out again (that is where holes appear),
// and the cell boundaries traced into rings.
#include <span>
#include <vector>

#include "maps/road_graph.hpp"
#include "routing/ch_many_to_all.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/segment_index.hpp"

namespace ems120 {

using Ring = std::vector<LatLon>;  // closed: the last point repeats the first

struct IsochronePolygon {
    Ring outer;               // counter-clockwise (RFC 7946)
    std::vector<Ring> holes;  // clockwise
};

struct Isochrone {
    TravelTime limit = 0;
    std::vector<IsochronePolygon> polygons;
    std::vector<std::array<LatLon, 2>> roads;  // reachable road pieces, whole segments or parts
    double area_km2 = 0.0;
    double road_km = 0.0;
    std::size_t junctions_reached = 0;  // OSM junctions (original nodes) within the limit
    double cell_m = 0.0;                // grid resolution used for the polygons
};

class IsochroneQuery {
public:
    // All must outlive the query object.
    IsochroneQuery(const RoadGraph& graph, const ContractionHierarchy& ch);

    // One isochrone per limit, from a snapped origin. `cell_m` 0 picks a resolution from the
    // size of the reachable area (25-250 m).
    std::vector<Isochrone> compute(const Snap& origin, std::span<const TravelTime> limits, double cell_m = 0.0);

    // After compute(): the drive time to an OSM junction (the best over its copies; kUnreachable
    // when later than the largest limit plus the longest edge of the graph), and the longest
    // edge that arrives at it (the "one edge" of slack the polygons allow).
    TravelTime junction_time(NodeId original) const { return junction_time_[original.value()]; }
    TravelTime longest_edge_in(NodeId original) const { return longest_in_[original.value()]; }

private:
    struct Reached {
        NodeId node;
        TravelTime time;
    };

    const RoadGraph* graph_;
    ChManyToAll sweep_;
    std::vector<TravelTime> junction_time_;  // by original node
    std::vector<TravelTime> longest_in_;     // by original node, fixed
    TravelTime longest_edge_ = 0;
    // Per edge: its segment << 1 | 1 when it drives the segment from b to a.
    std::vector<std::uint32_t> segment_of_edge_;
    // Scratch, reused across queries.
    std::vector<Reached> reached_;  // nodes reached within the largest limit plus the longest edge
    std::vector<std::uint32_t> segment_stamp_, junction_stamp_;
    std::vector<float> reach_from_a_, reach_from_b_;  // fraction of the segment reached from each end
    std::vector<std::uint32_t> touched_;
    std::uint32_t stamp_ = 0;
};

// Even-odd point-in-polygon on a ring (degrees treated as planar, as the rings were made).
bool ring_contains(const Ring& ring, LatLon p);
bool polygon_contains(const IsochronePolygon& polygon, LatLon p);

}  // namespace ems120
