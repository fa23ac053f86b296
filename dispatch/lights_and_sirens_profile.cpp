#include "dispatch/lights_and_sirens_profile.hpp"

#include <algorithm>
#include <cmath>

#include "maps/input_error.hpp"

namespace ems120::dispatch {

namespace {

constexpr double kMinFactor = 1.0, kMaxFactor = 3.0;
constexpr int kMaxClassSpeedKmh = 200;  // what load_road_profile accepts for a class

double checked(const std::string& what, double factor) {
    if (!(factor >= kMinFactor && factor <= kMaxFactor))
        throw InputError("lights-and-sirens speed factor for " + what + " is " + std::to_string(factor) +
                         ", not in [1, 3]");
    return factor;
}

}  // namespace

RoadProfile lights_and_sirens_profile(const RoadProfile& base, const SirenSpeedFactors& factors) {
    const double other = checked("other classes", factors.other_classes);
    std::vector<double> factor_of(base.classes.size(), other);
    for (const auto& [highway, factor] : factors.by_class) {
        const auto it = std::find_if(base.classes.begin(), base.classes.end(),
                                     [&](const RoadClassSpeed& c) { return c.highway == highway; });
        if (it == base.classes.end())
            throw InputError("lights-and-sirens speed factor for highway=" + highway +
                             ", a class the base profile does not have");
        factor_of[static_cast<std::size_t>(it - base.classes.begin())] = checked("highway=" + highway, factor);
    }
    RoadProfile faster = base;
    for (std::size_t i = 0; i < faster.classes.size(); ++i) {
        int& kmh = faster.classes[i].speed_kmh;
        // A class the base does not drive (0 km/h) stays undriven.
        kmh = std::min(kMaxClassSpeedKmh, static_cast<int>(std::lround(kmh * factor_of[i])));
    }
    return faster;
}

}  // namespace ems120::dispatch
