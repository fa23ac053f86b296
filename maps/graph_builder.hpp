#pragma once
// Collects road ways as the OSM reader streams them, then builds the RoadGraph: geodesic
// segment lengths, travel times, and only the strongly connected components big enough to
// route in (an ambulance must be able to get back out of every node it can reach).
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "maps/geodesy.hpp"
#include "maps/node_id_table.hpp"
#include "maps/road_graph.hpp"
#include "maps/way_classifier.hpp"

namespace ems120 {

inline constexpr LatLon kUnknownLocation{std::numeric_limits<double>::quiet_NaN(), 0.0};

struct GraphBuildStats {
    std::uint64_t road_nodes = 0;           // distinct nodes on road ways, before filtering
    std::uint64_t road_segments = 0;
    std::uint32_t components_kept = 0;
    std::uint32_t components_dropped = 0;
    std::uint64_t nodes_dropped = 0;        // nodes in components below the minimum size
    std::uint32_t largest_component = 0;    // nodes in the largest component
};

class GraphBuilder {
public:
    explicit GraphBuilder(std::vector<std::string> road_class_names);

    // One road way: its node ids and their locations. A node whose location is unknown (cut off
    // by the extract) is given as kUnknownLocation and the way is split there.
    void add_way(std::int64_t way_id, const WayRouting& routing, std::span<const std::int64_t> node_ids,
                 std::span<const LatLon> locations);

    std::uint64_t segment_count() const { return segments_.size(); }

    // Builds the graph from everything added; components with fewer than `min_component_nodes`
    // nodes are dropped. Consumes the builder's buffers.
    RoadGraph build(std::uint32_t min_component_nodes, GraphBuildStats& stats);

private:
    struct WayInfo {
        std::int64_t way_id;
        WayRouting routing;
    };
    struct RawSegment {
        std::uint32_t u, v;  // raw node indices, in way order
        std::uint32_t way;   // index into ways_
    };
    std::uint32_t raw_node(std::int64_t osm_id, LatLon location);

    std::vector<std::string> road_class_names_;
    NodeIdTable raw_index_;
    std::vector<std::int64_t> raw_osm_id_;
    std::vector<LatLon> raw_location_;
    std::vector<WayInfo> ways_;
    std::vector<Ecef> raw_ecef_;  // per raw node, for segment lengths
    std::vector<RawSegment> segments_;
};

}  // namespace ems120
