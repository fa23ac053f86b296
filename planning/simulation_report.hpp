#pragma once
// What a planner reads from simulated days: per run (a policy with a fleet) the response-time
// distribution, the share within the limit overall and per place, how fast calls got a unit,
// how busy the units were; as a side-by-side table, one JSON object (`--json`, read by the
// report tool) and one CSV row per call (`--csv`). Shapes: docs/planning.md "Simulation".
#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "maps/map_point.hpp"
#include "planning/simulated_call.hpp"
#include "planning/simulation.hpp"

namespace ems120::planning {

inline constexpr std::size_t kHistogramMinutes = 60;  // bins 0-1 .. 59-60 minutes, then >= 60

struct PlaceSummary {
    std::uint32_t place = 0;
    std::uint32_t calls = 0;
    std::optional<double> response_median_min;  // none: no call there was reached
    double within_limit_share = 0.0;
};

struct UnitSummary {
    std::string id, station;
    std::uint32_t calls = 0;
    double utilisation = 0.0;  // busy / on duty, within the horizon
};

struct RunSummary {
    std::string name;    // "current fleet, nearest unit"
    std::string policy;  // "nearest" | "move-up"
    std::string fleet;   // "current" | "with proposed sites"
    std::uint32_t units = 0, calls = 0, reached = 0, queued_calls = 0;
    std::optional<double> response_median_min, response_p90_min;  // none: no call reached
    double within_limit_share = 0.0;             // of all calls (a call never reached is not within)
    double dispatched_within_3_min_share = 0.0;  // of all calls
    double mean_utilisation = 0.0;
    std::uint32_t diversions = 0, move_ups = 0;
    std::array<std::uint32_t, kHistogramMinutes + 1> response_histogram_min{};
    std::vector<PlaceSummary> per_place;  // places with at least one call, in place order
    std::vector<UnitSummary> per_unit;
};

RunSummary summarize_run(std::string name, std::string policy, std::string fleet_name, const SimulationResult& result,
                         std::span<const FleetUnit> fleet, std::span<const SimulatedCall> calls, std::int64_t limit_ms);

struct SimulationReport {
    std::string map;
    std::uint32_t days = 0;
    std::uint64_t seed = 0;
    double limit_min = 15;
    std::vector<MapPoint> places;  // what per_place indexes
    std::string calls_origin;      // "40 calls a day, typical daily pattern" / "replayed from FILE"
    std::vector<RunSummary> runs;
    std::vector<std::string> notes;
};

void print_simulation_report(std::ostream& out, const SimulationReport& report);
std::string simulation_json(const SimulationReport& report);

// One row per call and run: run,call,time,lat,lon,priority,unit,dispatch_s,response_s (time in
// seconds since the start; unit, dispatch_s and response_s empty when none).
struct CsvRun {
    const RunSummary* summary;
    const SimulationResult* result;
    std::span<const FleetUnit> fleet;
};
std::string simulation_csv(std::span<const CsvRun> runs, std::span<const SimulatedCall> calls);

}  // namespace ems120::planning
