// Douglas-Peucker on route geometry: the shape within the tolerance, ends kept, far fewer points.
#include <catch2/catch.hpp>

#include <cmath>

#include "maps/geodesy.hpp"
#include "routing/route_simplification.hpp"

using namespace ems120;

namespace {

// A point `north` and `east` metres from (42.5, 1.5).
LatLon at(double north, double east) { return {42.5 + north / 111'195.0, 1.5 + east / (111'195.0 * std::cos(42.5 * M_PI / 180))}; }

// Distance from p to the polyline, by sampling its pieces finely (independent of the code under test).
double distance_to_polyline_m(LatLon p, const std::vector<LatLon>& line) {
    double best = INFINITY;
    for (std::size_t i = 1; i < line.size(); ++i)
        for (int k = 0; k <= 200; ++k) {
            const double t = k / 200.0;
            const LatLon q{line[i - 1].lat + t * (line[i].lat - line[i - 1].lat), line[i - 1].lon + t * (line[i].lon - line[i - 1].lon)};
            best = std::min(best, geodesic_distance_m(p, q));
        }
    return best;
}

}  // namespace

TEST_CASE("a straight road of many nodes becomes its two ends", "[route-simplification]") {
    std::vector<LatLon> road;
    for (int i = 0; i <= 100; ++i) road.push_back(at(i * 10.0, i * 3.0));
    const auto simple = simplify_route(road, 5.0);
    REQUIRE(simple.size() == 2);
    CHECK(simple.front().lat == road.front().lat);
    CHECK(simple.back().lon == road.back().lon);
}

TEST_CASE("a corner is kept and wiggles under the tolerance are not", "[route-simplification]") {
    std::vector<LatLon> road;
    for (int i = 0; i <= 20; ++i) road.push_back(at(i * 20.0, (i % 2) * 2.0));  // 2 m wiggle north
    for (int i = 1; i <= 20; ++i) road.push_back(at(400.0 + (i % 2) * 2.0, i * 20.0));  // then east
    const auto simple = simplify_route(road, 5.0);
    REQUIRE(simple.size() == 3);
    CHECK(geodesic_distance_m(simple[1], at(400, 0)) < 3.0);
}

TEST_CASE("no dropped point lies farther than the tolerance from the simplified route", "[route-simplification]") {
    std::vector<LatLon> road;
    double north = 0, east = 0, course = 0;
    for (int i = 0; i < 2000; ++i) {
        road.push_back(at(north, east));
        course += std::sin(i / 11.0) * 0.25;
        north += 15 * std::cos(course);
        east += 15 * std::sin(course);
    }
    for (const double tolerance : {2.0, 5.0, 20.0}) {
        INFO("tolerance " << tolerance);
        const auto simple = simplify_route(road, tolerance);
        CHECK(simple.size() < road.size() / 2);
        double worst = 0;
        for (std::size_t i = 0; i < road.size(); i += 7) worst = std::max(worst, distance_to_polyline_m(road[i], simple));
        CHECK(worst <= tolerance * 1.01);
    }
    CHECK(simplify_route(std::vector<LatLon>{}, 5.0).empty());
    CHECK(simplify_route(std::vector<LatLon>{at(0, 0)}, 5.0).size() == 1);
}
