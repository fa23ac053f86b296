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

}  // namespace ems120::dispatch
