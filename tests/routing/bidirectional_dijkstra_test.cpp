#include <catch2/catch.hpp>

#include "maps/osm_map.hpp"
#include "routing/bidirectional_dijkstra.hpp"
#include "routing/dijkstra.hpp"
#include "tests/routing/graph_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

TEST_CASE("meeting in the middle gives the same drive time as a one-sided search on random road graphs") {
    std::mt19937 rng(4242);
    for (int round = 0; round < 500; ++round) {
        const RoadGraph g = random_graph(rng, 12);
        const ReverseAdjacency reverse(g);
        BidirectionalDijkstra both(g, reverse);
        DijkstraQuery one(g);
        for (std::uint32_t u = 0; u < g.node_count(); ++u)
            for (std::uint32_t v = 0; v < g.node_count(); ++v) {
                const NodeSeed s{NodeId(u), 0}, t{NodeId(v), 0};
                INFO("round " << round << " from " << u << " to " << v);
                REQUIRE(both.shortest_time({&s, 1}, {&t, 1}) == one.shortest_time({&s, 1}, {&t, 1}));
            }
    }
}

TEST_CASE("meeting in the middle between points part-way along Andorra's roads matches Dijkstra") {
    const OsmMap map = read_osm_map(EMS120_SOURCE_DIR "/maps/data/andorra.osm.pbf", RoadProfile::ambulance_default(), {});
    const RoadGraph& g = map.graph;
    const ReverseAdjacency reverse(g);
    BidirectionalDijkstra both(g, reverse);
    DijkstraQuery one(g);
    std::mt19937 rng(99);
    for (int i = 0; i < 300; ++i) {
        const Snap from = random_snap(g, rng), to = random_snap(g, rng);
        const NodeSeeds out = departures_from(g, from), in = arrivals_at(g, to);
        const std::span<const NodeSeed> sources(out.begin(), out.end()), targets(in.begin(), in.end());
        INFO("pair " << i);
        REQUIRE(both.shortest_time(sources, targets) == one.shortest_time(sources, targets));
    }
}
