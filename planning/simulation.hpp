#pragma once
// The discrete-event simulator: a fleet answering a sequence of calls in virtual time (integer
// ms, events in a priority queue), deciding every call with the live dispatcher's own policy —
// dispatch::AssignmentQuery for who goes, dispatch::MoveUpQuery for where idle units wait,
// dispatch::served_before for which waiting call a freed unit takes — over the same routing
// indexes (lights and sirens for critical and emergency calls).
//
//   SimulationSetup setup{modes, normal, options, &hospitals, &move_up_index, days * kDayMs};
//   SimulationResult r = simulate(setup, fleet, calls);
//
// A job: order → turnout (only for a unit waiting at its station; a unit already on the road
// turns at once) → drive to the scene (the policy's ETA) → on scene → for a transported patient
// the drive to the nearest hospital by drive time and the handover → free, driving back to its
// home station. A unit driving to a less urgent call may be diverted when the policy's diversion
// rule allows; that call then waits again. Calls no unit can take wait, and each freed unit goes
// to the most urgent, then oldest of them.
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "dispatch/assignment_options.hpp"
#include "dispatch/hospital_directory.hpp"
#include "dispatch/move_up.hpp"
#include "dispatch/travel_modes.hpp"
#include "planning/simulated_call.hpp"
#include "planning/simulation_fleet.hpp"

namespace ems120::planning {

inline constexpr std::int64_t kDayMs = 86'400'000;
inline constexpr std::uint32_t kNoUnitSent = std::numeric_limits<std::uint32_t>::max();

struct SimulationSetup {
    dispatch::TravelModes modes;     // the policy's road network per call priority
    dispatch::RoutingIndex normal;   // drives that are not to a call: hospital, home, move-ups
    dispatch::AssignmentOptions assignment;
    const dispatch::HospitalDirectory* hospitals = nullptr;  // over `normal`; null or empty: no transports
    const dispatch::MoveUpIndex* move_up = nullptr;          // null: nearest unit only
    std::int64_t horizon_ms = kDayMs;                       // utilisation is measured over [0, horizon)
};

struct CallResult {
    std::uint32_t unit = kNoUnitSent;  // index into the fleet of the unit that went (last order)
    std::int64_t dispatch_ms = -1;     // call to the order of that unit; -1: no unit was sent
    std::int64_t response_ms = -1;     // call to on scene; -1: never reached
    bool queued = false;               // no unit could take it when it came in
};

struct UnitResult {
    std::uint32_t calls = 0;       // scenes reached
    std::int64_t busy_ms = 0;      // from an order to free again, while on duty within the horizon
    std::int64_t duty_ms = 0;      // on duty within the horizon
};

struct SimulationResult {
    std::vector<CallResult> calls;  // same order as the calls given
    std::vector<UnitResult> units;  // same order as the fleet
    std::uint64_t decisions = 0;    // assignment policy calls
    std::uint32_t diversions = 0;
    std::uint32_t move_ups = 0;
};

// `calls` in time order. Throws std::invalid_argument for calls out of order.
SimulationResult simulate(const SimulationSetup& setup, std::span<const FleetUnit> fleet, std::span<const SimulatedCall> calls);

}  // namespace ems120::planning
