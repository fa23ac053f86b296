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

namespace ems120::planning {

struct CallHistory {
    std::vector<SimulatedCall> calls;  // by time; service times not drawn yet
    std::int64_t start_unix_ms = 0;    // the simulated clock's 0
    std::uint32_t days = 0;            // whole days from the start that hold every call
};

// Throws InputError naming the file and line for a missing column, a bad time, coordinate or
// priority, or a file without calls.
CallHistory read_call_history(const std::string& path);

}  // namespace ems120::planning
