#pragma once
// The road path an order carries to the crew: from where the unit was when the center offered it
// the call to the patient, by the routing index, placement and direction of travel the assignment
// policy used (dispatch/unit_placement), so its drive time is the offer's ETA. Simplified to
// within kOfferRouteToleranceM and put on the wire's micro-degree grid, so the order, the journal
// and the incident JSON hold the very same points.
//
//   OfferRouter router(modes.for_priority(call.priority), options);  // one per routing index
//   if (auto r = router.route(unit_snapshot, call.location)) ... r->path, r->time, r->length_m
#include <cstdint>
#include <optional>
#include <vector>

#include "dispatch/assignment_input.hpp"
#include "dispatch/assignment_options.hpp"
#include "dispatch/travel_modes.hpp"
#include "routing/ch_query.hpp"

namespace ems120::dispatch {

inline constexpr double kOfferRouteToleranceM = 5.0;

struct OfferRoute {
    std::vector<LatLon> path;  // snapped unit position first, snapped call location last
    TravelTime time = kUnreachable;
    std::uint32_t length_m = 0;  // along the road, before simplification
};

class OfferRouter {
public:
    // The index must outlive the router; throws std::invalid_argument when its parts do not
    // belong to one graph.
    OfferRouter(const RoutingIndex& routing, const AssignmentOptions& options);

    // None when the unit has no usable position, the call is off the road network, or no road
    // leads there. A route too big for an order (protocol kMaxRouteBytes / kMaxRoutePoints) is
    // simplified harder until it fits.
    std::optional<OfferRoute> route(const UnitSnapshot& unit, LatLon call);

private:
    RoutingIndex routing_;
    AssignmentOptions options_;
    ChQuery query_;
};

}  // namespace ems120::dispatch
