#include "routing/route_endpoint.hpp"

#include <algorithm>
#include <cmath>

namespace ems120 {

namespace {

void add(NodeSeeds& seeds, NodeId node, TravelTime time) { seeds.items[seeds.count++] = {node, time}; }

}  // namespace

TravelTime partial_time(TravelTime edge_time, double fraction) {
    // Clamping the fraction first keeps a NaN or a slightly-off fraction from leaving the edge.
    if (!(fraction > 0.0)) return 0;
    if (fraction >= 1.0) return edge_time;
    const long long t = std::llround(edge_time * fraction);
    return static_cast<TravelTime>(std::clamp<long long>(t, 0, edge_time));
}

NodeSeeds departures_from(const RoadGraph& graph, const Snap& from) {
    NodeSeeds seeds;
    if (!from.found()) return seeds;
    const RoadSegment& s = graph.segment(from.segment);
    // The edge's head, not the segment's end: after a restricted turn it is a copy of the junction.
    if (s.a_to_b.valid()) add(seeds, graph.head_of(s.a_to_b), partial_time(graph.time(s.a_to_b), 1.0 - from.fraction));
    if (s.b_to_a.valid()) add(seeds, graph.head_of(s.b_to_a), partial_time(graph.time(s.b_to_a), from.fraction));
    return seeds;
}

NodeSeeds arrivals_at(const RoadGraph& graph, const Snap& to) {
    NodeSeeds seeds;
    if (!to.found()) return seeds;
    const RoadSegment& s = graph.segment(to.segment);
    // A copy of a junction (after a restricted turn) drives onto the segment by a duplicate edge.
    const auto add_with_duplicates = [&](NodeId tail, EdgeId primary, TravelTime time) {
        add(seeds, tail, time);
        const auto first = std::lower_bound(graph.edge_duplicates.begin(), graph.edge_duplicates.end(), primary,
                                            [](const EdgeDuplicate& d, EdgeId e) { return d.primary < e; });
        for (auto it = first; it != graph.edge_duplicates.end() && it->primary == primary; ++it)
            if (seeds.count < seeds.items.size()) add(seeds, it->tail, time);
    };
    if (s.a_to_b.valid()) add_with_duplicates(s.a, s.a_to_b, partial_time(graph.time(s.a_to_b), to.fraction));
    if (s.b_to_a.valid()) add_with_duplicates(s.b, s.b_to_a, partial_time(graph.time(s.b_to_a), 1.0 - to.fraction));
    return seeds;
}

std::optional<TravelTime> along_same_segment(const RoadGraph& graph, const Snap& from, const Snap& to) {
    if (!from.found() || from.segment != to.segment) return std::nullopt;
    const RoadSegment& s = graph.segment(from.segment);
    std::optional<TravelTime> best;
    if (s.a_to_b.valid() && to.fraction >= from.fraction)
        best = partial_time(graph.time(s.a_to_b), to.fraction - from.fraction);
    if (s.b_to_a.valid() && to.fraction <= from.fraction) {
        const TravelTime t = partial_time(graph.time(s.b_to_a), from.fraction - to.fraction);
        if (!best || t < *best) best = t;
    }
    return best;
}

}  // namespace ems120
