#include "planning/coverage.hpp"

#include <cmath>
#include <functional>
#include <optional>

#include "routing/ch_many_to_all.hpp"

namespace ems120 {

std::string snap_problem(const Snap& snap, double max_snap_m) {
    if (!snap.found()) return "the road graph is empty";
    if (snap.distance_m <= max_snap_m) return {};
    return "no road within " + std::to_string(std::lround(max_snap_m)) + " m (nearest " +
           std::to_string(std::lround(snap.distance_m)) + " m)";
}

namespace {

// Road networks with one-way rules ignored (union-find over the edges): nodes that are linked by
// roads at all, whichever way they may be driven.
std::vector<std::uint32_t> undirected_networks(const RoadGraph& graph) {
    std::vector<std::uint32_t> parent(graph.node_count());
    for (std::uint32_t v = 0; v < parent.size(); ++v) parent[v] = v;
    const auto root = [&](std::uint32_t v) {
        while (parent[v] != v) v = parent[v] = parent[parent[v]];
        return v;
    };
    for (const RoadSegment& s : graph.segments) parent[root(s.a.value())] = root(s.b.value());
    for (std::uint32_t v = 0; v < parent.size(); ++v) parent[v] = root(v);
    return parent;
}

// A reached-nowhere place is either in a road network without any station, or cut off from the
// stations by one-way streets: the planner's fix differs (a new station vs. a map error).
std::string unreached_reason(const RoadGraph& graph, const std::vector<std::uint32_t>& network, const Snap& place,
                             std::span<const StationSnap> stations) {
    const std::uint32_t own = network[graph.segment(place.segment).a.value()];
    for (const auto& s : stations)
        if (s.used() && network[graph.segment(s.snap.segment).a.value()] == own)
            return "no road path from any station (one-way roads)";
    return "no station in its road network";
}

}  // namespace

CoverageResult compute_coverage(const RoadGraph& graph, const SegmentIndex& index, std::span<const MapPoint> places,
                                std::span<const MapPoint> stations, const CoverageOptions& options,
                                const ContractionHierarchy* ch) {
    CoverageResult result;
    result.options = options;
    std::vector<Snap> usable;  // not-found snaps seed nothing, keeping source index = station index
    for (const auto& station : stations) {
        StationSnap s{index.nearest(station.location), {}};
        s.problem = snap_problem(s.snap, options.max_snap_m);
        usable.push_back(s.used() ? s.snap : Snap{});
        result.stations.push_back(std::move(s));
    }

    // The hierarchy's sweep when there is one; the same answers, ties included, either way.
    const auto seeds = seeds_for(graph, usable);
    std::function<Reach(NodeId)> reach_of_node;
    std::optional<ChManyToAll> sweep;
    std::optional<MultiSourceDijkstra> dijkstra;
    if (ch) {
        sweep.emplace(*ch);
        sweep->run(seeds);
        reach_of_node = [&](NodeId v) { return sweep->at(v); };
    } else {
        dijkstra.emplace(graph);
        dijkstra->run(seeds);
        reach_of_node = [&](NodeId v) { return dijkstra->at(v); };
    }

    result.places.reserve(places.size());
    std::vector<std::uint32_t> network;  // computed only once a place is found unreached
    for (const auto& place : places) {
        PlaceCoverage c;
        c.snap = index.nearest(place.location);
        c.reason = snap_problem(c.snap, options.max_snap_m);
        if (c.reason.empty()) {
            c.reach = reach_point_through(reach_of_node, graph, c.snap, usable);
            if (!c.reach.reached()) {
                if (network.empty()) network = undirected_networks(graph);
                c.reason = unreached_reason(graph, network, c.snap, result.stations);
            }
        }
        result.places.push_back(std::move(c));
    }
    return result;
}

}  // namespace ems120
