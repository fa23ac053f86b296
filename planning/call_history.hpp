#pragma once
// Replaying last year's calls: a CSV with the header `time,lat,lon,priority` (more columns are
// ignored). time: RFC 3339 with a zone (2024-05-01T08:30:00+08:00) or Unix seconds; priority:
// critical | emergency | urgent | non_urgent, or 1..4 (1 most urgent).
//
// The simulated clock starts at local midnight before the earliest call, "local" being the zone
// of the file's first time (UTC for Unix seconds), so shifts like 08:00-20:00 mean the county's
// wall clock.
#include <cstdint>
#include <string>
#include <vector>

#include "planning/simulated_call.hpp"
#include "routing/segment_index.hpp"

namespace ems120::planning {

struct CallHistory {
    std::vector<SimulatedCall> calls;  // by time; service times not drawn yet
    std::vector<int> lines;            // each call's line in the file, for error messages
    std::int64_t start_unix_ms = 0;    // the simulated clock's 0
    std::uint32_t days = 0;            // whole days from the start that hold every call
};

// Throws InputError naming the file and line for a missing column, a bad time, coordinate or
// priority, or a file without calls.
CallHistory read_call_history(const std::string& path);

// Throws InputError naming the file and line of the first call farther than `max_snap_m` from
// every road (a call from outside the map, or latitude and longitude swapped): it could never be
// reached, and would count as a failure of the fleet.
void check_calls_on_map(const CallHistory& history, const std::string& path, const SegmentIndex& roads, double max_snap_m);

}  // namespace ems120::planning
