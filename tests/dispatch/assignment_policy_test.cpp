#include "dispatch/assignment_policy.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "dispatch/lights_and_sirens_profile.hpp"
#include "maps/geodesy.hpp"
#include "maps/input_error.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/dijkstra.hpp"
#include "tests/maps/osm_fixture.hpp"
#include "tests/routing/andorra_fixture.hpp"

using namespace ems120;
using namespace ems120::dispatch;
using namespace ems120::test;

namespace {

constexpr protocol::UnixMillis kNow = 1'800'000'000'000;

// A point on a small grid near the equator: a row is 0.001 degrees of latitude, a column 0.001
// degrees of longitude, both about 111 m.
LatLon grid(double row, double col) { return {row * 0.001, col * 0.001}; }

// Metres of one grid row (latitude runs a little shorter than longitude at the equator).
const double kRowM = geodesic_distance_m(grid(0, 0), grid(1, 0));

std::string grid_node(int id, double row, double col) {
    return "<node id='" + std::to_string(id) + "' lat='" + std::to_string(row * 0.001) + "' lon='" +
           std::to_string(col * 0.001) + "' version='1'/>\n";
}

const std::string kResidential = tag("highway", "residential");
const std::string kOneway = tag("oneway", "yes");

// An inline OSM map read with the default profile, with its hierarchy and snapping index.
struct FixtureMap {
    OsmMap map;
    ContractionHierarchy ch;
    SegmentIndex index;

    explicit FixtureMap(const std::string& body, const RoadProfile& profile = RoadProfile::ambulance_default())
        : map(read_fixture(TempDir{}, body, 1, profile)), ch(build_contraction_hierarchy(map.graph)), index(map.graph) {}

    RoutingIndex routing() const { return {&map.graph, &ch, &index}; }
};

UnitSnapshot unit(const std::string& id, LatLon at, UnitAvailability availability = UnitAvailability::available()) {
    UnitSnapshot u;
    u.id = {id};
    u.availability = availability;
    u.position = UnitPosition{at, std::nullopt, std::nullopt, kNow - 5'000};
    return u;
}

UnitSnapshot moving(const std::string& id, LatLon at, double speed_mps, double heading_deg) {
    UnitSnapshot u = unit(id, at);
    u.position->speed_mps = speed_mps;
    u.position->heading_deg = heading_deg;
    return u;
}

CallRequest call_at(LatLon where, CallPriority priority = CallPriority::emergency) { return {where, priority, kNow}; }

const Candidate& candidate(const Assignment& a, const std::string& id) {
    const auto it = std::find_if(a.ranked.begin(), a.ranked.end(), [&](const Candidate& c) { return c.id.value == id; });
    if (it == a.ranked.end()) FAIL("unit " << id << " is missing from the ranking");
    return *it;
}

std::string chosen_id(const Assignment& a) { return a.chosen_candidate() ? a.chosen_candidate()->id.value : "(none)"; }

// The ranking as text, for failure messages.
std::string ranking(const Assignment& a) {
    std::string text;
    for (const Candidate& c : a.ranked)
        text += c.id.value + " eta " + (c.eta_ms == kUnreachable ? "-" : std::to_string(c.eta_ms)) + " ms" +
                (c.eligible ? "" : " (excluded)") + " [" + describe(c.reasons) + "]\n";
    return text;
}

//  row 10:  4 ====== bridge ====== 5
//           |          ~           |
//           |        river         |
//  row 0:   1 --------- 2 -- 3     ~     6 ---- 7
//         col -8      col 0  col 1  1.5  col 2  col 4
// The only way across the river (col 1.5) is the bridge at row 10.
const std::string kRiverTown =
    grid_node(1, 0, -8) + grid_node(2, 0, 0) + grid_node(3, 0, 1) + grid_node(4, 10, 1) + grid_node(5, 10, 2) +
    grid_node(6, 0, 2) + grid_node(7, 0, 4) + grid_node(80, -1, 1.5) + grid_node(81, 12, 1.5) +
    way(10, {1, 2, 3}, kResidential) + way(11, {3, 4}, kResidential) +
    way(12, {4, 5}, kResidential + tag("bridge", "yes")) + way(13, {5, 6}, kResidential) +
    way(14, {6, 7}, kResidential) + way(90, {80, 81}, tag("waterway", "river"));

}  // namespace

TEST_CASE("a unit across the river, nearer by air, loses to a farther one on the caller's bank") {
    const FixtureMap town(kRiverTown);
    AssignmentQuery query(town.routing());
    const LatLon patient = grid(0, 0.5);
    const std::vector<UnitSnapshot> units{unit("east-bank", grid(0, 2.5)), unit("west-bank", grid(0, -6))};
    REQUIRE(geodesic_distance_m(patient, units[0].position->location) <
            geodesic_distance_m(patient, units[1].position->location));

    const Assignment a = query.assign(units, call_at(patient));

    INFO(ranking(a));
    CHECK(chosen_id(a) == "west-bank");
    CHECK(a.ranked[0].id.value == "west-bank");
    // 6.5 columns along the road against 0.5 + 10 + 1 + 10 + 0.5 by the bridge, at 25 km/h.
    CHECK(candidate(a, "west-bank").eta_ms == Approx(expected_ms(6.5 * kStepM, 25)).margin(5));
    CHECK(candidate(a, "east-bank").eta_ms == Approx(expected_ms(2 * kStepM + 20 * kRowM, 25)).margin(10));
    CHECK(candidate(a, "east-bank").eligible);
    CHECK_FALSE(a.no_unit_available);
    CHECK_FALSE(a.outside_response_radius);
}

TEST_CASE("a unit on a one-way street leading away loses to a farther one that can drive straight there") {
    //  row 1:   40 ----oneway----> 41
    //           |                  |
    //  row 0:   30 ------ 31 ----- 32
    //         col -10    col 0    col 10
    const FixtureMap streets(grid_node(30, 0, -10) + grid_node(31, 0, 0) + grid_node(32, 0, 10) + grid_node(40, 1, 0) +
                             grid_node(41, 1, 10) + way(20, {30, 31, 32}, kResidential) +
                             way(21, {40, 41}, kResidential + kOneway) + way(22, {31, 40}, kResidential) +
                             way(23, {41, 32}, kResidential));
    AssignmentQuery query(streets.routing());
    const LatLon patient = grid(0, -0.5);
    const std::vector<UnitSnapshot> units{unit("behind-oneway", grid(1, 0.5)), unit("on-main-road", grid(0, -5))};
    REQUIRE(geodesic_distance_m(patient, units[0].position->location) <
            geodesic_distance_m(patient, units[1].position->location));

    const Assignment a = query.assign(units, call_at(patient));

    INFO(ranking(a));
    CHECK(chosen_id(a) == "on-main-road");
    CHECK(candidate(a, "on-main-road").eta_ms == Approx(expected_ms(4.5 * kStepM, 25)).margin(5));
    // Round the block: 9.5 columns east, a row down, 10.5 columns back west.
    CHECK(candidate(a, "behind-oneway").eta_ms == Approx(expected_ms(20 * kStepM + kRowM, 25)).margin(10));
}

TEST_CASE("a unit part-way along a road gets exactly the ETA Dijkstra finds from its two seeds") {
    //  row 2:   4 ----- 5 ----- 6
    //           |       ^       |
    //  row 0:   1 ----- 2 ----- 3      (1-2 primary, the rest residential; 2-5 one way north)
    //         col 0   col 3   col 6
    const FixtureMap block(grid_node(1, 0, 0) + grid_node(2, 0, 3) + grid_node(3, 0, 6) + grid_node(4, 2, 0) +
                           grid_node(5, 2, 3) + grid_node(6, 2, 6) + way(30, {1, 2}, tag("highway", "primary")) +
                           way(31, {2, 3}, kResidential) + way(32, {4, 5, 6}, kResidential) +
                           way(33, {1, 4}, kResidential) + way(34, {2, 5}, kResidential + kOneway) +
                           way(35, {3, 6}, kResidential));
    const RoadGraph& g = block.map.graph;
    AssignmentQuery query(block.routing());
    DijkstraQuery dijkstra(g);

    for (const double fraction : {0.0, 0.137, 0.3, 0.5, 0.77, 1.0}) {
        const LatLon at = grid(0, 3 * fraction);  // along the primary road 1-2
        const LatLon patient = grid(2, 4.2);      // on 5-6
        const Assignment a = query.assign(std::vector{unit("M1", at)}, call_at(patient));
        const Snap from = block.index.nearest(at), to = block.index.nearest(patient);
        const NodeSeeds out = departures_from(g, from), in = arrivals_at(g, to);
        INFO("unit " << fraction << " of the way along the primary road; " << ranking(a));
        REQUIRE(a.ranked.size() == 1);
        CHECK(a.ranked[0].eta_ms == dijkstra.shortest_time({out.begin(), out.end()}, {in.begin(), in.end()}));
        CHECK(a.ranked[0].eta_ms != kUnreachable);
        CHECK(a.ranked[0].snap_distance_m < 0.01);
    }
    // Part-way means part of the edge: 30% along is 70% of the primary road's time from node 2.
    const Assignment at_30 = query.assign(std::vector{unit("M1", grid(0, 0.9))}, call_at(grid(0, 3)));
    CHECK(at_30.ranked[0].eta_ms == Approx(0.7 * expected_ms(3 * kStepM, 60)).margin(2));
}

TEST_CASE("a unit silent for longer than the stale limit is ranked from its last fix and marked stale") {
    const FixtureMap town(kRiverTown);
    AssignmentQuery query(town.routing());
    UnitSnapshot silent = unit("silent", grid(0, -2));
    silent.position->fix_time = kNow - 10 * 60'000;
    const UnitSnapshot fresh = unit("fresh", grid(0, -2));
    UnitSnapshot farther = unit("farther", grid(0, -7));
    farther.position->fix_time = kNow - 119'000;  // just inside the limit

    const Assignment a = query.assign(std::vector{silent, farther}, call_at(grid(0, 0.5)));
    const Assignment reference = query.assign(std::vector{fresh}, call_at(grid(0, 0.5)));

    INFO(ranking(a));
    CHECK(chosen_id(a) == "silent");
    CHECK(candidate(a, "silent").reasons.has(Reason::stale));
    CHECK(candidate(a, "silent").eligible);
    CHECK(candidate(a, "silent").eta_ms == reference.ranked[0].eta_ms);
    CHECK_FALSE(candidate(a, "farther").reasons.has(Reason::stale));

    SECTION("a fix stamped after the call (a clock running ahead) is fresh") {
        silent.position->fix_time = kNow + 30'000;
        CHECK_FALSE(query.assign(std::vector{silent}, call_at(grid(0, 0.5))).ranked[0].reasons.has(Reason::stale));
    }
    SECTION("the limit is an option") {
        AssignmentOptions patient_center;
        patient_center.stale_after_ms = 15 * 60'000;
        AssignmentQuery relaxed(town.routing(), patient_center);
        CHECK_FALSE(relaxed.assign(std::vector{silent}, call_at(grid(0, 0.5))).ranked[0].reasons.has(Reason::stale));
    }
}

TEST_CASE("when no unit can arrive within 15 minutes the call is flagged and the fastest is still proposed") {
    // 3.3 km of track at 10 km/h: 20 minutes.
    const FixtureMap valley(grid_node(1, 0, 0) + grid_node(2, 0, 30) + grid_node(3, 0, 35) +
                            way(40, {1, 2}, tag("highway", "track")) + way(41, {2, 3}, kResidential));
    AssignmentQuery query(valley.routing());
    const std::vector<UnitSnapshot> units{unit("valley-end", grid(0, 35)), unit("valley-road", grid(0, 34.5))};

    const Assignment a = query.assign(units, call_at(grid(0, 0)));

    INFO(ranking(a));
    CHECK(chosen_id(a) == "valley-road");
    CHECK(a.chosen_candidate()->eta_ms > 15 * 60'000);
    CHECK(a.outside_response_radius);
    CHECK_FALSE(a.no_unit_available);

    SECTION("a wider radius is an option") {
        AssignmentOptions rural;
        rural.response_radius_ms = 30 * 60'000;
        AssignmentQuery wide(valley.routing(), rural);
        CHECK_FALSE(wide.assign(units, call_at(grid(0, 0))).outside_response_radius);
    }
}

TEST_CASE("busy units are ranked with their ETA but never proposed") {
    const FixtureMap town(kRiverTown);
    AssignmentQuery query(town.routing());
    const std::vector<UnitSnapshot> units{unit("at-hospital", grid(0, 0.4), UnitAvailability::busy()),
                                          unit("returning", grid(0, -7), UnitAvailability::returning_to_station()),
                                          unit("free", grid(0, -3))};

    Assignment a = query.assign(units, call_at(grid(0, 0.5)));

    INFO(ranking(a));
    CHECK(a.ranked[0].id.value == "at-hospital");
    CHECK_FALSE(a.ranked[0].eligible);
    CHECK(a.ranked[0].reasons.has(Reason::busy));
    CHECK(a.ranked[0].eta_ms < candidate(a, "free").eta_ms);
    CHECK(chosen_id(a) == "free");
    CHECK(candidate(a, "returning").eligible);

    SECTION("with every unit busy, none is available") {
        const std::vector<UnitSnapshot> all_busy{unit("A", grid(0, 0.4), UnitAvailability::busy()),
                                                 unit("B", grid(0, -3), UnitAvailability::busy())};
        a = query.assign(all_busy, call_at(grid(0, 0.5)));
        CHECK(a.no_unit_available);
        CHECK_FALSE(a.chosen);
        CHECK_FALSE(a.outside_response_radius);
        CHECK(a.ranked.size() == 2);
    }
}

TEST_CASE("a unit driving to a less urgent call is diverted only as the diversion rule allows") {
    const FixtureMap town(kRiverTown);
    const LatLon patient = grid(0, 0.5);
    const std::vector<UnitSnapshot> units{
        unit("to-non-urgent", grid(0, 0), UnitAvailability::en_route(CallPriority::non_urgent)),
        unit("to-urgent", grid(0, -1), UnitAvailability::en_route(CallPriority::urgent)),
        unit("to-emergency", grid(0, -2), UnitAvailability::en_route(CallPriority::emergency)),
        unit("to-critical", grid(0, -3), UnitAvailability::en_route(CallPriority::critical)),
        unit("free", grid(0, -7))};

    SECTION("by default only a critical call diverts, and only from urgent or non-urgent calls") {
        AssignmentQuery query(town.routing());
        query.select_fleet(units);
        const Assignment critical = query.decide(call_at(patient, CallPriority::critical));
        INFO(ranking(critical));
        CHECK(chosen_id(critical) == "to-non-urgent");
        CHECK(candidate(critical, "to-non-urgent").reasons.has(Reason::diverted));
        CHECK(candidate(critical, "to-urgent").eligible);
        CHECK(candidate(critical, "to-emergency").reasons.has(Reason::diversion_not_allowed));
        CHECK(candidate(critical, "to-critical").reasons.has(Reason::diversion_not_allowed));

        const Assignment emergency = query.decide(call_at(patient, CallPriority::emergency));
        INFO(ranking(emergency));
        CHECK(chosen_id(emergency) == "free");
        CHECK(candidate(emergency, "to-non-urgent").reasons.has(Reason::diversion_not_allowed));
    }
    SECTION("any less urgent call may give up its unit when the center allows it, never an equally urgent one") {
        AssignmentOptions options;
        options.diversion = DiversionRule::from_any_lower_priority();
        AssignmentQuery query(town.routing(), options);
        query.select_fleet(units);
        const Assignment urgent = query.decide(call_at(patient, CallPriority::urgent));
        INFO(ranking(urgent));
        CHECK(chosen_id(urgent) == "to-non-urgent");
        CHECK(candidate(urgent, "to-urgent").reasons.has(Reason::diversion_not_allowed));
        const Assignment emergency = query.decide(call_at(patient, CallPriority::emergency));
        CHECK(candidate(emergency, "to-urgent").eligible);
        CHECK_FALSE(candidate(emergency, "to-emergency").eligible);
    }
    SECTION("a center may forbid diversions altogether") {
        AssignmentOptions options;
        options.diversion = DiversionRule::never();
        AssignmentQuery query(town.routing(), options);
        const Assignment critical = query.assign(units, call_at(patient, CallPriority::critical));
        CHECK(chosen_id(critical) == "free");
    }
}

TEST_CASE("a moving unit leaves its road in its direction of travel, a stopped one either way") {
    //  1 ------------ 2 ------------ 3        two-way residential, junctions only at the nodes
    // col -10        col 0         col 10
    const FixtureMap road(grid_node(1, 0, -10) + grid_node(2, 0, 0) + grid_node(3, 0, 10) +
                          way(50, {1, 2, 3}, kResidential) + grid_node(4, 1, 10) + way(51, {3, 4}, kResidential));
    AssignmentQuery query(road.routing());
    const double t = expected_ms(10 * kStepM, 25);  // one 10-column segment
    const LatLon unit_at = grid(0, 5), behind = grid(0, -5), behind_on_same_road = grid(0, 3);

    const auto eta = [&](const UnitSnapshot& u, LatLon patient) {
        return static_cast<double>(query.assign(std::vector{u}, call_at(patient)).ranked[0].eta_ms);
    };

    // Stopped: straight back west, 0.5 + 0.5 segments; heading east at 12 m/s: on to node 3 and
    // back, 0.5 + 1 + 0.5.
    CHECK(eta(unit("stopped", unit_at), behind) == Approx(t).margin(3));
    CHECK(eta(moving("eastbound", unit_at, 12, 90), behind) == Approx(2 * t).margin(3));
    CHECK(eta(moving("westbound", unit_at, 12, 270), behind) == Approx(t).margin(3));
    // On the same road the unit cannot drive straight back either: 0.5 on, 0.7 back.
    CHECK(eta(unit("stopped", unit_at), behind_on_same_road) == Approx(0.2 * t).margin(3));
    CHECK(eta(moving("eastbound", unit_at, 12, 90), behind_on_same_road) == Approx(1.2 * t).margin(3));
    // Heading east with a little drift still counts as east.
    CHECK(eta(moving("eastbound", unit_at, 12, 130), behind) == Approx(2 * t).margin(3));

    SECTION("slow, crossing the road or without a heading, a unit may leave either way") {
        CHECK(eta(moving("creeping", unit_at, 2.5, 90), behind) == Approx(t).margin(3));
        CHECK(eta(moving("crossing", unit_at, 12, 0), behind) == Approx(t).margin(3));
        UnitSnapshot no_heading = unit("no-heading", unit_at);
        no_heading.position->speed_mps = 12;
        CHECK(eta(no_heading, behind) == Approx(t).margin(3));
    }
    SECTION("heading awareness can be switched off") {
        AssignmentOptions options;
        options.heading_aware = false;
        AssignmentQuery unaware(road.routing(), options);
        CHECK(unaware.assign(std::vector{moving("eastbound", unit_at, 12, 90)}, call_at(behind)).ranked[0].eta_ms ==
              Approx(t).margin(3));
    }
}

TEST_CASE("a unit heading against a one-way street is routed the way the street goes, not left out") {
    const FixtureMap road(grid_node(1, 0, 0) + grid_node(2, 0, 10) + grid_node(3, 1, 10) + grid_node(4, 1, 0) +
                          way(60, {1, 2}, kResidential + kOneway) + way(61, {2, 3, 4, 1}, kResidential));
    AssignmentQuery query(road.routing());
    // Heading west on a street one way east (a wrong snap onto the other carriageway, or sirens).
    const Assignment a = query.assign(std::vector{moving("wrong-way", grid(0, 5), 12, 270)}, call_at(grid(0, 8)));
    INFO(ranking(a));
    CHECK(chosen_id(a) == "wrong-way");
    CHECK(a.ranked[0].eta_ms == Approx(expected_ms(3 * kStepM, 25)).margin(3));
}

TEST_CASE("a unit too far from any road is reported off the network, not snapped onto one") {
    const FixtureMap town(kRiverTown);
    AssignmentQuery query(town.routing());
    UnitSnapshot never_heard = unit("never-heard", grid(0, 0));
    never_heard.position.reset();
    const std::vector<UnitSnapshot> units{unit("in-the-hills", grid(-20, 0)), never_heard, unit("on-road", grid(0, -7))};

    const Assignment a = query.assign(units, call_at(grid(0, 0.5)));

    INFO(ranking(a));
    const Candidate& hills = candidate(a, "in-the-hills");
    CHECK(hills.reasons.has(Reason::not_snapped));
    CHECK_FALSE(hills.eligible);
    CHECK(hills.eta_ms == kUnreachable);
    CHECK(hills.snap_distance_m == Approx(20 * kRowM).epsilon(0.001));
    CHECK(candidate(a, "never-heard").reasons.has(Reason::no_position));
    CHECK(chosen_id(a) == "on-road");

    SECTION("a call too far from any road cannot be reached by any unit") {
        const Assignment lost = query.assign(units, call_at(grid(40, 0)));
        CHECK(lost.call_off_road);
        CHECK(lost.no_unit_available);
        CHECK(lost.call_snap_distance_m > 2000);
        CHECK(candidate(lost, "on-road").reasons.has(Reason::unreachable));
    }
}

TEST_CASE("a unit on a road network with no way to the call is unreachable, not proposed") {
    // Two networks with no road between them (an island).
    const FixtureMap islands(grid_node(1, 0, 0) + grid_node(2, 0, 5) + grid_node(3, 0, 8) + grid_node(4, 0, 12) +
                             way(70, {1, 2}, kResidential) + way(71, {3, 4}, kResidential));
    AssignmentQuery query(islands.routing());
    const Assignment a = query.assign(std::vector{unit("island", grid(0, 9))}, call_at(grid(0, 1)));
    CHECK(a.ranked[0].reasons.has(Reason::unreachable));
    CHECK(a.no_unit_available);
}

TEST_CASE("units with the same ETA are ranked by id, so the same fleet always gets the same answer") {
    const FixtureMap town(kRiverTown);
    AssignmentQuery query(town.routing());
    UnitSnapshot radio_only = unit("B7", grid(0, -4));
    radio_only.link_up = false;
    const std::vector<UnitSnapshot> units{radio_only, unit("C1", grid(0, -4)), unit("A3", grid(0, -4)),
                                          unit("A10", grid(0, -6))};

    const Assignment first = query.assign(units, call_at(grid(0, 0.5)));
    INFO(ranking(first));
    REQUIRE(first.ranked.size() == 4);
    CHECK(first.ranked[0].id.value == "A3");
    CHECK(first.ranked[1].id.value == "B7");
    CHECK(first.ranked[2].id.value == "C1");
    CHECK(chosen_id(first) == "A3");
    CHECK(candidate(first, "B7").reasons.has(Reason::link_down));
    CHECK(candidate(first, "B7").eligible);

    std::vector<UnitSnapshot> reversed(units.rbegin(), units.rend());
    AssignmentQuery fresh(town.routing());
    const Assignment again = fresh.assign(reversed, call_at(grid(0, 0.5)));
    for (std::size_t i = 0; i < first.ranked.size(); ++i) {
        CHECK(again.ranked[i].id == first.ranked[i].id);
        CHECK(again.ranked[i].eta_ms == first.ranked[i].eta_ms);
        CHECK(again.ranked[i].reasons == first.ranked[i].reasons);
    }
}

TEST_CASE("the lights-and-sirens profile speeds up road classes by their factors and never slows one down") {
    const RoadProfile normal = RoadProfile::ambulance_default();
    const RoadProfile fast = lights_and_sirens_profile();
    REQUIRE(fast.classes.size() == normal.classes.size());
    for (std::size_t i = 0; i < normal.classes.size(); ++i) {
        INFO(normal.classes[i].highway);
        CHECK(fast.classes[i].speed_kmh >= normal.classes[i].speed_kmh);
    }
    CHECK(fast.classes[*fast.class_of("primary")].speed_kmh == 75);  // 60 x 1.25
    CHECK(fast.classes[*fast.class_of("motorway")].speed_kmh == 99);  // 90 x 1.1
    CHECK(fast.classes[*fast.class_of("living_street")].speed_kmh == 10);
    CHECK(fast.use_maxspeed == normal.use_maxspeed);

    SirenSpeedFactors custom;
    custom.by_class = {{"residential", 2.0}};
    custom.other_classes = 1.1;
    const RoadProfile doubled = lights_and_sirens_profile(normal, custom);
    CHECK(doubled.classes[*doubled.class_of("residential")].speed_kmh == 50);
    CHECK(doubled.classes[*doubled.class_of("track")].speed_kmh == 11);

    const std::size_t track = *normal.class_of("track");
    RoadProfile with_closed = normal;
    with_closed.classes[track].speed_kmh = 0;
    CHECK(lights_and_sirens_profile(with_closed).classes[track].speed_kmh == 0);

    custom.by_class = {{"footway", 1.2}};
    CHECK_THROWS_AS(lights_and_sirens_profile(normal, custom), InputError);
    custom.by_class = {{"primary", 0.8}};
    CHECK_THROWS_WITH(lights_and_sirens_profile(normal, custom), Catch::Contains("highway=primary"));
    custom.by_class = {{"primary", std::nan("")}};
    CHECK_THROWS_AS(lights_and_sirens_profile(normal, custom), InputError);
}

TEST_CASE("critical and emergency calls are answered on the lights-and-sirens network, with shorter ETAs") {
    const std::string body = kRiverTown;
    const FixtureMap normal(body), sirens(body, lights_and_sirens_profile());
    const TravelModes modes = TravelModes::with_lights_and_sirens(normal.routing(), sirens.routing());
    CHECK(modes.for_priority(CallPriority::critical).graph == &sirens.map.graph);
    CHECK(modes.for_priority(CallPriority::emergency).graph == &sirens.map.graph);
    CHECK(modes.for_priority(CallPriority::urgent).graph == &normal.map.graph);
    CHECK(modes.for_priority(CallPriority::non_urgent).graph == &normal.map.graph);

    const std::vector<UnitSnapshot> units{unit("M1", grid(0, -6))};
    const CallRequest critical = call_at(grid(0, 0.5), CallPriority::critical);
    const CallRequest urgent = call_at(grid(0, 0.5), CallPriority::urgent);
    AssignmentQuery with_sirens(modes.for_priority(critical.priority));
    AssignmentQuery without(modes.for_priority(urgent.priority));
    const TravelTime fast = with_sirens.assign(units, critical).ranked[0].eta_ms;
    const TravelTime slow = without.assign(units, urgent).ranked[0].eta_ms;
    CHECK(fast == Approx(slow * 25.0 / 30.0).margin(5));  // residential 25 -> 30 km/h
}

TEST_CASE("a routing index whose parts belong to different graphs is refused") {
    const FixtureMap town(kRiverTown);
    const FixtureMap other(grid_node(1, 0, 0) + grid_node(2, 0, 5) + way(70, {1, 2}, kResidential));
    CHECK_THROWS_AS(AssignmentQuery(RoutingIndex{&town.map.graph, &town.ch, &other.index}), std::invalid_argument);
    CHECK_THROWS_AS(AssignmentQuery(RoutingIndex{&town.map.graph, &other.ch, &town.index}), std::invalid_argument);
    CHECK_THROWS_AS(AssignmentQuery(RoutingIndex{}), std::invalid_argument);
}

TEST_CASE("on the bundled map, policy ETAs for random units and calls equal plain Dijkstra's") {
    const auto& andorra_map = andorra();
    const RoadGraph& g = andorra_map.map.graph;
    AssignmentQuery query(RoutingIndex{&g, &andorra_map.ch, &andorra_map.index});
    DijkstraQuery dijkstra(g);
    std::mt19937 rng(20261124);
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(g.node_count() - 1));
    std::uniform_real_distribution<double> offset(-1.0, 1.0), heading(0.0, 360.0), chance(0.0, 1.0);
    // Near a random junction, up to ~50 m off: as a GPS fix or a caller's address would be.
    const auto random_point = [&] {
        LatLon p = g.location[pick(rng)];
        p.lat += offset(rng) * 0.00045;
        p.lon += offset(rng) * 0.0006;
        return p;
    };

    std::size_t compared = 0, reachable = 0, moving_units = 0;
    for (int round = 0; round < 30; ++round) {
        std::vector<UnitSnapshot> units;
        for (int i = 0; i < 40; ++i) {
            const std::string id = std::to_string(1000 + i);  // not "U" + number: GCC 12 warns falsely (-Wrestrict)
            units.push_back(chance(rng) < 0.3 ? moving(id, random_point(), 14, heading(rng)) : unit(id, random_point()));
        }
        query.select_fleet(units);
        for (int call_number = 0; call_number < 5; ++call_number) {
            const CallRequest call = call_at(random_point());
            const Assignment a = query.decide(call);
            const Snap to = andorra_map.index.nearest(call.location);
            const NodeSeeds in = arrivals_at(g, to);
            for (const Candidate& c : a.ranked) {
                const UnitPosition& fix = *units[c.unit_index].position;
                const Snap from = andorra_map.index.nearest(fix.location);
                const LeavingDirections directions = leaving_directions(g, from, fix, query.options());
                const NodeSeeds out = departures_toward(g, from, directions);
                TravelTime expected = dijkstra.shortest_time({out.begin(), out.end()}, {in.begin(), in.end()});
                if (const auto direct = along_segment_toward(g, from, directions, to)) expected = std::min(expected, *direct);
                if (!directions.toward_a || !directions.toward_b) ++moving_units;
                if (directions.toward_a && directions.toward_b) {
                    // A unit free to leave either way gets exactly the point-to-point route time.
                    const Route route = dijkstra.route(from, to);
                    REQUIRE(expected == route.time);
                }
                INFO("round " << round << ", call " << call_number << ", unit " << c.id.value);
                REQUIRE(c.eta_ms == expected);
                ++compared;
                reachable += expected != kUnreachable;
            }
            // The chosen unit is the fastest: nothing eligible ranks above it.
            if (a.chosen) CHECK(*a.chosen == 0);
        }
    }
    CHECK(compared == 30 * 5 * 40);
    CHECK(reachable > compared * 9 / 10);
    CHECK(moving_units > compared / 10);
}
