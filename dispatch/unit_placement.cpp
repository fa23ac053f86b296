#include "dispatch/unit_placement.hpp"

namespace ems120::dispatch {

UnitPlacement place_unit(const RoutingIndex& routing, const UnitSnapshot& unit, const AssignmentOptions& options) {
    UnitPlacement placed;
    if (!unit.position || !is_valid_lat_lon(unit.position->location)) return placed;
    placed.snap = routing.segments->nearest(unit.position->location);
    placed.on_network = placed.snap.found() && placed.snap.distance_m <= options.unit_max_snap_m;
    if (!placed.on_network) return placed;
    placed.directions = leaving_directions(*routing.graph, placed.snap, *unit.position, options);
    placed.departures = departures_toward(*routing.graph, placed.snap, placed.directions);
    return placed;
}

bool placed_alike(const UnitSnapshot& a, const UnitSnapshot& b) {
    if (a.position.has_value() != b.position.has_value()) return false;
    if (!a.position) return true;
    const UnitPosition& x = *a.position;
    const UnitPosition& y = *b.position;
    return x.location.lat == y.location.lat && x.location.lon == y.location.lon && x.speed_mps == y.speed_mps &&
           x.heading_deg == y.heading_deg;
}

bool places_alike(const AssignmentOptions& a, const AssignmentOptions& b) {
    return a.unit_max_snap_m == b.unit_max_snap_m && a.heading_aware == b.heading_aware &&
           a.moving_speed_mps == b.moving_speed_mps && a.heading_match_deg == b.heading_match_deg;
}

}  // namespace ems120::dispatch
