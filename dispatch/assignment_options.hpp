#pragma once
// The assignment policy's settings, one struct so a center's configuration and a planner's
// "what if" both flow in the same way. Defaults are the county 120 network's rules.
#include <array>

#include "dispatch/call_priority.hpp"
#include "maps/road_graph.hpp"
#include "protocol/messages.hpp"

namespace ems120::dispatch {

// Which units already driving to a call may be turned round for a new one: allowed[new call's
// priority][priority of the call the unit is driving to]. Only ever for a strictly more urgent
// new call, whatever the table says: a unit is never taken from an equally urgent patient.
struct DiversionRule {
    std::array<std::array<bool, kCallPriorityCount>, kCallPriorityCount> allowed{};

    bool allows(CallPriority new_call, CallPriority current_call) const {
        return more_urgent(new_call, current_call) && allowed[index_of(new_call)][index_of(current_call)];
    }

    static DiversionRule never() { return {}; }
    // The default: a critical call may take a unit driving to an urgent or non-urgent one.
    static DiversionRule critical_from_urgent_or_lower() {
        DiversionRule rule;
        rule.allowed[index_of(CallPriority::critical)][index_of(CallPriority::urgent)] = true;
        rule.allowed[index_of(CallPriority::critical)][index_of(CallPriority::non_urgent)] = true;
        return rule;
    }
    static DiversionRule from_any_lower_priority() {
        DiversionRule rule;
        for (auto& row : rule.allowed) row.fill(true);
        return rule;  // allows() still requires the new call to be more urgent
    }
};

struct AssignmentOptions {
    DiversionRule diversion = DiversionRule::critical_from_urgent_or_lower();

    // A unit without a fix for longer than this is stale: still ranked from its last known
    // position (it is probably near there), and marked so the dispatcher can confirm by radio.
    protocol::UnixMillis stale_after_ms = 120'000;

    // The promise to patients: a best ETA above it is still proposed, flagged outside.
    TravelTime response_radius_ms = 15 * 60'000;

    // Heading awareness: a unit moving faster than this with a known heading leaves its road in
    // its direction of travel only (a U-turn on a busy road is not where an ETA should start). A
    // heading within `heading_match_deg` of neither direction (crossing the road, turning at a
    // junction) decides nothing, and the unit may leave either way, as a stopped one may.
    bool heading_aware = true;
    double moving_speed_mps = 3.0;
    double heading_match_deg = 60.0;

    // A unit's fix farther than this from every road is not on the network (a depot yard, a
    // ferry, a bad fix) and is not ranked. A call may be farther from the road, as a house up a
    // footpath is; beyond its limit the call cannot be reached by road at all.
    double unit_max_snap_m = 500.0;
    double call_max_snap_m = 2000.0;
};

}  // namespace ems120::dispatch
