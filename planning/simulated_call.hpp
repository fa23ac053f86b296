#pragma once
// One emergency call as the simulator replays it: when and where the phone rang, how urgent it
// is, and the job's service times drawn once for it, so every policy and fleet compared on the
// same calls also gets the same turnout, time on scene and hospital handover.
#include <cstdint>
#include <limits>

#include "dispatch/call_priority.hpp"
#include "maps/lat_lon.hpp"

namespace ems120::planning {

inline constexpr std::uint32_t kNoPlace = std::numeric_limits<std::uint32_t>::max();

struct SimulatedCall {
    std::int64_t time_ms = 0;  // since the simulation's start (midnight of its first day)
    LatLon location;
    dispatch::CallPriority priority = dispatch::CallPriority::emergency;
    std::uint32_t place = kNoPlace;  // the place it is counted under in the report (nearest one)

    std::int64_t turnout_ms = 0;
    std::int64_t on_scene_ms = 0;
    bool transport = false;  // to the nearest hospital, then handover
    std::int64_t handover_ms = 0;
};

}  // namespace ems120::planning
