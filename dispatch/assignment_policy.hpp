#pragma once
// The assignment policy: which unit reaches the patient first. A function of the units' states,
// the call and the routing index — no clock (the call's time is "now"), no sockets, no global
// state — so the live dispatcher and the planners' simulator run the very same code.
//
//   AssignmentQuery query(modes.for_priority(call.priority), options);  // one per thread and index
//   query.select_fleet(units);        // snap + RPHAST selection; redo when units move
//   Assignment a = query.decide(call);  // snap the call, many-to-one, rules, ranking
//   if (const Candidate* unit = a.chosen_candidate()) ...
//
// ETAs are exact for units part-way along a road (partial-edge seeds, a direct drive when the
// unit and the call share a segment), honour one-way roads and turn restrictions, and start in
// the unit's direction of travel when it moves (dispatch/unit_departure). Every unit is ranked,
// busy ones included, so the console can show "the nearest unit is busy, 2 minutes away".
#include <cstdint>
#include <span>
#include <vector>

#include "dispatch/assignment_input.hpp"
#include "dispatch/assignment_options.hpp"
#include "dispatch/assignment_result.hpp"
#include "dispatch/travel_modes.hpp"
#include "dispatch/unit_departure.hpp"
#include "dispatch/unit_placement.hpp"
#include "routing/ch_one_to_many.hpp"

namespace ems120::dispatch {

// The reusable part: the many-to-one query's arrays, the fleet's snaps and seeds. Holds no
// decision state between calls beyond the selected fleet, so the same arguments always give the
// same answer. The routing index must outlive it.
class AssignmentQuery {
public:
    // Throws std::invalid_argument when the index's parts do not belong to one graph.
    explicit AssignmentQuery(const RoutingIndex& routing, const AssignmentOptions& options = {});

    // Snaps every unit onto the road network and selects the fleet for many-to-one queries.
    // Whatever moved since the last selection is only seen after the next one. The units are
    // copied: the caller's list may change afterwards. A unit at the same index with the same
    // fix (position, speed, heading) as in the last selection keeps its placement: snapping is
    // most of a selection, and a parked unit's snap never changes.
    void select_fleet(std::span<const UnitSnapshot> units);

    // The decision for one call against the selected fleet; `out` keeps its allocations.
    void decide(const CallRequest& call, Assignment& out);
    Assignment decide(const CallRequest& call);

    // Both steps, for a caller whose fleet moves between every call (the simulator).
    Assignment assign(std::span<const UnitSnapshot> units, const CallRequest& call);

    const AssignmentOptions& options() const { return options_; }
    // Hierarchy ranks the fleet's selection covers: what each decision's sweep walks.
    std::size_t selected_ranks() const { return many_to_one_.selected_ranks(); }

private:
    static constexpr std::uint32_t kNotSelected = UINT32_MAX;

    struct PlacedUnit {
        UnitPlacement where;
        std::uint32_t source = kNotSelected;  // index in the RPHAST selection
    };

    void place(const UnitSnapshot& unit, PlacedUnit& placed);
    void add_source(PlacedUnit& placed);
    TravelTime eta_of(const PlacedUnit& placed, const Snap& call_snap) const;

    RoutingIndex routing_;
    AssignmentOptions options_;
    ChOneToMany many_to_one_;
    std::vector<UnitSnapshot> units_;
    std::vector<PlacedUnit> placed_;
    std::vector<UnitSnapshot> previous_units_;  // the last selection, for reusing placements
    std::vector<PlacedUnit> previous_placed_;
    std::vector<NodeSeeds> sources_;
    std::vector<TravelTime> times_;
};

}  // namespace ems120::dispatch
