#pragma once
// The simulator's tests share the bundled Andorra map and a way to ask the CH directly for the
// drive time the simulator should have used (one-to-one, independent of the policy's RPHAST).
#include <algorithm>

#include "dispatch/travel_modes.hpp"
#include "planning/simulated_call.hpp"
#include "planning/simulation.hpp"
#include "routing/ch_query.hpp"
#include "routing/route_endpoint.hpp"
#include "tests/routing/andorra_fixture.hpp"

namespace ems120::test {

inline dispatch::RoutingIndex andorra_index() {
    const AndorraMap& a = andorra();
    return {&a.map.graph, &a.ch, &a.index};
}

// Points of Andorra's main towns, on or near their main road.
inline constexpr LatLon kAndorraLaVella{42.5063, 1.5218};
inline constexpr LatLon kEscaldes{42.5097, 1.5386};
inline constexpr LatLon kSantJulia{42.4636, 1.4914};
inline constexpr LatLon kEncamp{42.5347, 1.5800};
inline constexpr LatLon kCanillo{42.5667, 1.5976};

// CH point-to-point time between two points, both left / reached in any direction the roads allow.
inline TravelTime ch_drive_time(LatLon from, LatLon to) {
    const AndorraMap& a = andorra();
    const Snap s = a.index.nearest(from);
    const Snap t = a.index.nearest(to);
    ChQuery query(a.map.graph, a.ch);
    const NodeSeeds sources = departures_from(a.map.graph, s);
    const NodeSeeds targets = arrivals_at(a.map.graph, t);
    TravelTime time = query.shortest_time({sources.begin(), sources.end()}, {targets.begin(), targets.end()});
    if (const auto direct = along_same_segment(a.map.graph, s, t)) time = std::min(time, *direct);
    return time;
}

inline planning::SimulatedCall call_at(std::int64_t time_ms, LatLon where, dispatch::CallPriority priority,
                                       std::int64_t turnout_ms = 60'000, std::int64_t on_scene_ms = 600'000) {
    planning::SimulatedCall c;
    c.time_ms = time_ms;
    c.location = where;
    c.priority = priority;
    c.turnout_ms = turnout_ms;
    c.on_scene_ms = on_scene_ms;
    return c;
}

inline planning::SimulationSetup andorra_setup(std::int64_t horizon_ms = planning::kDayMs) {
    planning::SimulationSetup setup;
    setup.modes = dispatch::TravelModes::one_for_all(andorra_index());
    setup.normal = andorra_index();
    setup.horizon_ms = horizon_ms;
    return setup;
}

}  // namespace ems120::test
