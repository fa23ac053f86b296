#pragma once
// The demo's callers: emergency calls as a Poisson process in simulated time, each at one of the
// map's places (weighted by population where the map knows it), with a priority drawn from a
// fixed mix and a complaint that fits it. A pure function of the seed: no clock, no I/O.
//
//   CallGenerator calls(places, 70, seed, start_ms);
//   for (DemoCall c = calls.next(); ; c = calls.next()) { wait until c.at_ms; post it }
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "maps/map_point.hpp"

namespace ems120::cli {

struct DemoCall {
    std::int64_t at_ms = 0;  // simulated unix time the phone rings
    int number = 0;          // 1, 2, ... in order
    MapPoint place;
    std::string priority;    // critical | emergency | urgent | non_urgent (the HTTP API's words)
    std::string complaint;
};

class CallGenerator {
public:
    // `places` must not be empty; `calls_per_hour` > 0, in simulated hours.
    CallGenerator(std::vector<MapPoint> places, double calls_per_hour, std::uint64_t seed, std::int64_t start_ms);

    DemoCall next();

private:
    std::vector<MapPoint> places_;
    std::mt19937_64 random_;
    std::exponential_distribution<double> gap_hours_;
    std::discrete_distribution<std::size_t> place_;
    double at_ms_;
    int number_ = 0;
};

}  // namespace ems120::cli
