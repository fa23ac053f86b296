#include "dispatch/move_up.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>

#include "maps/geodesy.hpp"
#include "tests/dispatch/coverage_test_support.hpp"

using namespace ems120;
using namespace ems120::dispatch;
using namespace ems120::test;

namespace {

LiveCoverageOptions ten_minutes() {
    LiveCoverageOptions o;
    o.limit = 10 * 60'000;
    return o;
}

// Two on-road Andorra villages farthest apart: stations there cover different valleys.
std::pair<LatLon, LatLon> far_apart(const LiveCoverageIndex& index) {
    const auto& places = andorra().map.places;
    std::pair<LatLon, LatLon> best;
    double widest = -1;
    for (std::uint32_t i = 0; i < places.size(); ++i)
        for (std::uint32_t j = i + 1; j < places.size(); ++j) {
            if (index.place(i).off_road || index.place(j).off_road) continue;
            const double d = geodesic_distance_m(places[i].location, places[j].location);
            if (d > widest) widest = d, best = {places[i].location, places[j].location};
        }
    return best;
}

std::vector<std::uint32_t> members(const PlaceSet& s) {
    std::vector<std::uint32_t> out;
    s.for_each([&](std::uint32_t p) { out.push_back(p); });
    return out;
}

std::int64_t weight_of(const LiveCoverageIndex& index, const std::vector<std::uint32_t>& places) {
    std::int64_t w = 0;
    for (const std::uint32_t p : places) w += place_weight(index.place(p));
    return w;
}

struct TwoStations {
    LiveCoverageIndex coverage{andorra_routing(), andorra().map.places, ten_minutes()};
    std::pair<LatLon, LatLon> at = far_apart(coverage);
    std::vector<LatLon> stations{at.first, at.second};
    MoveUpIndex index{coverage, stations};
};

}  // namespace

TEST_CASE("of two units at one station, one moves to the empty station", "[move-up]") {
    const TwoStations t;
    const PlaceSet& a = t.index.station(0).reach;
    const PlaceSet& b = t.index.station(1).reach;
    std::vector<std::uint32_t> only_b;
    b.for_each_not_in(a, [&](std::uint32_t p) { only_b.push_back(p); });
    REQUIRE_FALSE(a.empty());
    REQUIRE_FALSE(only_b.empty());

    const std::vector<UnitSnapshot> units = {parked_unit("A1", t.at.first), parked_unit("A2", t.at.first)};
    MoveUpQuery query(t.index);
    const auto move = query.recommend(units);
    REQUIRE(move);
    CHECK(move->station == 1);
    CHECK(move->unit == 0);  // both as near: the lower index
    CHECK(move->unit_id.value == "A1");
    CHECK(move->places_gained == only_b);
    CHECK(move->places_lost.empty());
    CHECK(move->weight_gained == weight_of(t.coverage, only_b));
    const double places = static_cast<double>(t.coverage.place_count());
    CHECK(move->covered_share_before == Approx(a.count() / places));
    CHECK(move->covered_share_after == Approx((a.count() + only_b.size()) / places));
    CHECK(move->drive_time > 0);
    CHECK(move->drive_time < kUnreachable);
}

TEST_CASE("no move is proposed when every station is already covered", "[move-up]") {
    const TwoStations t;
    const std::vector<UnitSnapshot> units = {parked_unit("A", t.at.first), parked_unit("B", t.at.second)};
    MoveUpQuery query(t.index);
    CHECK_FALSE(query.recommend(units));
    CHECK_FALSE(query.recommend({}));  // no unit to move
}

TEST_CASE("the last unit of a valley moves only when the other valley weighs more", "[move-up]") {
    const TwoStations t;
    const auto a = members(t.index.station(0).reach), b = members(t.index.station(1).reach);
    std::vector<std::uint32_t> only_a, only_b;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
    const std::int64_t gain = weight_of(t.coverage, only_b) - weight_of(t.coverage, only_a);
    INFO("moving the only unit from A to B changes the covered weight by " << gain);
    REQUIRE(gain != 0);
    for (const bool from_a : {true, false}) {
        const std::vector<UnitSnapshot> units = {parked_unit("U", from_a ? t.at.first : t.at.second)};
        MoveUpQuery query(t.index);
        const auto move = query.recommend(units);
        const bool worth_it = from_a ? gain > 0 : gain < 0;
        REQUIRE(move.has_value() == worth_it);
        if (!move) continue;
        CHECK(move->station == (from_a ? 1u : 0u));
        CHECK(move->places_lost == (from_a ? only_a : only_b));
        CHECK(move->weight_gained - move->weight_lost == (from_a ? gain : -gain));
    }
}

TEST_CASE("only the units named movable are moved", "[move-up]") {
    const TwoStations t;
    const std::vector<UnitSnapshot> units = {parked_unit("A1", t.at.first), parked_unit("A2", t.at.first)};
    MoveUpQuery query(t.index);
    CHECK_FALSE(query.recommend(units, std::vector<std::uint32_t>{}));
    const auto move = query.recommend(units, std::vector<std::uint32_t>{1});
    REQUIRE(move);
    CHECK(move->unit == 1);
    std::vector<UnitSnapshot> returning = units;
    for (auto& u : returning) u.availability = UnitAvailability::returning_to_station();
    CHECK_FALSE(query.recommend(returning));  // free, but on their way back: not idle
    CHECK_THROWS_AS(query.recommend(units, std::vector<std::uint32_t>{2}), std::invalid_argument);
}

TEST_CASE("each place's nearest and next-nearest unit equal per-unit Dijkstra", "[move-up]") {
    const auto& places = andorra().map.places;
    const LiveCoverageIndex coverage(andorra_routing(), places, ten_minutes());
    const MoveUpIndex index(coverage, std::vector<LatLon>{});
    for (const auto& [count, seed] : {std::pair{2u, 23u}, {9u, 29u}, {30u, 31u}}) {
        const auto units = random_parked_units(count, seed);
        MoveUpQuery query(index);
        query.recommend(units);
        std::vector<std::vector<Reach>> per_unit;  // [unit][place], unit alone
        for (const auto& u : units) per_unit.push_back(dijkstra_reach({u}, places));
        for (std::uint32_t p = 0; p < places.size(); ++p) {
            std::vector<std::pair<TravelTime, std::uint32_t>> times;
            for (std::uint32_t u = 0; u < units.size(); ++u) times.emplace_back(per_unit[u][p].time, u);
            std::sort(times.begin(), times.end());
            const Reach first = TwoLabels::reach_of(query.place_labels()[p].first);
            const Reach second = TwoLabels::reach_of(query.place_labels()[p].second);
            INFO(count << " units, place " << places[p].display_name());
            CHECK(first.time == times[0].first);
            if (times[0].first != kUnreachable) CHECK(first.source == times[0].second);
            const TravelTime expected_second = count > 1 ? times[1].first : kUnreachable;
            CHECK(second.time == expected_second);
        }
    }
}
