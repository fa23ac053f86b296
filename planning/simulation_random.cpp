#include "planning/simulation_random.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ems120::planning {

double SimulationRandom::uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double SimulationRandom::exponential(double mean) { return -mean * std::log1p(-uniform()); }

double SimulationRandom::standard_normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]: the logarithm stays finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::size_t SimulationRandom::pick(std::span<const double> cumulative) {
    const double target = uniform() * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), target);
    return std::min(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

}  // namespace ems120::planning
