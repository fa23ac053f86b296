#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <random>

#include "maps/geodesy.hpp"

using namespace ems120;

TEST_CASE("road segment lengths equal GeographicLib's WGS84 geodesic to a hundredth of a millimetre") {
    std::mt19937 rng(15);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (const double span_deg : {0.0001, 0.001, 0.01, 0.04, 0.1, 1.0}) {
        double worst = 0.0;
        for (int i = 0; i < 5000; ++i) {
            const LatLon a{-85.0 + 170.0 * unit(rng), -180.0 + 360.0 * unit(rng)};
            const LatLon b{std::clamp(a.lat + (unit(rng) - 0.5) * span_deg, -89.9, 89.9),
                           a.lon + (unit(rng) - 0.5) * span_deg};
            const double exact = geodesic_distance_m(a, b);
            worst = std::max(worst, std::fabs(segment_length_m(a, to_ecef(a), b, to_ecef(b)) - exact));
        }
        INFO("segments spanning up to " << span_deg << " degrees");
        CHECK(worst < 1e-5);
    }
}

TEST_CASE("a thousandth of a degree of longitude on the equator is 111.319 m") {
    const LatLon a{0.0, 0.0}, b{0.0, 0.001};
    CHECK(geodesic_distance_m(a, b) == Approx(111.31949).epsilon(1e-7));
    CHECK(segment_length_m(a, to_ecef(a), b, to_ecef(b)) == Approx(111.31949).epsilon(1e-7));
}
