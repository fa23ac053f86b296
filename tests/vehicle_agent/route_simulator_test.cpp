#include "vehicle_agent/route_simulator.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "tests/support/temp_dir.hpp"
#include "vehicle_agent/nmea_source.hpp"
#include "vehicle_agent/spherical_earth.hpp"

using namespace ems120::agent;
using ems120::LatLon;
using ems120::protocol::PositionFix;

namespace {

// Longgang, Shenzhen.
constexpr LatLon kStation{22.7208, 114.2466};

// Polls every `interval_ms` of fake time (the unix clock 1000 s ahead of the steady one) until
// the simulator finishes or `seconds` have passed.
std::vector<PositionFix> run(RouteSimulator& sim, double seconds, std::int64_t interval_ms = 1000) {
    std::vector<PositionFix> fixes;
    for (std::int64_t t = 0; t <= static_cast<std::int64_t>(seconds * 1000) && !sim.finished(); t += interval_ms) {
        REQUIRE(sim.next_due());
        CHECK(*sim.next_due() <= t);
        sim.poll({t, 1'000'000 + t}, fixes);
    }
    return fixes;
}

RouteSimulatorOptions every(std::int64_t interval_ms) {
    RouteSimulatorOptions options;
    options.interval_ms = interval_ms;
    return options;
}

double metres_between(const PositionFix& a, const PositionFix& b) {
    return great_circle_distance_m({a.lat, a.lon}, {b.lat, b.lon});
}

}  // namespace

TEST_CASE("a simulated ambulance on a straight road covers cruise speed times time once up to speed") {
    const LatLon far_east = destination(kStation, 90, 3000);
    RouteSimulator sim({kStation, far_east}, {});
    CHECK(sim.describe() == "simulated drive along 2 points (3.0 km) at 60 km/h");
    CHECK(sim.wait_fd() == -1);
    const auto fixes = run(sim, 60);
    REQUIRE(fixes.size() == 61);
    const double cruise = 60 / 3.6;
    for (int t = 20; t <= 60; ++t) CHECK(*fixes[t].speed_mps == Approx(cruise));
    CHECK(metres_between(fixes[20], fixes[60]) == Approx(cruise * 40).epsilon(0.001));
    // Getting to 60 km/h at 2 m/s^2 takes 8.3 s and 69 m.
    CHECK(sim.distance_driven_m() == Approx(cruise * 60 - cruise * cruise / (2 * 2.0)).epsilon(0.001));
    CHECK(metres_between(fixes[0], fixes[60]) == Approx(sim.distance_driven_m()).epsilon(0.001));
    for (const auto& fix : fixes) {
        CHECK(*fix.heading_deg == Approx(90).margin(0.05));
        CHECK(fix.hdop == 0.8);
        CHECK(fix.fix_quality == 1);
        CHECK(fix.satellites == 12);
    }
}

TEST_CASE("the simulated ambulance starts from a stop and accelerates at about 2 m/s^2") {
    RouteSimulator sim({kStation, destination(kStation, 0, 1000)}, {});
    const auto fixes = run(sim, 5);
    REQUIRE(fixes.size() == 6);
    CHECK(*fixes[0].speed_mps == 0);
    CHECK(*fixes[1].speed_mps == Approx(2.0));
    CHECK(*fixes[5].speed_mps == Approx(10.0));
    CHECK(metres_between(fixes[0], fixes[5]) == Approx(0.5 * 2.0 * 25).epsilon(0.01));
    const double heading = *fixes[3].heading_deg;
    CHECK(std::fmin(heading, 360 - heading) < 1e-6);  // due north
}

TEST_CASE("fixes are stamped with the wall clock the loop passes in, every interval") {
    RouteSimulator sim({kStation, destination(kStation, 45, 1000)}, every(500));
    std::vector<PositionFix> fixes;
    sim.poll({100, 1'710'000'000'000}, fixes);
    CHECK(sim.next_due() == 600);
    sim.poll({599, 1'710'000'000'499}, fixes);  // woken early by another source: nothing yet
    CHECK(fixes.size() == 1);
    sim.poll({600, 1'710'000'000'500}, fixes);
    REQUIRE(fixes.size() == 2);
    CHECK(fixes[1].gnss_time == 1'710'000'000'500);
    CHECK(sim.next_due() == 1100);
    sim.poll({5000, 1'710'000'004'900}, fixes);  // the loop stalled: one fix now, then a fresh cadence
    CHECK(fixes.size() == 3);
    CHECK(sim.next_due() == 5500);
    CHECK(*fixes[2].heading_deg == Approx(45).margin(0.01));
}

TEST_CASE("the simulated drive stops at the last point, reports standing still there, and is finished") {
    const std::vector<LatLon> route{kStation, destination(kStation, 90, 400),
                                    destination(destination(kStation, 90, 400), 100, 300)};
    RouteSimulator sim(route, {});
    const auto fixes = run(sim, 600);
    REQUIRE(sim.finished());
    CHECK_FALSE(sim.next_due());
    REQUIRE(fixes.size() > 40);
    CHECK(great_circle_distance_m({fixes.back().lat, fixes.back().lon}, route.back()) < 0.01);
    CHECK(*fixes.back().speed_mps == 0);
    CHECK(sim.distance_driven_m() == Approx(sim.route_length_m()));
    // It braked to a stop rather than hitting the end at full speed.
    CHECK(*fixes[fixes.size() - 2].speed_mps < 3.0);
    CHECK(sim.stats().readings == fixes.size());
    std::vector<PositionFix> after;
    sim.poll({1'000'000, 0}, after);
    CHECK(after.empty());
}

TEST_CASE("the simulated ambulance slows to 20 km/h for a right-angle bend and speeds up after it") {
    const LatLon corner = destination(kStation, 90, 600);
    const std::vector<LatLon> route{kStation, corner, destination(corner, 0, 600)};
    RouteSimulator sim(route, every(100));
    const auto fixes = run(sim, 200, 100);
    REQUIRE(sim.finished());

    std::size_t at_corner = 0;  // the first fix on the northbound leg
    while (at_corner < fixes.size() && std::fabs(*fixes[at_corner].heading_deg - 90) < 1) ++at_corner;
    REQUIRE(at_corner < fixes.size());
    CHECK(*fixes[at_corner].heading_deg == Approx(0).margin(0.1));
    CHECK(*fixes[at_corner].speed_mps <= 20 / 3.6 + 0.2);
    CHECK(*fixes[at_corner].speed_mps >= 20 / 3.6 - 0.2);          // slowed, not stopped
    CHECK(*fixes[at_corner - 60].speed_mps == Approx(60 / 3.6));   // 6 s earlier still cruising
    CHECK(*fixes[at_corner + 100].speed_mps == Approx(60 / 3.6));  // 10 s later back at cruise
    // The last second is the creep to a stop at the route's end, not braking.
    for (std::size_t i = 1; i + 10 < fixes.size(); ++i) {
        const double change = (*fixes[i].speed_mps - *fixes[i - 1].speed_mps) / 0.1;
        INFO("fix " << i);
        CHECK(change <= 2.0 + 1e-6);  // accelerates no harder than asked
        CHECK(change >= -2.5 - 0.3);  // brakes no harder than asked (within a step)
    }
}

TEST_CASE("a gentle bend of a few degrees is taken at cruise speed") {
    const LatLon bend = destination(kStation, 90, 600);
    RouteSimulator sim({kStation, bend, destination(bend, 95, 600)}, {});
    const auto fixes = run(sim, 60);
    for (std::size_t i = 15; i < 60; ++i) CHECK(*fixes[i].speed_mps == Approx(60 / 3.6));
}

TEST_CASE("a looping simulated drive goes round the ring again and never finishes") {
    const LatLon a = kStation, b = destination(a, 90, 300), c = destination(b, 0, 300);
    RouteSimulatorOptions options;
    options.loop = true;
    RouteSimulator sim({a, b, c}, options);
    CHECK(sim.describe().ends_with(", round and round"));
    const auto fixes = run(sim, 300);
    CHECK_FALSE(sim.finished());
    CHECK(fixes.size() == 301);
    CHECK(sim.distance_driven_m() > 2 * sim.route_length_m());
    // The ring closes from c back to a (south-west), and no fix jumps.
    for (std::size_t i = 1; i < fixes.size(); ++i) CHECK(metres_between(fixes[i - 1], fixes[i]) <= 60 / 3.6 + 0.01);
}

TEST_CASE("position noise is repeatable for a seed, wanders slowly and has about the size asked for") {
    RouteSimulatorOptions noisy;
    noisy.noise_m = 5;
    noisy.seed = 42;
    noisy.loop = true;
    const std::vector<LatLon> route{kStation, destination(kStation, 90, 2000)};
    RouteSimulator exact(route, {.loop = true}), first(route, noisy), again(route, noisy);
    noisy.seed = 43;
    RouteSimulator other(route, noisy);
    const auto truth = run(exact, 1200), a = run(first, 1200), b = run(again, 1200), c = run(other, 1200);
    REQUIRE(a.size() == truth.size());
    double sum_squares = 0, step_squares = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].lat == b[i].lat);
        CHECK(a[i].lon == b[i].lon);
        sum_squares += std::pow(metres_between(a[i], truth[i]), 2);
        if (i > 0) {
            const double error_step = metres_between(a[i], truth[i]) - metres_between(a[i - 1], truth[i - 1]);
            step_squares += error_step * error_step;
        }
    }
    const double rms = std::sqrt(sum_squares / static_cast<double>(a.size()));  // two axes of 5 m
    CHECK(rms > 0.5 * 5 * std::sqrt(2.0));
    CHECK(rms < 2.0 * 5 * std::sqrt(2.0));
    // Correlated: the error drifts by a metre or two a second; independent 5 m errors would jump ~7 m.
    CHECK(std::sqrt(step_squares / static_cast<double>(a.size() - 1)) < 2.5);
    CHECK((c[100].lat != a[100].lat || c[100].lon != a[100].lon));
    CHECK(a[100].speed_mps == truth[100].speed_mps);  // only the position is noisy
}

TEST_CASE("a route: spec with inline points or a GeoJSON file gives a simulated drive") {
    const auto inline_points = open_position_source("route:22.7208,114.2466; 22.7300,114.2466", {});
    std::vector<PositionFix> fixes;
    inline_points->poll({0, 0}, fixes);
    REQUIRE(fixes.size() == 1);
    CHECK(fixes[0].lat == 22.7208);
    CHECK(fixes[0].lon == 114.2466);

    const ems120::test::TempDir dir;
    const auto path = dir.write("drive.geojson", R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [114.0, 22.0]}, "properties": {}},
        {"type": "Feature", "properties": {"name": "to Longgang hospital"}, "geometry": {"type": "LineString",
         "coordinates": [[114.2466, 22.7208, 35.0], [114.2466, 22.7208], [114.2500, 22.7208], [114.2500, 22.7250]]}}]})");
    PositionSourceOptions options;
    options.route.cruise_kmh = 40;
    const auto from_file = open_position_source("route:" + path, options);
    CHECK(from_file->describe() == "simulated drive along 3 points (0.8 km) at 40 km/h");
    fixes.clear();
    from_file->poll({0, 0}, fixes);
    CHECK(fixes[0].lat == 22.7208);  // [lon, lat] read the RFC 7946 way round
    CHECK(fixes[0].lon == 114.2466);
    CHECK(*fixes[0].heading_deg == Approx(90).margin(0.01));

    const auto bare =
        dir.write("line.json", R"({"type": "LineString", "coordinates": [[114.0, 22.0], [114.0, 22.1]]})");
    CHECK(open_position_source("route:" + bare, {})->describe() ==
          "simulated drive along 2 points (11.1 km) at 60 km/h");
}

TEST_CASE("after the machine was suspended for an hour the simulated drive resumes, it does not replay the hour") {
    RouteSimulatorOptions options;
    options.loop = true;
    RouteSimulator sim({kStation, destination(kStation, 90, 500)}, options);
    std::vector<PositionFix> fixes;
    sim.poll({0, 0}, fixes);
    sim.poll({3'600'000, 3'600'000}, fixes);
    CHECK(fixes.size() == 2);
    CHECK(sim.distance_driven_m() <= 600 * 60 / 3.6);
    CHECK(sim.next_due() == 3'601'000);
}
