#include "routing/bidirectional_dijkstra.hpp"

#include <algorithm>
#include <functional>
#include <numeric>

namespace ems120 {

namespace {

constexpr auto kHeapOrder = std::greater<>{};

std::uint64_t plus(TravelTime a, TravelTime b) { return std::uint64_t{a} + b; }

}  // namespace

ReverseAdjacency::ReverseAdjacency(const RoadGraph& graph) : first_in(graph.node_count() + 1, 0) {
    for (const NodeId h : graph.head) ++first_in[h.value() + 1];
    std::partial_sum(first_in.begin(), first_in.end(), first_in.begin());
    tail.resize(graph.edge_count());
    time_ms.resize(graph.edge_count());
    std::vector<std::uint32_t> fill(first_in.begin(), first_in.end() - 1);
    for (std::uint32_t v = 0; v < graph.node_count(); ++v)
        for (std::uint32_t e = graph.out_begin(NodeId(v)); e < graph.out_end(NodeId(v)); ++e) {
            const std::uint32_t slot = fill[graph.head[e].value()]++;
            tail[slot] = NodeId(v);
            time_ms[slot] = graph.time_ms[e];
        }
}

BidirectionalDijkstra::BidirectionalDijkstra(const RoadGraph& graph, const ReverseAdjacency& reverse)
    : graph_(&graph), reverse_(&reverse) {
    for (Side* side : {&forward_, &backward_}) {
        side->time.assign(graph.node_count(), kUnreachable);
        side->settled.assign(graph.node_count(), 0);
    }
}

void BidirectionalDijkstra::Side::reset() {
    for (const NodeId v : touched) {
        time[v.value()] = kUnreachable;
        settled[v.value()] = 0;
    }
    touched.clear();
    heap.clear();
}

void BidirectionalDijkstra::Side::seed(std::span<const NodeSeed> seeds) {
    for (const NodeSeed& s : seeds) {
        TravelTime& t = time[s.node.value()];
        if (s.time >= t) continue;
        if (t == kUnreachable) touched.push_back(s.node);
        t = s.time;
        heap.emplace_back(s.time, s.node);
        std::push_heap(heap.begin(), heap.end(), kHeapOrder);
    }
}

TravelTime BidirectionalDijkstra::shortest_time(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets) {
    forward_.reset();
    backward_.reset();
    forward_.seed(sources);
    backward_.seed(targets);
    std::uint64_t best = kUnreachable;
    // A node seeded on both sides is a meeting point before any search step.
    for (const NodeSeed& s : sources)
        if (backward_.time[s.node.value()] != kUnreachable)
            best = std::min(best, plus(forward_.time[s.node.value()], backward_.time[s.node.value()]));

    const auto& g = *graph_;
    const auto& r = *reverse_;
    // Settles one node on `side`, relaxing its edges and updating the best meeting time.
    const auto step = [&](Side& side, const Side& other, bool forward) {
        std::pop_heap(side.heap.begin(), side.heap.end(), kHeapOrder);
        const auto [time, v] = side.heap.back();
        side.heap.pop_back();
        if (side.settled[v.value()] || time > side.time[v.value()]) return;
        side.settled[v.value()] = 1;
        const std::uint32_t begin = forward ? g.out_begin(v) : r.first_in[v.value()];
        const std::uint32_t end = forward ? g.out_end(v) : r.first_in[v.value() + 1];
        for (std::uint32_t e = begin; e < end; ++e) {
            const NodeId w = forward ? g.head[e] : r.tail[e];
            const std::uint64_t candidate = plus(time, forward ? g.time_ms[e] : r.time_ms[e]);
            TravelTime& tw = side.time[w.value()];
            if (candidate < tw) {
                if (tw == kUnreachable) side.touched.push_back(w);
                tw = static_cast<TravelTime>(candidate);
                side.heap.emplace_back(tw, w);
                std::push_heap(side.heap.begin(), side.heap.end(), kHeapOrder);
            }
            if (const TravelTime to = other.time[w.value()]; to != kUnreachable) best = std::min(best, plus(tw, to));
        }
    };
    // Stop once no path through an unsettled node can beat the best meeting: the two frontiers'
    // smallest keys together already reach it.
    while (!forward_.heap.empty() && !backward_.heap.empty() &&
           plus(forward_.heap.front().first, backward_.heap.front().first) < best) {
        if (forward_.heap.size() <= backward_.heap.size()) step(forward_, backward_, true);
        else step(backward_, forward_, false);
    }
    return static_cast<TravelTime>(std::min<std::uint64_t>(best, kUnreachable));
}

}  // namespace ems120
