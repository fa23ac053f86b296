#pragma once
// Every map-reading index in dispatch/ takes a RoutingIndex; this is their one check that its
// graph, hierarchy and snapping index are all there and belong together.
#include "dispatch/travel_modes.hpp"

namespace ems120::dispatch {

// Returns `routing`; throws std::invalid_argument naming `who` otherwise.
const RoutingIndex& checked_routing_index(const RoutingIndex& routing, const char* who);

}  // namespace ems120::dispatch
