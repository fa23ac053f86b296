#pragma once
// Shared by the live coverage and move-up tests: the bundled Andorra map as a routing index, units
// at chosen road points, and an independent answer from plain multi-source Dijkstra.
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "dispatch/assignment_input.hpp"
#include "dispatch/travel_modes.hpp"
#include "routing/multi_source_dijkstra.hpp"
#include "tests/routing/andorra_fixture.hpp"

namespace ems120::test {

inline dispatch::RoutingIndex andorra_routing() {
    const AndorraMap& a = andorra();
    return {&a.map.graph, &a.ch, &a.index};
}

// A stopped unit (no heading) at `at`.
inline dispatch::UnitSnapshot parked_unit(const std::string& id, LatLon at) {
    dispatch::UnitSnapshot u;
    u.id = {id};
    u.availability = dispatch::UnitAvailability::available();
    u.position = dispatch::UnitPosition{at, std::nullopt, std::nullopt, 0};
    return u;
}

// The point `fraction` of the way along a random segment: units part-way along roads.
inline LatLon random_road_point(const RoadGraph& g, std::mt19937& rng) {
    std::uniform_int_distribution<std::uint32_t> segment(0, static_cast<std::uint32_t>(g.segments.size() - 1));
    std::uniform_real_distribution<double> fraction(0.1, 0.9);
    const RoadSegment& s = g.segments[segment(rng)];
    const double f = fraction(rng);
    const LatLon a = g.at(s.a), b = g.at(s.b);
    return {a.lat + f * (b.lat - a.lat), a.lon + f * (b.lon - a.lon)};
}

// Stopped units at random road points.
inline std::vector<dispatch::UnitSnapshot> random_parked_units(std::size_t count, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<dispatch::UnitSnapshot> units;
    for (std::size_t i = 0; i < count; ++i) {
        std::string id = "U";  // not "U" + std::to_string(i): GCC 12 warns falsely (-Wrestrict) about that
        id += std::to_string(i);
        units.push_back(parked_unit(id, random_road_point(andorra().map.graph, rng)));
    }
    return units;
}

// Independent answer for stopped units: snap each, seed both directions (departures_from),
// multi-source Dijkstra on the road graph, then reach_point for the place.
inline std::vector<Reach> dijkstra_reach(const std::vector<dispatch::UnitSnapshot>& units,
                                         const std::vector<MapPoint>& places) {
    const AndorraMap& a = andorra();
    std::vector<Snap> snaps;
    for (const auto& u : units) snaps.push_back(a.index.nearest(u.position->location));
    MultiSourceDijkstra search(a.map.graph);
    search.run(seeds_for(a.map.graph, snaps));
    std::vector<Reach> out;
    for (const auto& p : places) out.push_back(reach_point(search, a.map.graph, a.index.nearest(p.location), snaps));
    return out;
}

}  // namespace ems120::test
