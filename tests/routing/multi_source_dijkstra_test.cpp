#include "routing/multi_source_dijkstra.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "routing/dijkstra.hpp"
#include "tests/routing/graph_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

// The nearest source by asking single-source Dijkstra about each source in turn; ties go to the
// smaller index because a later source must be strictly faster to replace an earlier one.
template <typename TimeFrom>
Reach nearest_source(std::size_t source_count, TimeFrom time_from) {
    Reach best;
    for (std::uint32_t s = 0; s < source_count; ++s)
        if (const TravelTime t = time_from(s); t < best.time) best = {t, s};
    return best;
}

void require_same(Reach actual, Reach expected) {
    REQUIRE(actual.time == expected.time);
    REQUIRE(actual.source == expected.source);
}

}  // namespace

TEST_CASE("every junction and every patient learns the nearest station, as if each station were asked in turn") {
    std::mt19937 rng(4242);
    std::uniform_int_distribution<int> station_count(1, 4);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    int rounds = 0;
    for (int round = 0; round < 500; ++round) {
        const RoadGraph g = random_graph(rng, 12);
        if (g.segments.empty()) continue;
        ++rounds;
        std::vector<Snap> stations;
        for (int i = station_count(rng); i > 0; --i) {
            // Some stations share a segment (or even a position), some failed to snap.
            const bool after_station = !stations.empty() && stations.back().found();
            if (after_station && unit(rng) < 0.2)
                stations.push_back(stations.back());
            else if (after_station && unit(rng) < 0.2)
                stations.push_back(snap_at(g, stations.back().segment, unit(rng)));
            else if (unit(rng) < 0.1)
                stations.push_back(Snap{});
            else
                stations.push_back(random_snap(g, rng));
        }

        MultiSourceDijkstra multi(g);
        multi.run(seeds_for(g, stations));
        DijkstraQuery single(g);

        for (std::uint32_t v = 0; v < g.node_count(); ++v) {
            const NodeSeed junction{NodeId(v), 0};
            const Reach expected = nearest_source(stations.size(), [&](std::uint32_t s) {
                return single.shortest_time(departures_from(g, stations[s]), {&junction, 1});
            });
            INFO("round " << round << " node " << v);
            require_same(multi.at(NodeId(v)), expected);
        }

        for (int i = 0; i < 10; ++i) {
            const Snap station = stations[i % stations.size()];
            const Snap patient =
                i % 2 == 0 && station.found() ? snap_at(g, station.segment, unit(rng)) : random_snap(g, rng);
            const Reach expected = nearest_source(
                stations.size(), [&](std::uint32_t s) { return single.route(stations[s], patient).time; });
            INFO("round " << round << " patient on " << patient.segment.value() << "@" << patient.fraction);
            require_same(reach_point(multi, g, patient, stations), expected);
        }
    }
    CHECK(rounds >= 300);
}

TEST_CASE("two stations equally far from a junction: the one listed first answers") {
    //  station 0 at node 0, station 1 at node 2, both 10 s from node 1.
    const RoadGraph g = make_graph({{42.50, 1.50}, {42.51, 1.50}, {42.52, 1.50}}, {{0, 1, 10'000}, {2, 1, 10'000}});
    MultiSourceDijkstra multi(g);
    const std::vector<SourceSeed> seeds{{NodeId(2), 0, 1}, {NodeId(0), 0, 0}};
    multi.run(seeds);
    CHECK(multi.at(NodeId(1)).time == 10'000);
    CHECK(multi.at(NodeId(1)).source == 0);
    CHECK(multi.at(NodeId(2)).source == 1);
}

TEST_CASE("a station and a patient on the same oneway road: ahead is driven directly, behind needs a way round") {
    //  0 -100s-> 1 -10s-> 2 -10s-> 0   (a oneway loop)
    const RoadGraph g =
        make_graph({{42.50, 1.50}, {42.51, 1.50}, {42.51, 1.51}}, {{0, 1, 100'000}, {1, 2, 10'000}, {2, 0, 10'000}});
    const SegmentId road = segment_between(g, 0, 1);
    const std::vector<Snap> stations{snap_at(g, road, 0.5)};
    MultiSourceDijkstra multi(g);
    multi.run(seeds_for(g, stations));

    const Reach ahead = reach_point(multi, g, snap_at(g, road, 0.8), stations);
    CHECK(ahead.time == 30'000);
    CHECK(ahead.source == 0);
    // Behind: 50 s to node 1, 20 s round the loop, 20 s from node 0 to the point.
    const Reach behind = reach_point(multi, g, snap_at(g, road, 0.2), stations);
    CHECK(behind.time == 90'000);
    CHECK(behind.source == 0);
}

TEST_CASE("a station and a patient on the same two-way road: either side is driven directly") {
    const RoadGraph g = make_graph({{42.50, 1.50}, {42.51, 1.50}}, {{0, 1, 100'000}, {1, 0, 100'000}});
    const std::vector<Snap> stations{snap_at(g, SegmentId(0), 0.5)};
    MultiSourceDijkstra multi(g);
    multi.run(seeds_for(g, stations));

    CHECK(reach_point(multi, g, snap_at(g, SegmentId(0), 0.8), stations).time == 30'000);
    CHECK(reach_point(multi, g, snap_at(g, SegmentId(0), 0.2), stations).time == 30'000);
    CHECK(reach_point(multi, g, snap_at(g, SegmentId(0), 0.5), stations).time == 0);
}

TEST_CASE("with no station able to reach them, junctions and patients stay unreached") {
    const RoadGraph g = make_graph({{42.50, 1.50}, {42.51, 1.50}, {42.52, 1.50}}, {{0, 1, 10'000}, {1, 2, 10'000}});
    const std::vector<Snap> stations{snap_at(g, SegmentId(1), 1.0), Snap{}};
    const std::vector<SourceSeed> seeds = seeds_for(g, stations);
    CHECK(seeds.size() == 1);
    MultiSourceDijkstra multi(g);
    multi.run(seeds);
    CHECK_FALSE(multi.at(NodeId(0)).reached());
    CHECK(multi.at(NodeId(0)).source == kNoSource);
    const Reach patient = reach_point(multi, g, snap_at(g, SegmentId(0), 0.5), stations);
    CHECK_FALSE(patient.reached());
    CHECK(patient.source == kNoSource);
    CHECK_FALSE(reach_point(multi, g, Snap{}, stations).reached());
}

TEST_CASE("coverage beyond what the clock can count is unreached rather than wrapping round") {
    const RoadGraph g =
        make_graph({{42.50, 1.50}, {42.51, 1.50}, {42.52, 1.50}}, {{0, 1, 3'000'000'000u}, {1, 2, 3'000'000'000u}});
    MultiSourceDijkstra multi(g);
    const std::vector<SourceSeed> seeds{{NodeId(0), 0, 7}};
    multi.run(seeds);
    CHECK(multi.at(NodeId(1)).time == 3'000'000'000u);
    CHECK(multi.at(NodeId(1)).source == 7);
    CHECK_FALSE(multi.at(NodeId(2)).reached());
    const std::vector<Snap> stations{snap_at(g, SegmentId(0), 0.0)};
    CHECK_FALSE(reach_point(multi, g, snap_at(g, SegmentId(1), 0.9), stations).reached());
}
