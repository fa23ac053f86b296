#pragma once
// Point-to-point queries on a contraction hierarchy: a forward search upward from the sources
// and a backward search upward from the targets, with stall-on-demand; the route is unpacked to
// road graph edges for its geometry. One object per thread, reused: after the first query it
// does not allocate (apart from the returned geometry).
#include <span>
#include <vector>

#include "maps/road_graph.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/dijkstra.hpp"
#include "routing/route_endpoint.hpp"
#include "routing/segment_index.hpp"

namespace ems120 {

class ChQuery {
public:
    // Both must outlive the query object.
    ChQuery(const RoadGraph& graph, const ContractionHierarchy& ch);

    // Same meaning as DijkstraQuery::shortest_time: time at a target = node time + its seed time.
    TravelTime shortest_time(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets);

    // Same answer as DijkstraQuery::route (the time is equal; among equally fast routes either
    // may be returned).
    Route route(const Snap& from, const Snap& to);
    // The same, leaving `from` only through `departures` (a subset of departures_from(from), e.g.
    // a moving unit's direction of travel), and driving straight along the shared segment only
    // when `may_stay_on_segment` (the caller knows whether that drive goes its way).
    Route route(const Snap& from, std::span<const NodeSeed> departures, const Snap& to, bool may_stay_on_segment);

private:
    struct Side {
        std::vector<TravelTime> time;           // by rank
        std::vector<std::uint32_t> stamp;       // time[r] is valid when stamp[r] == current
        std::vector<std::uint32_t> parent_arc;  // index into up_* (forward) or down_* (backward)
        std::vector<std::pair<TravelTime, Rank>> heap;
        std::uint32_t current = 0;
        TravelTime at(Rank r) const { return stamp[r] == current ? time[r] : kUnreachable; }
    };

    // Runs the search; returns the meeting rank (or kNoRank) and its total time in `best`.
    Rank search(std::span<const NodeSeed> sources, std::span<const NodeSeed> targets, TravelTime& best);
    void seed(Side& side, std::span<const NodeSeed> seeds);

    static constexpr Rank kNoRank = std::numeric_limits<Rank>::max();
    static constexpr std::uint32_t kSeedArc = std::numeric_limits<std::uint32_t>::max();

    const RoadGraph* graph_;
    const ContractionHierarchy* ch_;
    Side forward_, backward_;
    std::vector<EdgeId> edges_;         // the unpacked route
    std::vector<std::uint32_t> scratch_;  // hierarchy edges of the upward half
    std::vector<std::uint32_t> unpack_stack_;
};

}  // namespace ems120
