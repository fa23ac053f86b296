#include "routing/multi_source_dijkstra.hpp"

#include <algorithm>
#include <functional>

namespace ems120 {

namespace {

// (time, source) in one integer: comparing keys compares times first, then source indices.
std::uint64_t key(std::uint64_t time, std::uint32_t source) { return time << 32 | source; }

}  // namespace

MultiSourceDijkstra::MultiSourceDijkstra(const RoadGraph& graph)
    : graph_(&graph), time_(graph.node_count(), kUnreachable), source_(graph.node_count(), kNoSource) {}

void MultiSourceDijkstra::run(std::span<const SourceSeed> seeds) {
    const auto& g = *graph_;
    constexpr auto heap_order = std::greater<>{};
    std::fill(time_.begin(), time_.end(), kUnreachable);
    std::fill(source_.begin(), source_.end(), kNoSource);
    heap_.clear();

    // Labels only ever improve in (time, source) order, so a node is final when popped with its label.
    auto improve = [&](NodeId v, std::uint64_t time, std::uint32_t source) {
        const std::uint64_t k = key(time, source);
        if (time >= kUnreachable || k >= key(time_[v.value()], source_[v.value()])) return;
        time_[v.value()] = static_cast<TravelTime>(time);
        source_[v.value()] = source;
        heap_.emplace_back(k, v);
        std::push_heap(heap_.begin(), heap_.end(), heap_order);
    };

    for (const SourceSeed& s : seeds) improve(s.node, s.time, s.source);
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), heap_order);
        const auto [k, v] = heap_.back();
        heap_.pop_back();
        if (k != key(time_[v.value()], source_[v.value()])) continue;  // stale entry
        for (std::uint32_t e = g.out_begin(v); e < g.out_end(v); ++e)
            improve(g.head[e], std::uint64_t{time_[v.value()]} + g.time_ms[e], source_[v.value()]);
    }
}

std::vector<SourceSeed> seeds_for(const RoadGraph& graph, std::span<const Snap> sources) {
    std::vector<SourceSeed> seeds;
    for (std::uint32_t i = 0; i < sources.size(); ++i)
        for (const NodeSeed& d : departures_from(graph, sources[i])) seeds.push_back({d.node, d.time, i});
    return seeds;
}

Reach reach_point_through(const std::function<Reach(NodeId)>& reach_of_node, const RoadGraph& graph,
                          const Snap& target, std::span<const Snap> sources) {
    Reach best;
    auto consider = [&](std::uint64_t time, std::uint32_t source) {
        if (time < kUnreachable && key(time, source) < key(best.time, best.source))
            best = {static_cast<TravelTime>(time), source};
    };
    for (const NodeSeed& a : arrivals_at(graph, target)) {
        const Reach r = reach_of_node(a.node);
        if (r.reached()) consider(std::uint64_t{r.time} + a.time, r.source);
    }
    if (target.found()) {
        for (std::uint32_t i = 0; i < sources.size(); ++i)
            if (sources[i].segment == target.segment)
                if (const auto direct = along_same_segment(graph, sources[i], target)) consider(*direct, i);
    }
    return best;
}

}  // namespace ems120
