#pragma once
// The dispatcher's maps: the normal ambulance graph and, for critical and emergency calls, the
// lights-and-sirens graph built from the same file (each cached under its own name), with the
// dispatch center's routing indexes over them.
#include <memory>

#include "cli/map_session.hpp"
#include "dispatch/travel_modes.hpp"

namespace ems120::cli {

struct CenterMaps {
    std::unique_ptr<LoadedMap> normal;
    std::unique_ptr<LoadedMap> sirens;  // null: one graph for every priority

    dispatch::RoutingIndex normal_index() const { return index_of(*normal); }
    dispatch::TravelModes modes() const;

    static dispatch::RoutingIndex index_of(const LoadedMap& m) { return {&m.map.graph, &m.ch, &m.index}; }
};

CenterMaps load_center_maps(const MapOptions& options, bool lights_and_sirens);

}  // namespace ems120::cli
