#include "routing/dijkstra.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace ems120 {

namespace {

// Arrival times are summed in 64 bits so that kUnreachable stays an upper bound, never wraps.
std::uint64_t plus(TravelTime a, TravelTime b) { return std::uint64_t{a} + b; }

}  // namespace

DijkstraQuery::DijkstraQuery(const RoadGraph& graph)
    : graph_(&graph),
      time_(graph.node_count(), kUnreachable),
      parent_edge_(graph.node_count()),
      parent_node_(graph.node_count()),
      settled_(graph.node_count(), 0),
      target_of_(graph.node_count(), -1) {}

void DijkstraQuery::reset() {
    for (NodeId v : touched_) {
        time_[v.value()] = kUnreachable;
        parent_edge_[v.value()] = EdgeId::invalid();
        parent_node_[v.value()] = NodeId::invalid();
        settled_[v.value()] = 0;
    }
    touched_.clear();
    heap_.clear();
}

int DijkstraQuery::search(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets, TravelTime& best) {
    reset();
    const auto& g = *graph_;
    constexpr auto heap_order = std::greater<>{};  // min-heap; ties by node id for reproducibility

    // Several targets may share a node: only the one with the smallest extra time matters.
    std::size_t targets_left = 0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        std::int32_t& t = target_of_[targets[i].node.value()];
        if (t < 0) ++targets_left;
        if (t < 0 || targets[i].time < targets[t].time) t = static_cast<std::int32_t>(i);
    }

    for (const NodeSeed& s : sources) {
        TravelTime& t = time_[s.node.value()];
        if (s.time >= t) continue;
        if (t == kUnreachable) touched_.push_back(s.node);
        t = s.time;
        heap_.emplace_back(s.time, s.node);
        std::push_heap(heap_.begin(), heap_.end(), heap_order);
    }

    best = kUnreachable;
    int best_target = -1;
    while (!heap_.empty() && heap_.front().first < best && targets_left > 0) {
        std::pop_heap(heap_.begin(), heap_.end(), heap_order);
        const auto [time, v] = heap_.back();
        heap_.pop_back();
        if (settled_[v.value()] || time > time_[v.value()]) continue;  // stale entry
        settled_[v.value()] = 1;

        if (const std::int32_t t = target_of_[v.value()]; t >= 0) {
            --targets_left;
            const std::uint64_t arrival = plus(time, targets[t].time);
            if (arrival < best) {
                best = static_cast<TravelTime>(arrival);
                best_target = t;
            }
        }

        for (std::uint32_t e = g.out_begin(v); e < g.out_end(v); ++e) {
            const NodeId h = g.head[e];
            const std::uint64_t candidate = plus(time, g.time_ms[e]);
            TravelTime& th = time_[h.value()];
            if (settled_[h.value()] || candidate >= th) continue;
            if (th == kUnreachable) touched_.push_back(h);
            th = static_cast<TravelTime>(candidate);
            parent_edge_[h.value()] = EdgeId(e);
            parent_node_[h.value()] = v;
            heap_.emplace_back(th, h);
            std::push_heap(heap_.begin(), heap_.end(), heap_order);
        }
    }

    for (const NodeSeed& t : targets) target_of_[t.node.value()] = -1;
    return best_target;
}

TravelTime DijkstraQuery::shortest_time(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets) {
    TravelTime best = kUnreachable;
    search(sources, targets, best);
    return best;
}

TravelTime DijkstraQuery::time_to(NodeId v) const { return settled_[v.value()] ? time_[v.value()] : kUnreachable; }

Route DijkstraQuery::route(const Snap& from, const Snap& to) {
    Route route;
    if (!from.found() || !to.found()) return route;
    const auto& g = *graph_;
    const NodeSeeds departures = departures_from(g, from);
    const NodeSeeds arrivals = arrivals_at(g, to);
    TravelTime via_nodes = kUnreachable;
    const int target = search(departures, arrivals, via_nodes);

    if (auto direct = route_on_shared_segment(g, from, to, via_nodes)) return std::move(*direct);
    if (target < 0) return route;

    route.found = true;
    route.time = via_nodes;
    const NodeId end = arrivals.items[target].node;

    // Walk back from the end, then reverse.
    route.geometry.push_back(to.point);
    NodeId root = end;
    for (NodeId v = end; v.valid(); v = parent_node_[v.value()]) {
        route.geometry.push_back(g.at(v));
        if (const EdgeId e = parent_edge_[v.value()]; e.valid()) route.length_m += g.length_m[e.value()];
        root = v;
    }
    route.geometry.push_back(from.point);
    std::reverse(route.geometry.begin(), route.geometry.end());
    route.length_m += end_pieces_length_m(g, from, root, to, end);
    return route;
}

}  // namespace ems120
