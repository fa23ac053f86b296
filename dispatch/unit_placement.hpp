#pragma once
// Where a unit stands on the road network, as every routing question about the fleet needs it:
// the road it was snapped onto, whether that snap is close enough to count, the directions it
// may leave in, and the exact partial-edge seeds of its drive. One function, shared by the
// assignment policy and the live coverage, so a unit is placed the same way for both.
#include "dispatch/assignment_input.hpp"
#include "dispatch/assignment_options.hpp"
#include "dispatch/travel_modes.hpp"
#include "dispatch/unit_departure.hpp"
#include "routing/route_endpoint.hpp"

namespace ems120::dispatch {

struct UnitPlacement {
    Snap snap;                      // the nearest road point, however far (none: no valid position)
    bool on_network = false;        // snapped within options.unit_max_snap_m
    LeavingDirections directions;   // meaningful only on the network
    NodeSeeds departures;           // empty unless on the network
};

// Snaps the unit's last fix (options.unit_max_snap_m) and keeps only its direction of travel when
// it moves (dispatch/unit_departure). A unit without a position, or with an invalid one, is off
// the network.
UnitPlacement place_unit(const RoutingIndex& routing, const UnitSnapshot& unit, const AssignmentOptions& options);

// Whether place_unit would place the two alike (same position, speed and heading: all it reads of
// a unit), so a caller placing the fleet again may keep a unit's placement: parked units never move.
bool placed_alike(const UnitSnapshot& a, const UnitSnapshot& b);

// Whether placements made under `a` hold under `b` (the same snapping limit and heading rules).
bool places_alike(const AssignmentOptions& a, const AssignmentOptions& b);

}  // namespace ems120::dispatch
