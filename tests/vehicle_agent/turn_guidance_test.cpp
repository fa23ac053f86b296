// Turn-by-turn guidance from nothing but an order's route and the unit's GPS fix.
#include <catch2/catch.hpp>

#include <cmath>

#include "vehicle_agent/spherical_earth.hpp"
#include "vehicle_agent/turn_guidance.hpp"

using namespace ems120;
using namespace ems120::agent;

namespace {

const LatLon kOrigin{42.5, 1.5};

// A point `north` and `east` metres from the origin.
LatLon at(double north, double east) { return offset_m(kOrigin, north, east); }

// North 500 m, then the given course change for 400 m more.
std::vector<LatLon> corner(double turn_deg) {
    const double course = turn_deg * M_PI / 180;
    return {at(0, 0), at(500, 0), at(500 + 400 * std::cos(course), 400 * std::sin(course))};
}

TurnInstruction guidance_at(const std::vector<LatLon>& route, LatLon here) {
    const auto progress = progress_on_route(route, here);
    REQUIRE(progress);
    return next_turn(route, *progress);
}

}  // namespace

TEST_CASE("a right-angle corner ahead is 'in 350 m turn right', and a left one 'turn left'", "[turn-guidance]") {
    const auto right = guidance_at(corner(90), at(150, 3));
    CHECK(right.manoeuvre == Manoeuvre::turn_right);
    CHECK(right.distance_m == Approx(350).margin(2));
    CHECK(describe(right) == "in 350 m turn right");
    const auto left = guidance_at(corner(-90), at(150, -3));
    CHECK(left.manoeuvre == Manoeuvre::turn_left);
    CHECK(describe(left) == "in 350 m turn left");
}

TEST_CASE("the size of the bend names the manoeuvre, by the documented thresholds", "[turn-guidance]") {
    CHECK(guidance_at(corner(10), at(0, 0)).manoeuvre == Manoeuvre::arrive);  // straight on: the next thing is arriving
    CHECK(guidance_at(corner(30), at(0, 0)).manoeuvre == Manoeuvre::keep_right);
    CHECK(guidance_at(corner(-30), at(0, 0)).manoeuvre == Manoeuvre::keep_left);
    CHECK(guidance_at(corner(100), at(0, 0)).manoeuvre == Manoeuvre::turn_right);
    CHECK(guidance_at(corner(140), at(0, 0)).manoeuvre == Manoeuvre::sharp_right);
    CHECK(guidance_at(corner(-140), at(0, 0)).manoeuvre == Manoeuvre::sharp_left);
    CHECK(guidance_at(corner(178), at(0, 0)).manoeuvre == Manoeuvre::u_turn);
    CHECK(describe(Manoeuvre::u_turn) == "make a U-turn");
    CHECK_FALSE(manoeuvre_for(19.9));
    CHECK(manoeuvre_for(20.0) == Manoeuvre::keep_right);
    CHECK(manoeuvre_for(-45.0) == Manoeuvre::turn_left);
    CHECK(manoeuvre_for(-120.0) == Manoeuvre::sharp_left);
    CHECK(manoeuvre_for(165.0) == Manoeuvre::u_turn);
    CHECK(manoeuvre_for(-180.0) == Manoeuvre::u_turn);
}

TEST_CASE("a straight road says how far to arrive, and at the end that the unit arrived", "[turn-guidance]") {
    const std::vector<LatLon> road{at(0, 0), at(300, 0), at(600, 1), at(1200, 0)};
    const auto on_the_way = guidance_at(road, at(100, 0));
    CHECK(on_the_way.manoeuvre == Manoeuvre::arrive);
    CHECK(describe(on_the_way) == "in 1.1 km arrive at destination");
    CHECK(describe(guidance_at(road, at(1195, 2))) == "arrived at destination");
}

TEST_CASE("a turn drawn with several close vertices is one manoeuvre, a long gentle curve none", "[turn-guidance]") {
    // A right turn rounded over 10 m by three vertices.
    const std::vector<LatLon> rounded{at(0, 0), at(495, 0), at(499, 1), at(500, 5), at(500, 400)};
    const auto t = guidance_at(rounded, at(100, 0));
    CHECK(t.manoeuvre == Manoeuvre::turn_right);
    CHECK(t.distance_m == Approx(400).margin(6));
    // A 1 km arc bending 60 degrees in total, a vertex every 50 m (6 degrees each).
    std::vector<LatLon> arc{at(0, 0)};
    double north = 0, east = 0;
    for (int i = 1; i <= 20; ++i) {
        const double course = 3.0 * i * M_PI / 180;
        north += 50 * std::cos(course), east += 50 * std::sin(course);
        arc.push_back(at(north, east));
    }
    CHECK(guidance_at(arc, at(0, 0)).manoeuvre == Manoeuvre::arrive);
}

TEST_CASE("after passing a turn, guidance moves on to the next one", "[turn-guidance]") {
    // North 300, east 300 (right), north 300 (left).
    const std::vector<LatLon> route{at(0, 0), at(300, 0), at(300, 300), at(600, 300)};
    CHECK(describe(guidance_at(route, at(50, 0))) == "in 250 m turn right");
    CHECK(describe(guidance_at(route, at(300, 80))) == "in 200 m turn left");
    CHECK(describe(guidance_at(route, at(295, 0))) == "turn right now");
}

TEST_CASE("remaining distance is along the route from the nearest point, and the ETA scales by it", "[turn-guidance]") {
    const std::vector<LatLon> route{at(0, 0), at(1000, 0), at(1000, 1000)};
    const auto p = progress_on_route(route, at(500, 20));  // 20 m beside the first leg, half way
    REQUIRE(p);
    CHECK(p->length_m == Approx(2000).epsilon(0.002));
    CHECK(p->along_m == Approx(500).epsilon(0.002));
    CHECK(p->remaining_m == Approx(1500).epsilon(0.002));
    CHECK(p->off_route_m == Approx(20).epsilon(0.01));
    CHECK(*remaining_eta_ms(400'000, *p) == Approx(300'000).epsilon(0.002));
    CHECK_FALSE(remaining_eta_ms(std::nullopt, *p));
    // On the second leg.
    const auto q = progress_on_route(route, at(1000, 600));
    CHECK(q->remaining_m == Approx(400).epsilon(0.005));
    // Past the end: nothing left.
    const auto r = progress_on_route(route, at(1000, 1300));
    CHECK(r->remaining_m == Approx(0).margin(0.5));
    CHECK(r->off_route_m == Approx(300).epsilon(0.01));
    // Not a route.
    CHECK_FALSE(progress_on_route(std::vector<LatLon>{at(0, 0)}, at(0, 0)));
    CHECK_FALSE(progress_on_route(std::vector<LatLon>{}, at(0, 0)));
}

TEST_CASE("distances read as a driver reads them", "[turn-guidance]") {
    CHECK(distance_text(37) == "40 m");
    CHECK(distance_text(349) == "350 m");
    CHECK(distance_text(1234) == "1.2 km");
    CHECK(distance_text(25'400) == "25 km");
}
