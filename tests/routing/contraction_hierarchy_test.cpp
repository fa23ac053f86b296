#include <catch2/catch.hpp>

#include <thread>

#include "maps/osm_map.hpp"
#include "routing/ch_many_to_all.hpp"
#include "routing/ch_one_to_many.hpp"
#include "routing/ch_query.hpp"
#include "routing/multi_source_dijkstra.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/dijkstra.hpp"
#include "tests/routing/andorra_fixture.hpp"
#include "tests/routing/graph_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

// The geometry runs from the snapped start to the snapped end, and its length is the route's.
void check_geometry(const Route& route, const Snap& from, const Snap& to) {
    REQUIRE(route.geometry.size() >= 2);
    CHECK(route.geometry.front().lat == from.point.lat);
    CHECK(route.geometry.back().lon == to.point.lon);
    double polyline_m = 0;
    for (std::size_t i = 0; i + 1 < route.geometry.size(); ++i)
        polyline_m += geodesic_distance_m(route.geometry[i], route.geometry[i + 1]);
    CHECK(polyline_m == Approx(route.length_m).epsilon(1e-3).margin(0.5));
}

}  // namespace

TEST_CASE("the hierarchy answers exactly like Dijkstra on many small random road graphs") {
    std::mt19937 rng(2024);
    for (int round = 0; round < 400; ++round) {
        const RoadGraph g = random_graph(rng, 14);
        const ContractionHierarchy ch = build_contraction_hierarchy(g);
        REQUIRE(ch.check(g).empty());
        ChQuery fast(g, ch);
        DijkstraQuery slow(g);
        for (std::uint32_t u = 0; u < g.node_count(); ++u)
            for (std::uint32_t v = 0; v < g.node_count(); ++v) {
                const NodeSeed s{NodeId(u), 0}, t{NodeId(v), 0};
                INFO("round " << round << " from " << u << " to " << v);
                REQUIRE(fast.shortest_time({&s, 1}, {&t, 1}) == slow.shortest_time({&s, 1}, {&t, 1}));
            }
    }
}

TEST_CASE("the hierarchy of the bundled map is consistent and small") {
    const auto& a = andorra();
    CHECK(a.ch.check(a.map.graph).empty());
    CHECK(a.ch.node_count() == a.map.graph.node_count());
    // Road networks need fewer shortcuts than edges; far more would mean witness searches failing.
    CHECK(a.ch.shortcut_count() < a.map.graph.edge_count());
}

TEST_CASE("10,000 random junction pairs on the bundled map take exactly Dijkstra's time") {
    const auto& a = andorra();
    const RoadGraph& g = a.map.graph;
    ChQuery fast(g, a.ch);
    DijkstraQuery slow(g);
    std::mt19937 rng(31337);
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(g.node_count() - 1));
    for (int i = 0; i < 10000; ++i) {
        const NodeSeed s{NodeId(pick(rng)), 0}, t{NodeId(pick(rng)), 0};
        const TravelTime expected = slow.shortest_time({&s, 1}, {&t, 1});
        INFO("pair " << i << ": " << s.node.value() << " -> " << t.node.value());
        REQUIRE(fast.shortest_time({&s, 1}, {&t, 1}) == expected);
    }
}

TEST_CASE("routes between points part-way along the bundled map's roads match Dijkstra in time and length") {
    const auto& a = andorra();
    const RoadGraph& g = a.map.graph;
    ChQuery fast(g, a.ch);
    DijkstraQuery slow(g);
    std::mt19937 rng(7);
    for (int i = 0; i < 1000; ++i) {
        const Snap from = random_snap(g, rng), to = random_snap(g, rng);
        const Route expected = slow.route(from, to);
        const Route got = fast.route(from, to);
        INFO("pair " << i);
        REQUIRE(got.found == expected.found);
        if (!got.found) continue;
        REQUIRE(got.time == expected.time);
        check_geometry(got, from, to);
        // Equally fast routes may differ; their lengths rarely do by much.
        CHECK(got.length_m == Approx(expected.length_m).epsilon(0.2).margin(50));
    }
}

TEST_CASE("one-to-many and many-to-one from points part-way along roads equal repeated point-to-point") {
    const auto& a = andorra();
    const RoadGraph& g = a.map.graph;
    ChQuery single(g, a.ch);
    ChOneToMany many(a.ch);
    std::mt19937 rng(555);
    std::vector<TravelTime> times;
    for (int round = 0; round < 20; ++round) {
        std::vector<Snap> points;
        std::vector<NodeSeeds> arrivals, departures;
        for (int i = 0; i < 60; ++i) {
            points.push_back(random_snap(g, rng));
            arrivals.push_back(arrivals_at(g, points.back()));
            departures.push_back(departures_from(g, points.back()));
        }
        const Snap one = random_snap(g, rng);
        const NodeSeeds one_out = departures_from(g, one), one_in = arrivals_at(g, one);

        many.select_targets(arrivals);
        many.from({one_out.begin(), one_out.end()}, times);
        REQUIRE(times.size() == points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            INFO("round " << round << " to point " << i);
            REQUIRE(times[i] == single.shortest_time({one_out.begin(), one_out.end()},
                                                     {arrivals[i].begin(), arrivals[i].end()}));
        }
        many.select_sources(departures);
        many.to({one_in.begin(), one_in.end()}, times);
        for (std::size_t i = 0; i < points.size(); ++i) {
            INFO("round " << round << " from point " << i);
            REQUIRE(times[i] == single.shortest_time({departures[i].begin(), departures[i].end()},
                                                     {one_in.begin(), one_in.end()}));
        }
    }
}

TEST_CASE("many-to-many answers each source exactly once the targets are selected") {
    std::mt19937 rng(99);
    for (int round = 0; round < 200; ++round) {
        const RoadGraph g = random_graph(rng, 12);
        const ContractionHierarchy ch = build_contraction_hierarchy(g);
        ChOneToMany many(ch);
        DijkstraQuery slow(g);
        std::vector<NodeSeeds> targets;
        for (std::uint32_t v = 0; v < g.node_count(); ++v) {
            NodeSeeds s;
            s.items[0] = {NodeId(v), v * 7u};
            s.count = 1;
            targets.push_back(s);
        }
        many.select_targets(targets);
        std::vector<TravelTime> times;
        for (std::uint32_t u = 0; u < g.node_count(); ++u) {
            const NodeSeed source{NodeId(u), 3};
            many.from({&source, 1}, times);
            for (std::uint32_t v = 0; v < g.node_count(); ++v) {
                INFO("round " << round << " " << u << " -> " << v);
                REQUIRE(times[v] == slow.shortest_time({&source, 1}, {targets[v].begin(), targets[v].end()}));
            }
        }
    }
}

TEST_CASE("the hierarchy's many-to-all sweep finds the same nearest station and time as Dijkstra for every junction") {
    const auto& a = andorra();
    const RoadGraph& g = a.map.graph;
    MultiSourceDijkstra slow(g);
    ChManyToAll fast(a.ch);
    std::mt19937 rng(8);
    for (int round = 0; round < 8; ++round) {
        std::vector<Snap> stations;
        for (int i = 0; i < 1 + round * 3; ++i) stations.push_back(random_snap(g, rng));
        const auto seeds = seeds_for(g, stations);
        slow.run(seeds);
        fast.run(seeds);
        for (std::uint32_t v = 0; v < g.node_count(); ++v) {
            INFO("round " << round << " node " << v);
            REQUIRE(fast.at(NodeId(v)).time == slow.at(NodeId(v)).time);
            REQUIRE(fast.at(NodeId(v)).source == slow.at(NodeId(v)).source);
        }
        const Snap place = random_snap(g, rng);
        const Reach r1 = reach_point(slow, g, place, stations), r2 = reach_point(fast, g, place, stations);
        CHECK(r1.time == r2.time);
        CHECK(r1.source == r2.source);
    }
}

TEST_CASE("query objects on one shared hierarchy answer the same from several threads at once") {
    const auto& a = andorra();
    const RoadGraph& g = a.map.graph;
    std::mt19937 rng(4);
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(g.node_count() - 1));
    std::vector<std::pair<NodeSeed, NodeSeed>> pairs;
    for (int i = 0; i < 2000; ++i) pairs.push_back({{NodeId(pick(rng)), 0}, {NodeId(pick(rng)), 0}});
    std::vector<TravelTime> expected;
    {
        ChQuery single(g, a.ch);
        for (const auto& [s, t] : pairs) expected.push_back(single.shortest_time({&s, 1}, {&t, 1}));
    }
    std::vector<std::vector<TravelTime>> answers(3);
    std::vector<std::thread> threads;
    for (auto& out : answers)
        threads.emplace_back([&, &out = out] {
            ChQuery own(g, a.ch);  // one query object per thread, the index shared read-only
            for (const auto& [s, t] : pairs) out.push_back(own.shortest_time({&s, 1}, {&t, 1}));
        });
    for (auto& t : threads) t.join();
    for (const auto& out : answers) CHECK(out == expected);
}

TEST_CASE("journeys longer than the clock can count are unreachable in every hierarchy query, as in Dijkstra") {
    std::mt19937 rng(77);
    for (int round = 0; round < 150; ++round) {
        RoadGraph g = random_graph(rng, 10);
        for (TravelTime& t : g.time_ms) t *= 40'000;  // up to 4e9 ms: two edges overflow 32 bits
        const ContractionHierarchy ch = build_contraction_hierarchy(g);
        REQUIRE(ch.check(g).empty());
        ChQuery fast(g, ch);
        DijkstraQuery slow(g);
        ChOneToMany many(ch);
        std::vector<NodeSeeds> everyone(g.node_count());
        for (std::uint32_t v = 0; v < g.node_count(); ++v) {
            everyone[v].items[0] = {NodeId(v), 0};
            everyone[v].count = 1;
        }
        many.select_targets(everyone);
        std::vector<TravelTime> row;
        for (std::uint32_t u = 0; u < g.node_count(); ++u) {
            const NodeSeed s{NodeId(u), 0};
            many.from({&s, 1}, row);
            for (std::uint32_t v = 0; v < g.node_count(); ++v) {
                const NodeSeed t{NodeId(v), 0};
                const TravelTime expected = slow.shortest_time({&s, 1}, {&t, 1});
                INFO("round " << round << " from " << u << " to " << v);
                REQUIRE(fast.shortest_time({&s, 1}, {&t, 1}) == expected);
                REQUIRE(row[v] == expected);
            }
        }
        MultiSourceDijkstra all_slow(g);
        ChManyToAll all_fast(ch);
        const std::vector<SourceSeed> stations{{NodeId(0), 5, 0}, {NodeId(g.node_count() - 1), 0, 1}};
        all_slow.run(stations);
        all_fast.run(stations);
        for (std::uint32_t v = 0; v < g.node_count(); ++v) {
            INFO("round " << round << " node " << v);
            REQUIRE(all_fast.at(NodeId(v)).time == all_slow.at(NodeId(v)).time);
            REQUIRE(all_fast.at(NodeId(v)).source == all_slow.at(NodeId(v)).source);
        }
    }
}

TEST_CASE("query objects reused for thousands of queries answer exactly like fresh ones") {
    const auto& a = andorra();
    const RoadGraph& g = a.map.graph;
    ChQuery reused(g, a.ch);
    ChOneToMany reused_many(a.ch);
    ChManyToAll reused_all(a.ch);
    std::mt19937 rng(2718);
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(g.node_count() - 1));
    std::vector<TravelTime> row, fresh_row;
    for (int i = 0; i < 3000; ++i) {
        const NodeSeed s{NodeId(pick(rng)), 0}, t{NodeId(pick(rng)), 0};
        const TravelTime answer = reused.shortest_time({&s, 1}, {&t, 1});
        if (i % 100 != 0) continue;  // a fresh object costs a full-size allocation; compare a sample
        ChQuery fresh(g, a.ch);
        INFO("query " << i);
        REQUIRE(answer == fresh.shortest_time({&s, 1}, {&t, 1}));
    }
    for (int round = 0; round < 30; ++round) {
        // Alternate directions and selection sizes, so what one selection left behind would show.
        std::vector<NodeSeeds> points(round % 2 ? 5 : 40);
        for (NodeSeeds& p : points) p = round % 2 ? departures_from(g, random_snap(g, rng)) : arrivals_at(g, random_snap(g, rng));
        const NodeSeeds one = round % 2 ? arrivals_at(g, random_snap(g, rng)) : departures_from(g, random_snap(g, rng));
        ChOneToMany fresh(a.ch);
        if (round % 2) {
            reused_many.select_sources(points);
            reused_many.to({one.begin(), one.end()}, row);
            fresh.select_sources(points);
            fresh.to({one.begin(), one.end()}, fresh_row);
        } else {
            reused_many.select_targets(points);
            reused_many.from({one.begin(), one.end()}, row);
            fresh.select_targets(points);
            fresh.from({one.begin(), one.end()}, fresh_row);
        }
        INFO("round " << round);
        REQUIRE(row == fresh_row);
    }
    for (int round = 0; round < 4; ++round) {
        std::vector<Snap> stations;
        for (int i = 0; i < 1 + 5 * round; ++i) stations.push_back(random_snap(g, rng));
        const auto seeds = seeds_for(g, stations);
        reused_all.run(seeds);
        ChManyToAll fresh(a.ch);
        fresh.run(seeds);
        for (std::uint32_t v = 0; v < g.node_count(); ++v) {
            INFO("round " << round << " node " << v);
            REQUIRE(reused_all.at(NodeId(v)).time == fresh.at(NodeId(v)).time);
            REQUIRE(reused_all.at(NodeId(v)).source == fresh.at(NodeId(v)).source);
        }
    }
}

TEST_CASE("a hierarchy matches the graph it was built for and no graph of another size") {
    const auto& a = andorra();
    CHECK(a.ch.matches(a.map.graph));
    std::mt19937 rng(1);
    RoadGraph other = random_graph(rng, 14);
    while (other.node_count() == a.map.graph.node_count()) other = random_graph(rng, 14);
    CHECK_FALSE(a.ch.matches(other));
}
