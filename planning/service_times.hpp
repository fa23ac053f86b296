#pragma once
// How long an ambulance job takes besides driving: turnout (crew to wheels rolling), time on
// scene, handover at the hospital, and how many patients are taken to hospital at all. Each time
// is a distribution a planner can set from the center's records (`--times FILE`, JSON):
//
//   {"turnout_s":  {"dist": "lognormal", "median": 60, "p90": 120},
//    "on_scene_s": {"dist": "lognormal", "median": 900, "p90": 1800},
//    "handover_s": {"dist": "exponential", "mean": 900},
//    "transport_share": 0.7}
//
// "fixed" takes "value" (a bare number means the same); every key is optional (defaults below).
#include <cstdint>
#include <string>

#include "planning/simulation_random.hpp"

namespace ems120::planning {

struct TimeDistribution {
    enum class Kind : std::uint8_t { fixed, lognormal, exponential };
    Kind kind = Kind::fixed;
    double median_s = 0.0;  // fixed: the value; lognormal: the median; exponential: the mean
    double p90_s = 0.0;     // lognormal only

    static TimeDistribution fixed(double seconds) { return {Kind::fixed, seconds, seconds}; }
    static TimeDistribution lognormal(double median_s, double p90_s) { return {Kind::lognormal, median_s, p90_s}; }
    static TimeDistribution exponential(double mean_s) { return {Kind::exponential, mean_s, 0.0}; }

    // Whole milliseconds, at most one day (a tail draw beyond that is a day).
    std::int64_t draw_ms(SimulationRandom& random) const;
};

struct ServiceTimes {
    TimeDistribution turnout = TimeDistribution::lognormal(60, 120);
    TimeDistribution on_scene = TimeDistribution::lognormal(15 * 60, 30 * 60);
    TimeDistribution handover = TimeDistribution::lognormal(15 * 60, 30 * 60);
    double transport_share = 0.7;  // of patients taken to hospital; the rest are treated on scene
};

// Throws InputError naming the file and the key for unreadable JSON, an unknown key or
// distribution, a missing or negative parameter, p90 below the median, or a share outside [0, 1].
ServiceTimes read_service_times(const std::string& path);

}  // namespace ems120::planning
