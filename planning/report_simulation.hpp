#pragma once
// The simulation results a report compares: the JSON `ems120 simulate --json` writes, one run
// per dispatch policy or fleet, each with its response-time figures and a 61-bin histogram.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ems120 {

struct SimulatedPlace {
    std::string name;
    double lat = 0.0, lon = 0.0;
    std::int64_t calls = 0;
    std::optional<double> response_median_min;  // null when no call there was reached
    std::optional<double> within_limit_share;
};

struct SimulatedUnit {
    std::string id;
    std::string station;
    std::int64_t calls = 0;
    double utilisation = 0.0;
};

struct SimulationRun {
    // Minutes 0-1 .. 59-60, then the calls answered in 60 minutes or more.
    static constexpr std::size_t kHistogramBins = 61;

    std::string name, policy, fleet;  // fleet as written (a number or a description)
    std::int64_t units = 0, calls = 0, reached = 0, queued_calls = 0;
    std::optional<double> response_median_min, response_p90_min;  // null when no call was reached
    double within_limit_share = 0.0, dispatched_within_3_min_share = 0.0, mean_utilisation = 0.0;
    std::array<std::int64_t, kHistogramBins> response_histogram_min{};
    std::vector<SimulatedPlace> per_place;
    std::vector<SimulatedUnit> per_unit;
};

struct SimulationFile {
    std::string map;
    double days = 0.0;
    std::string seed;  // as written: a 64-bit seed need not fit a signed integer
    double limit_min = 0.0;
    std::vector<SimulationRun> runs;  // at least one
};

// Throws InputError naming the file and the field ("runs[0].calls: missing") for a missing or
// ill-typed field, a share outside [0, 1], a histogram without 61 counts, or no runs.
SimulationFile parse_simulation_json(const std::string& text, const std::string& path);
SimulationFile read_simulation_file(const std::string& path);

}  // namespace ems120
