#pragma once
// Which road network answers a call of each priority: the normal ambulance profile, or for
// critical and emergency calls a lights-and-sirens one (dispatch/lights_and_sirens_profile).
// A routing index is one mode's graph, hierarchy and snapping index, built once and shared
// read-only; the dispatcher keeps one AssignmentQuery per index it uses.
#include <array>

#include "dispatch/call_priority.hpp"
#include "maps/road_graph.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/segment_index.hpp"

namespace ems120::dispatch {

struct RoutingIndex {
    const RoadGraph* graph = nullptr;
    const ContractionHierarchy* ch = nullptr;
    const SegmentIndex* segments = nullptr;  // built over *graph
};

struct TravelModes {
    std::array<RoutingIndex, kCallPriorityCount> by_priority{};

    const RoutingIndex& for_priority(CallPriority p) const { return by_priority[index_of(p)]; }

    static TravelModes one_for_all(const RoutingIndex& index) {
        TravelModes modes;
        modes.by_priority.fill(index);
        return modes;
    }
    // Lights and sirens for critical and emergency calls, the normal profile for the rest.
    static TravelModes with_lights_and_sirens(const RoutingIndex& normal, const RoutingIndex& lights_and_sirens) {
        TravelModes modes = one_for_all(normal);
        modes.by_priority[index_of(CallPriority::critical)] = lights_and_sirens;
        modes.by_priority[index_of(CallPriority::emergency)] = lights_and_sirens;
        return modes;
    }
};

}  // namespace ems120::dispatch
