#include "dispatch/live_coverage.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "tests/dispatch/coverage_test_support.hpp"

using namespace ems120;
using namespace ems120::dispatch;
using namespace ems120::test;

namespace {

LiveCoverageOptions minutes(int limit_min) {
    LiveCoverageOptions o;
    o.limit = static_cast<TravelTime>(limit_min) * 60'000;
    return o;
}

}  // namespace

TEST_CASE("live coverage equals a multi-source Dijkstra for units part-way along roads", "[coverage]") {
    const auto& places = andorra().map.places;
    REQUIRE(places.size() > 20);
    const LiveCoverageIndex index(andorra_routing(), places, minutes(5));
    LiveCoverageQuery query(index);
    LiveCoverage out;
    for (const auto& [count, seed] : {std::pair{1u, 7u}, {3u, 11u}, {12u, 13u}, {40u, 17u}}) {
        const auto units = random_parked_units(count, seed);
        query.compute(units, out);
        const auto expected = dijkstra_reach(units, places);
        INFO(count << " units, seed " << seed);
        REQUIRE(out.units_on_network == count);
        std::size_t covered = 0;
        for (std::uint32_t i = 0; i < places.size(); ++i) {
            INFO("place " << places[i].display_name());
            CHECK(out.places[i].time == expected[i].time);
            if (expected[i].reached()) CHECK(out.places[i].unit == expected[i].source);
            CHECK(out.places[i].covered == (expected[i].time <= index.options().limit));
            covered += expected[i].time <= index.options().limit;
        }
        CHECK(out.covered_count == covered);
        CHECK(out.covered_share == Approx(static_cast<double>(covered) / places.size()));
        CHECK(out.uncovered.size() == places.size() - covered);
    }
}

TEST_CASE("a unit standing on a village's own road drives straight there", "[coverage]") {
    const auto& a = andorra();
    const std::vector<MapPoint> places = {a.map.places.front()};
    const LiveCoverageIndex index(andorra_routing(), places);
    const Snap place = index.place(0).snap;
    const RoadSegment& s = a.map.graph.segment(place.segment);
    // A unit a little way along the same road from the village's road point.
    const double f = place.fraction < 0.5 ? place.fraction + 0.3 : place.fraction - 0.3;
    const LatLon at{a.map.graph.at(s.a).lat + f * (a.map.graph.at(s.b).lat - a.map.graph.at(s.a).lat),
                    a.map.graph.at(s.a).lon + f * (a.map.graph.at(s.b).lon - a.map.graph.at(s.a).lon)};
    const std::vector<UnitSnapshot> units = {parked_unit("far", random_parked_units(1, 3).front().position->location),
                                             parked_unit("same road", at)};
    LiveCoverageQuery query(index);
    const LiveCoverage out = query.compute(units);
    const auto direct = along_same_segment(a.map.graph, a.index.nearest(at), place);
    REQUIRE(direct);
    CHECK(out.places[0].time <= *direct);
    CHECK(out.places[0].time == dijkstra_reach(units, places)[0].time);
    CHECK(out.places[0].covered);
}

TEST_CASE("with no free unit nothing is covered and every place is listed, off-road first", "[coverage]") {
    std::vector<MapPoint> places = andorra().map.places;
    MapPoint nowhere;
    nowhere.name = "mountain hut";
    nowhere.location = {42.9, 1.2};  // far north of every road of the extract
    places.push_back(nowhere);
    const LiveCoverageIndex index(andorra_routing(), places);
    REQUIRE(index.place(static_cast<std::uint32_t>(places.size() - 1)).off_road);
    LiveCoverageQuery query(index);
    const LiveCoverage out = query.compute({});
    CHECK(out.covered_count == 0);
    CHECK(out.covered_share == 0.0);
    CHECK(out.uncovered.size() == places.size());
    CHECK(out.uncovered.front() == places.size() - 1);
    CHECK(out.off_road_count == 1);
    for (const PlaceCover& c : out.places) CHECK(c.time == kUnreachable);
}

TEST_CASE("a unit off the road network, or without a position, covers nothing", "[coverage]") {
    const auto& places = andorra().map.places;
    const LiveCoverageIndex index(andorra_routing(), places);
    LiveCoverageQuery query(index);
    std::vector<UnitSnapshot> units = {parked_unit("yard", {42.9, 1.2}), parked_unit("no fix", {0, 0})};
    units[1].position.reset();
    const LiveCoverage out = query.compute(units);
    CHECK(out.units_on_network == 0);
    CHECK(out.covered_count == 0);
}

TEST_CASE("an off-road place is never covered, even with a unit next to it", "[coverage]") {
    MapPoint hut;
    hut.name = "hut";
    hut.location = {42.9, 1.2};
    const std::vector<MapPoint> places = {hut};
    LiveCoverageOptions options;
    options.unit_placing.unit_max_snap_m = 1e9;  // the unit is placed on the nearest road however far
    const LiveCoverageIndex index(andorra_routing(), places, options);
    LiveCoverageQuery query(index);
    const LiveCoverage out = query.compute(std::vector{parked_unit("beside", {42.9, 1.2})});
    CHECK(out.units_on_network == 1);
    CHECK(out.places[0].off_road);
    CHECK_FALSE(out.places[0].covered);
    CHECK(out.uncovered == std::vector<std::uint32_t>{0});
}

TEST_CASE("the population share counts only places with a population", "[coverage]") {
    const auto units = random_parked_units(1, 5);
    // Two places at the unit itself (covered), one far away (off road), one without a population.
    MapPoint near1, near2, far, unknown;
    near1.location = near2.location = unknown.location = units[0].position->location;
    near1.population = 300;
    near2.population = 0;
    far.location = {42.9, 1.2};
    far.population = 700;
    const std::vector<MapPoint> places = {near1, near2, far, unknown};
    const LiveCoverageIndex index(andorra_routing(), places);
    LiveCoverageQuery query(index);
    const LiveCoverage out = query.compute(units);
    CHECK(out.covered_count == 3);
    CHECK(out.covered_share == Approx(0.75));
    CHECK(out.places_with_population == 3);
    CHECK(out.known_population == 1000);
    CHECK(out.covered_population == 300);
    REQUIRE(out.population_share);
    CHECK(*out.population_share == Approx(0.3));
    CHECK_FALSE(query.compute({}).population_share == std::nullopt);  // known, just nothing covered
    const LiveCoverageIndex no_population(andorra_routing(), std::vector{unknown});
    CHECK_FALSE(LiveCoverageQuery(no_population).compute(units).population_share);
}

TEST_CASE("bad coverage settings are refused with a clear error", "[coverage]") {
    const auto& places = andorra().map.places;
    LiveCoverageOptions zero;
    zero.limit = 0;
    CHECK_THROWS_AS(LiveCoverageIndex(andorra_routing(), places, zero), std::invalid_argument);
    LiveCoverageOptions negative_snap;
    negative_snap.place_max_snap_m = -1;
    CHECK_THROWS_AS(LiveCoverageIndex(andorra_routing(), places, negative_snap), std::invalid_argument);
    RoutingIndex incomplete = andorra_routing();
    incomplete.ch = nullptr;
    CHECK_THROWS_AS(LiveCoverageIndex(incomplete, places), std::invalid_argument);
}
