#pragma once
// Where and when calls come in on simulated days: a Poisson process per place, weighted by the
// place's population (1 without one), at `calls_per_day` modulated hour by hour by a daily
// pattern, with priorities drawn from a mix. Each call's service times are drawn right after it
// from the same stream, so one seed fixes the whole call sequence.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "maps/map_point.hpp"
#include "planning/service_times.hpp"
#include "planning/simulated_call.hpp"

namespace ems120::planning {

// 24 relative call rates, hour 0 (00:00–01:00) first; only their ratios matter.
struct DailyPattern {
    std::array<double, 24> factors{};

    // An EMS day: lowest around 04:00 (under half the mean), highest late morning to evening.
    static DailyPattern typical();
    static DailyPattern flat();
};

// Shares of critical, emergency, urgent and non-urgent calls (normalised to sum 1).
struct PriorityMix {
    std::array<double, dispatch::kCallPriorityCount> shares{0.10, 0.30, 0.40, 0.20};
};

// "c,e,u,n": four non-negative numbers, not all zero (shares or percentages). Throws UsageError
// naming --priority-mix otherwise.
PriorityMix parse_priority_mix(const std::string& text);

// "flat", "default", or a file of 24 non-negative numbers (separated by commas, blanks or line
// breaks; '#' starts a comment), not all zero. Throws InputError naming the file and the value.
DailyPattern read_daily_pattern(const std::string& text_or_path);

struct CallModel {
    double calls_per_day = 40.0;
    DailyPattern pattern = DailyPattern::typical();
    PriorityMix mix;
    ServiceTimes times;
};

// How likely each place is to call, shared by the simulator and `ems120 demo`: its population
// where the map has one; a place without one counts as the smallest known (a hamlet the mapper
// did not count is still somewhere people live), and with none known all are equal.
std::vector<double> call_weights(std::span<const MapPoint> places);

// Calls over `days` days from midnight of day 1, in time order. `places` must not be empty.
std::vector<SimulatedCall> generate_calls(std::span<const MapPoint> places, const CallModel& model, std::uint32_t days,
                                          SimulationRandom& random);

// Draws a call's turnout, time on scene, transport and handover (for replayed calls).
void draw_service_times(const ServiceTimes& times, SimulationRandom& random, SimulatedCall& call);

// The place nearest each call by air (for the per-place report of replayed calls).
void assign_nearest_places(std::span<const MapPoint> places, std::span<SimulatedCall> calls);

}  // namespace ems120::planning
