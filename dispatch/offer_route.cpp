#include "dispatch/offer_route.hpp"

#include <cmath>

#include "dispatch/routing_index_check.hpp"
#include "dispatch/unit_placement.hpp"
#include "protocol/codec.hpp"
#include "protocol/route_polyline.hpp"
#include "routing/route_simplification.hpp"

namespace ems120::dispatch {

OfferRouter::OfferRouter(const RoutingIndex& routing, const AssignmentOptions& options)
    : routing_(checked_routing_index(routing, "OfferRouter")), options_(options), query_(*routing.graph, *routing.ch) {}

std::optional<OfferRoute> OfferRouter::route(const UnitSnapshot& unit, LatLon call) {
    const UnitPlacement placed = place_unit(routing_, unit, options_);
    if (!placed.on_network || !is_valid_lat_lon(call)) return std::nullopt;
    const Snap call_snap = routing_.segments->nearest(call);
    if (!call_snap.found() || call_snap.distance_m > options_.call_max_snap_m) return std::nullopt;
    // Straight along the shared road only in a direction the unit may leave in, as the policy's ETA.
    const bool direct = along_segment_toward(*routing_.graph, placed.snap, placed.directions, call_snap).has_value();
    const Route r = query_.route(placed.snap, {placed.departures.begin(), placed.departures.end()}, call_snap, direct);
    if (!r.found) return std::nullopt;

    OfferRoute out;
    out.time = r.time;
    out.length_m = static_cast<std::uint32_t>(std::lround(r.length_m));
    for (double tolerance = kOfferRouteToleranceM;; tolerance *= 2) {
        out.path = simplify_route(r.geometry, tolerance);
        for (LatLon& p : out.path) p = protocol::to_micro_degrees(p);
        if (out.path.size() <= protocol::kMaxRoutePoints && protocol::encode_polyline6(out.path).size() <= protocol::kMaxRouteBytes)
            break;
    }
    return out;
}

}  // namespace ems120::dispatch
