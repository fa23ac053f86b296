#pragma once
// Where a unit's drive starts: the road it was snapped onto and the directions it may leave it
// in. A unit moving along a road keeps going its way to the next junction — turning round on a
// busy road is not something an ETA should assume — so only the seed in its direction of travel
// is kept. A stopped unit, or one whose heading does not line up with the road, may leave either
// way the road allows.
//
// What this does not forbid: the graph is node-based and every OSM node on a road is a node, so
// from the node it heads for (often metres away on a curve) the search may turn back at no cost.
// The rule rules out a U-turn mid-segment, not at the next node; carrying the unit on to the next
// real junction would be the stronger model, and is not done.
#include <optional>

#include "dispatch/assignment_input.hpp"
#include "dispatch/assignment_options.hpp"
#include "maps/road_graph.hpp"
#include "routing/route_endpoint.hpp"
#include "routing/segment_index.hpp"

namespace ems120::dispatch {

// Directions along a RoadSegment, by its ends a and b.
struct LeavingDirections {
    bool toward_b = true;
    bool toward_a = true;
};

// From the fix's speed and heading. A heading within options.heading_match_deg of the segment's
// a->b bearing means toward b, within it of b->a toward a; anything else, a missing heading or a
// speed at or below options.moving_speed_mps, both. When the heading points against a oneway (the
// fix was snapped onto the other carriageway, or the unit drives against traffic under sirens)
// the road's own direction is kept, as for a stopped unit: no seed is better than a guess.
LeavingDirections leaving_directions(const RoadGraph& graph, const Snap& snap, const UnitPosition& fix,
                                     const AssignmentOptions& options);

// departures_from(graph, snap), keeping only the seeds in `directions`: exact partial-edge times.
NodeSeeds departures_toward(const RoadGraph& graph, const Snap& snap, LeavingDirections directions);

// along_same_segment(graph, from, to), driving only in `directions`.
std::optional<TravelTime> along_segment_toward(const RoadGraph& graph, const Snap& from, LeavingDirections directions,
                                               const Snap& to);

}  // namespace ems120::dispatch
