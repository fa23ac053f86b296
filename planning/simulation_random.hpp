#pragma once
// The simulator's random numbers: std::mt19937_64 (its output is fixed by the C++ standard) and
// distributions written out here from uniform draws, because the standard library's
// distributions differ between implementations. The same seed gives the same simulated days on
// every compiler and machine.
#include <cstdint>
#include <random>
#include <span>

namespace ems120::planning {

class SimulationRandom {
public:
    explicit SimulationRandom(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, 1), from the top 53 bits of one draw.
    double uniform();
    // Exponential with the given mean (> 0), by inversion.
    double exponential(double mean);
    // Standard normal, Box–Muller (two uniform draws, one value).
    double standard_normal();
    // An index drawn with probability proportional to its weight; `cumulative` holds the running
    // sums of the weights (ascending, last one > 0).
    std::size_t pick(std::span<const double> cumulative);

private:
    std::mt19937_64 engine_;
};

}  // namespace ems120::planning
