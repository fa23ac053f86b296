#pragma once
// Small road graphs for routing tests: built from a list of nodes and directed edges, or at random.
// Header-only because the test target only compiles *_test.cpp files.
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "maps/geodesy.hpp"
#include "maps/road_graph.hpp"
#include "routing/segment_index.hpp"

namespace ems120::test {

struct TestEdge {
    std::uint32_t tail;
    std::uint32_t head;
    TravelTime time_ms;
};

// A valid RoadGraph. Edge lengths are the geodesic distance between the ends. Segments appear in
// the order of their first edge in `edges`; an edge b->a completes the earliest still-unpaired
// segment a->b, so parallel roads stay separate segments.
inline RoadGraph make_graph(const std::vector<LatLon>& nodes, const std::vector<TestEdge>& edges) {
    RoadGraph g;
    const auto n = static_cast<std::uint32_t>(nodes.size());
    g.location = nodes;
    g.road_class_names = {"test"};
    for (std::uint32_t v = 0; v < n; ++v) g.osm_node_id.push_back(1000 + v);

    // Forward star: edges grouped by tail, keeping input order within a tail.
    std::vector<std::uint32_t> order(edges.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](auto x, auto y) { return edges[x].tail < edges[y].tail; });
    std::vector<EdgeId> edge_id(edges.size());
    g.first_out.assign(n + 1, 0);
    for (std::uint32_t e = 0; e < order.size(); ++e) {
        const TestEdge& te = edges[order[e]];
        edge_id[order[e]] = EdgeId(e);
        ++g.first_out[te.tail + 1];
        g.head.push_back(NodeId(te.head));
        g.time_ms.push_back(te.time_ms);
        g.length_m.push_back(static_cast<float>(geodesic_distance_m(nodes[te.tail], nodes[te.head])));
        g.road_class.push_back(0);
        g.osm_way_id.push_back(500 + order[e]);
    }
    for (std::uint32_t v = 0; v < n; ++v) g.first_out[v + 1] += g.first_out[v];

    std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> waiting;  // (a, b) -> segments
    for (std::uint32_t i = 0; i < edges.size(); ++i) {
        auto& open = waiting[{edges[i].head, edges[i].tail}];
        if (!open.empty()) {
            g.segments[open.front()].b_to_a = edge_id[i];
            open.erase(open.begin());
            continue;
        }
        waiting[{edges[i].tail, edges[i].head}].push_back(static_cast<std::uint32_t>(g.segments.size()));
        g.segments.push_back({NodeId(edges[i].tail), NodeId(edges[i].head), edge_id[i], EdgeId::invalid()});
    }

    // Strongly connected components by mutual reachability: quadratic, fine for test sizes.
    std::vector<std::vector<char>> reaches(n, std::vector<char>(n, 0));
    for (std::uint32_t s = 0; s < n; ++s) {
        std::vector<std::uint32_t> stack{s};
        reaches[s][s] = 1;
        while (!stack.empty()) {
            const std::uint32_t v = stack.back();
            stack.pop_back();
            for (std::uint32_t e = g.first_out[v]; e < g.first_out[v + 1]; ++e) {
                const std::uint32_t h = g.head[e].value();
                if (!reaches[s][h]) {
                    reaches[s][h] = 1;
                    stack.push_back(h);
                }
            }
        }
    }
    g.component.assign(n, 0);
    for (std::uint32_t v = 0; v < n; ++v) {
        std::uint32_t first = 0;  // the smallest node in v's component
        while (!(reaches[v][first] && reaches[first][v])) ++first;
        g.component[v] = first == v ? g.component_count++ : g.component[first];
    }
    return g;
}

// The segment joining a and b (either way round), or an invalid id.
inline SegmentId segment_between(const RoadGraph& g, std::uint32_t a, std::uint32_t b) {
    for (std::uint32_t s = 0; s < g.segments.size(); ++s) {
        const RoadSegment& seg = g.segments[s];
        if ((seg.a.value() == a && seg.b.value() == b) || (seg.a.value() == b && seg.b.value() == a))
            return SegmentId(s);
    }
    return SegmentId::invalid();
}

inline LatLon lerp(LatLon a, LatLon b, double t) { return {a.lat + t * (b.lat - a.lat), a.lon + t * (b.lon - a.lon)}; }

// A point `fraction` of the way along segment `s`, as the index would report it.
inline Snap snap_at(const RoadGraph& g, SegmentId s, double fraction) {
    const RoadSegment& seg = g.segment(s);
    Snap snap;
    snap.segment = s;
    snap.fraction = fraction;
    snap.point = lerp(g.at(seg.a), g.at(seg.b), fraction);
    return snap;
}

// Random graph around Andorra: up to `max_nodes` nodes, random oneways in either direction,
// different times per direction, zero-time edges, parallel roads and (being sparse) often
// several disconnected parts.
inline RoadGraph random_graph(std::mt19937& rng, std::uint32_t max_nodes = 10) {
    std::uniform_int_distribution<std::uint32_t> node_count(1, max_nodes);
    const std::uint32_t n = node_count(rng);
    std::uniform_real_distribution<double> lat(42.40, 42.60), lon(1.40, 1.70), unit(0.0, 1.0);
    std::vector<LatLon> nodes;
    for (std::uint32_t v = 0; v < n; ++v) nodes.push_back({lat(rng), lon(rng)});

    std::vector<TestEdge> edges;
    if (n >= 2) {
        std::uniform_int_distribution<std::uint32_t> pick(0, n - 1), segment_count(0, 2 * n);
        std::uniform_int_distribution<TravelTime> time(0, 100'000);
        auto random_time = [&] { return unit(rng) < 0.1 ? TravelTime{0} : time(rng); };
        std::uint32_t a = 0, b = 0;
        for (std::uint32_t i = segment_count(rng); i > 0; --i) {
            if (edges.empty() || unit(rng) > 0.15) {  // otherwise a road parallel to the last one
                a = pick(rng);
                do b = pick(rng);
                while (b == a);
            }
            const double kind = unit(rng);
            const TravelTime t = random_time();
            if (kind < 0.25) {
                edges.push_back({a, b, t});
            } else if (kind < 0.4) {
                edges.push_back({b, a, t});
            } else {
                edges.push_back({a, b, t});
                edges.push_back({b, a, unit(rng) < 0.5 ? t : random_time()});
            }
        }
    }
    return make_graph(nodes, edges);
}

// A random point on a random segment (the graph must have segments); ends of segments included.
inline Snap random_snap(const RoadGraph& g, std::mt19937& rng) {
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(g.segments.size()) - 1);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const double r = unit(rng);
    const double fraction = r < 0.1 ? 0.0 : r < 0.2 ? 1.0 : unit(rng);
    return snap_at(g, SegmentId(pick(rng)), fraction);
}

}  // namespace ems120::test
