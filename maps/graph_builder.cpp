#include "maps/graph_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "maps/strongly_connected_components.hpp"

namespace ems120 {

namespace {

constexpr std::uint32_t kDropped = std::numeric_limits<std::uint32_t>::max();

TravelTime travel_time_ms(double length_m, double speed_kmh) {
    const double ms = length_m * 3600.0 / speed_kmh;
    // A zero-time edge would let Dijkstra treat distinct places as one; 1 ms is the floor.
    return static_cast<TravelTime>(std::max(1.0, std::round(ms)));
}

}  // namespace

GraphBuilder::GraphBuilder(std::vector<std::string> road_class_names)
    : road_class_names_(std::move(road_class_names)) {}

std::uint32_t GraphBuilder::raw_node(std::int64_t osm_id, LatLon location) {
    bool inserted = false;
    const std::uint32_t index =
        raw_index_.find_or_insert(osm_id, static_cast<std::uint32_t>(raw_osm_id_.size()), inserted);
    if (inserted) {
        raw_osm_id_.push_back(osm_id);
        raw_location_.push_back(location);
        raw_ecef_.push_back(to_ecef(location));
    }
    return index;
}

void GraphBuilder::add_way(std::int64_t way_id, const WayRouting& routing, std::span<const std::int64_t> node_ids,
                           std::span<const LatLon> locations) {
    const auto way = static_cast<std::uint32_t>(ways_.size());
    ways_.push_back({way_id, routing});
    // Nodes enter the graph only with a segment, so a one-node way adds no isolated node.
    std::size_t previous = node_ids.size();  // none
    for (std::size_t i = 0; i < node_ids.size(); ++i) {
        if (std::isnan(locations[i].lat)) {
            previous = node_ids.size();
            continue;
        }
        if (previous != node_ids.size() && node_ids[previous] != node_ids[i]) {
            const std::uint32_t u = raw_node(node_ids[previous], locations[previous]);
            const std::uint32_t v = raw_node(node_ids[i], locations[i]);
            segments_.push_back({u, v, way});
        }
        previous = i;
    }
}

RoadGraph GraphBuilder::build(std::uint32_t min_component_nodes, GraphBuildStats& stats) {
    const auto raw_n = static_cast<std::uint32_t>(raw_osm_id_.size());
    stats.road_nodes = raw_n;
    stats.road_segments = segments_.size();

    const auto allows = [&](const RawSegment& s, bool forward) {
        const Direction d = ways_[s.way].routing.direction;
        return d == Direction::both || (forward ? d == Direction::forward_only : d == Direction::backward_only);
    };

    // Raw directed adjacency, only to find the strongly connected components.
    std::vector<std::uint32_t> first_out(raw_n + 1, 0), head;
    for (const auto& s : segments_) {
        if (allows(s, true)) ++first_out[s.u + 1];
        if (allows(s, false)) ++first_out[s.v + 1];
    }
    std::partial_sum(first_out.begin(), first_out.end(), first_out.begin());
    head.resize(first_out.back());
    {
        std::vector<std::uint32_t> fill(first_out.begin(), first_out.end() - 1);
        for (const auto& s : segments_) {
            if (allows(s, true)) head[fill[s.u]++] = s.v;
            if (allows(s, false)) head[fill[s.v]++] = s.u;
        }
    }
    const Components components = strongly_connected_components(first_out, head);
    head = {};

    // Kept components renumbered by size, largest first (component 0 is the main network).
    std::vector<std::uint32_t> order(components.size.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return components.size[a] > components.size[b]; });
    std::vector<std::uint32_t> kept_id(components.size.size(), kDropped);
    RoadGraph graph;
    for (std::uint32_t c : order) {
        if (components.size[c] >= min_component_nodes) kept_id[c] = graph.component_count++;
        else {
            ++stats.components_dropped;
            stats.nodes_dropped += components.size[c];
        }
    }
    stats.components_kept = graph.component_count;
    stats.largest_component = order.empty() ? 0 : components.size[order.front()];

    std::vector<std::uint32_t> new_id(raw_n, kDropped);
    for (std::uint32_t v = 0; v < raw_n; ++v) {
        const std::uint32_t c = kept_id[components.of_node[v]];
        if (c == kDropped) continue;
        new_id[v] = static_cast<std::uint32_t>(graph.location.size());
        graph.location.push_back(raw_location_[v]);
        graph.osm_node_id.push_back(raw_osm_id_[v]);
        graph.component.push_back(c);
    }
    const auto n = static_cast<std::uint32_t>(graph.location.size());

    // Segments with both ends kept; one length per segment, shared by both directions.
    std::vector<RawSegment> kept;
    std::vector<double> length;
    kept.reserve(segments_.size());
    length.reserve(segments_.size());
    for (const RawSegment& s : segments_) {
        if (new_id[s.u] == kDropped || new_id[s.v] == kDropped) continue;
        kept.push_back({new_id[s.u], new_id[s.v], s.way});
        length.push_back(segment_length_m(raw_location_[s.u], raw_ecef_[s.u], raw_location_[s.v], raw_ecef_[s.v]));
    }
    segments_ = {};
    raw_ecef_ = {};

    graph.first_out.assign(n + 1, 0);
    for (const auto& s : kept) {
        if (allows(s, true)) ++graph.first_out[s.u + 1];
        if (allows(s, false)) ++graph.first_out[s.v + 1];
    }
    std::partial_sum(graph.first_out.begin(), graph.first_out.end(), graph.first_out.begin());
    const std::uint32_t m = graph.first_out.back();
    graph.head.resize(m);
    graph.time_ms.resize(m);
    graph.length_m.resize(m);
    graph.road_class.resize(m);
    graph.osm_way_id.resize(m);
    graph.segments.reserve(kept.size());
    std::vector<std::uint32_t> fill(graph.first_out.begin(), graph.first_out.end() - 1);
    const auto add_edge = [&](std::uint32_t tail, std::uint32_t to, const WayInfo& way, double len) {
        const std::uint32_t e = fill[tail]++;
        graph.head[e] = NodeId(to);
        graph.time_ms[e] = travel_time_ms(len, way.routing.speed_kmh);
        graph.length_m[e] = static_cast<float>(len);
        graph.road_class[e] = way.routing.road_class;
        graph.osm_way_id[e] = way.way_id;
        return EdgeId(e);
    };
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const auto& s = kept[i];
        const WayInfo& way = ways_[s.way];
        RoadSegment segment{NodeId(s.u), NodeId(s.v), EdgeId::invalid(), EdgeId::invalid()};
        if (allows(s, true)) segment.a_to_b = add_edge(s.u, s.v, way, length[i]);
        if (allows(s, false)) segment.b_to_a = add_edge(s.v, s.u, way, length[i]);
        graph.segments.push_back(segment);
    }
    graph.road_class_names = road_class_names_;
    return graph;
}

}  // namespace ems120
