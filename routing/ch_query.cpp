#include "routing/ch_query.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace ems120 {

namespace {

constexpr auto kHeapOrder = std::greater<>{};

std::uint64_t plus(TravelTime a, TravelTime b) { return std::uint64_t{a} + b; }

}  // namespace

ChQuery::ChQuery(const RoadGraph& graph, const ContractionHierarchy& ch) : graph_(&graph), ch_(&ch) {
    for (Side* side : {&forward_, &backward_}) {
        side->time.assign(ch.node_count(), kUnreachable);
        side->stamp.assign(ch.node_count(), 0);
        side->parent_arc.assign(ch.node_count(), kSeedArc);
    }
}

void ChQuery::seed(Side& side, std::span<const NodeSeed> seeds) {
    ++side.current;
    side.heap.clear();
    for (const NodeSeed& s : seeds) {
        const Rank r = ch_->rank_of_node[s.node.value()];
        if (s.time >= side.at(r)) continue;
        side.stamp[r] = side.current;
        side.time[r] = s.time;
        side.parent_arc[r] = kSeedArc;
        side.heap.emplace_back(s.time, r);
        std::push_heap(side.heap.begin(), side.heap.end(), kHeapOrder);
    }
}

Rank ChQuery::search(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets, TravelTime& best_out) {
    seed(forward_, sources);
    seed(backward_, targets);
    const ContractionHierarchy& ch = *ch_;
    std::uint64_t best = kUnreachable;
    Rank meeting = kNoRank;
    for (const auto& [t, r] : forward_.heap)
        if (const TravelTime b = backward_.at(r); b != kUnreachable && plus(t, b) < best) {
            best = plus(t, b);
            meeting = r;
        }

    // Settles one rank: `up` arcs are relaxed, `stall` arcs (entering from above, in this
    // search's direction) tell whether the rank is reached better from above and need not go on.
    const auto step = [&](Side& side, const Side& other, bool forward) {
        std::pop_heap(side.heap.begin(), side.heap.end(), kHeapOrder);
        const auto [time, r] = side.heap.back();
        side.heap.pop_back();
        if (time > side.at(r)) return;
        if (const TravelTime o = other.at(r); o != kUnreachable && plus(time, o) < best) {
            best = plus(time, o);
            meeting = r;
        }
        const std::uint32_t stall_begin = forward ? ch.down_first[r] : ch.up_first[r];
        const std::uint32_t stall_end = forward ? ch.down_first[r + 1] : ch.up_first[r + 1];
        for (std::uint32_t i = stall_begin; i < stall_end; ++i) {
            const Rank above = forward ? ch.down_tail[i] : ch.up_head[i];
            const TravelTime w = forward ? ch.down_time[i] : ch.up_time[i];
            if (plus(side.at(above), w) < time) return;  // stalled
        }
        const std::uint32_t begin = forward ? ch.up_first[r] : ch.down_first[r];
        const std::uint32_t end = forward ? ch.up_first[r + 1] : ch.down_first[r + 1];
        for (std::uint32_t i = begin; i < end; ++i) {
            const Rank next = forward ? ch.up_head[i] : ch.down_tail[i];
            const std::uint64_t candidate = plus(time, forward ? ch.up_time[i] : ch.down_time[i]);
            if (candidate >= side.at(next)) continue;
            side.stamp[next] = side.current;
            side.time[next] = static_cast<TravelTime>(candidate);
            side.parent_arc[next] = i;
            side.heap.emplace_back(static_cast<TravelTime>(candidate), next);
            std::push_heap(side.heap.begin(), side.heap.end(), kHeapOrder);
        }
    };
    // Each side stops once its smallest key alone reaches the best meeting (a shortest path's
    // upward halves are each no longer than the whole).
    for (;;) {
        const bool f = !forward_.heap.empty() && forward_.heap.front().first < best;
        const bool b = !backward_.heap.empty() && backward_.heap.front().first < best;
        if (!f && !b) break;
        if (f && (!b || forward_.heap.front().first <= backward_.heap.front().first)) step(forward_, backward_, true);
        else step(backward_, forward_, false);
    }
    best_out = static_cast<TravelTime>(std::min<std::uint64_t>(best, kUnreachable));
    return best_out == kUnreachable ? kNoRank : meeting;
}

TravelTime ChQuery::shortest_time(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets) {
    TravelTime best = kUnreachable;
    search(sources, targets, best);
    return best;
}

Route ChQuery::route(const Snap& from, const Snap& to) {
    if (!from.found()) return {};
    const NodeSeeds departures = departures_from(*graph_, from);
    return route(from, {departures.begin(), departures.end()}, to, true);
}

Route ChQuery::route(const Snap& from, std::span<const NodeSeed> departures, const Snap& to, bool may_stay_on_segment) {
    Route route;
    if (!from.found() || !to.found()) return route;
    const RoadGraph& g = *graph_;
    const ContractionHierarchy& ch = *ch_;
    const NodeSeeds arrivals = arrivals_at(g, to);
    TravelTime via_nodes = kUnreachable;
    const Rank meeting = search(departures, {arrivals.begin(), arrivals.end()}, via_nodes);

    if (may_stay_on_segment)
        if (auto direct = route_on_shared_segment(g, from, to, via_nodes)) return std::move(*direct);
    if (meeting == kNoRank) return route;

    // Hierarchy edges from the start up to the meeting rank, then down to the end.
    edges_.clear();
    std::vector<std::uint32_t>& up_path = scratch_;
    up_path.clear();
    Rank r = meeting;
    while (forward_.parent_arc[r] != kSeedArc) {
        const std::uint32_t arc = forward_.parent_arc[r];
        up_path.push_back(ch.up_edge[arc]);
        // The arc's tail is the rank whose up-range holds it.
        r = static_cast<Rank>(std::upper_bound(ch.up_first.begin(), ch.up_first.end(), arc) - ch.up_first.begin() - 1);
    }
    const Rank start = r;
    for (auto it = up_path.rbegin(); it != up_path.rend(); ++it) ch.unpack(*it, edges_, unpack_stack_);
    r = meeting;
    while (backward_.parent_arc[r] != kSeedArc) {
        const std::uint32_t arc = backward_.parent_arc[r];
        ch.unpack(ch.down_edge[arc], edges_, unpack_stack_);
        r = static_cast<Rank>(std::upper_bound(ch.down_first.begin(), ch.down_first.end(), arc) - ch.down_first.begin() - 1);
    }
    const Rank end = r;

    route.found = true;
    route.time = via_nodes;
    const NodeId start_node = ch.node_of_rank[start], end_node = ch.node_of_rank[end];
    route.length_m = end_pieces_length_m(g, from, start_node, to, end_node);
    route.geometry.push_back(from.point);
    route.geometry.push_back(g.at(start_node));
    for (const EdgeId e : edges_) {
        route.length_m += g.length_m[e.value()];
        route.geometry.push_back(g.at(g.head_of(e)));
    }
    route.geometry.push_back(to.point);
    return route;
}

}  // namespace ems120
