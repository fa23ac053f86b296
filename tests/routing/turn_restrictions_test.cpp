#include <algorithm>
#include <catch2/catch.hpp>

#include "maps/map_file.hpp"
#include "routing/ch_query.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/dijkstra.hpp"
#include "routing/multi_source_dijkstra.hpp"
#include "routing/route_endpoint.hpp"
#include "tests/maps/osm_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

// A node on a small grid: row = 0.001 degrees of latitude, col = 0.001 degrees of longitude.
std::string grid_node(int id, int row, int col) {
    return "<node id='" + std::to_string(id) + "' lat='" + std::to_string(row * 0.001) + "' lon='" +
           std::to_string(col * 0.001) + "' version='1'/>\n";
}

std::string restriction(int id, const std::string& kind, int from, int via, int to, const std::string& extra_tags = "") {
    return "<relation id='" + std::to_string(id) + "' version='1'><member type='way' ref='" + std::to_string(from) +
           "' role='from'/><member type='node' ref='" + std::to_string(via) + "' role='via'/><member type='way' ref='" +
           std::to_string(to) + "' role='to'/>" + tag("type", "restriction") + tag("restriction", kind) + extra_tags +
           "</relation>\n";
}

//   5 ---- 6        row 1
//   |      |
//   2 ---- 3        row 0, with 1 west of 2
//  /
// 1
// The way in from 1 (w10) meets the road north (w12) at 2; the detour goes 2-3-6-5.
const std::string kBlock = grid_node(1, 0, 0) + grid_node(2, 0, 1) + grid_node(3, 0, 2) + grid_node(5, 1, 1) +
                           grid_node(6, 1, 2) + way(10, {1, 2}, tag("highway", "residential")) +
                           way(11, {2, 3}, tag("highway", "residential")) + way(12, {2, 5}, tag("highway", "residential")) +
                           way(13, {5, 6}, tag("highway", "residential")) + way(14, {3, 6}, tag("highway", "residential"));

NodeId node(const RoadGraph& g, std::int64_t osm) {
    for (std::uint32_t v = 0; v < g.node_count(); ++v)
        if (g.osm_node_id[v] == osm && g.original(NodeId(v)) == NodeId(v)) return NodeId(v);
    return NodeId::invalid();
}

TravelTime edge_time(const RoadGraph& g, std::int64_t a, std::int64_t b) { return g.time(edge_between(g, a, b)); }

TravelTime drive(const RoadGraph& g, std::int64_t from, std::int64_t to) {
    DijkstraQuery q(g);
    const NodeSeed s{node(g, from), 0}, t{node(g, to), 0};
    return q.shortest_time({&s, 1}, {&t, 1});
}

// The restricted time must not depend on which algorithm answers.
void check_ch_agrees(const RoadGraph& g) {
    const ContractionHierarchy ch = build_contraction_hierarchy(g);
    ChQuery fast(g, ch);
    DijkstraQuery slow(g);
    for (std::uint32_t u = 0; u < g.node_count(); ++u)
        for (std::uint32_t v = 0; v < g.node_count(); ++v) {
            const NodeSeed s{NodeId(u), 0}, t{NodeId(v), 0};
            REQUIRE(fast.shortest_time({&s, 1}, {&t, 1}) == slow.shortest_time({&s, 1}, {&t, 1}));
        }
}

Snap halfway(const RoadGraph& g, std::int64_t a, std::int64_t b) {
    for (std::uint32_t i = 0; i < g.segments.size(); ++i) {
        const RoadSegment& s = g.segments[i];
        const bool forward = g.osm_node_id[s.a.value()] == a && g.osm_node_id[s.b.value()] == b;
        const bool backward = g.osm_node_id[s.a.value()] == b && g.osm_node_id[s.b.value()] == a;
        if (!forward && !backward) continue;
        Snap snap;
        snap.segment = SegmentId(i);
        snap.fraction = 0.5;
        snap.point = {(g.at(s.a).lat + g.at(s.b).lat) / 2, (g.at(s.a).lon + g.at(s.b).lon) / 2};
        return snap;
    }
    return {};
}

}  // namespace

TEST_CASE("without restrictions the ambulance turns left at the junction straight up the road") {
    const TempDir dir;
    const OsmMap map = read_fixture(dir, kBlock);
    // One node per junction and two edges per two-way road: nothing is split.
    CHECK(map.graph.node_count() == 5);
    CHECK(map.graph.edge_count() == 10);
    CHECK(map.graph.copy_of.empty());
    CHECK(map.graph.edge_duplicates.empty());
    CHECK(drive(map.graph, 1, 5) == edge_time(map.graph, 1, 2) + edge_time(map.graph, 2, 5));
}

TEST_CASE("a no_left_turn sends the ambulance round the block, and the hierarchy agrees") {
    const TempDir dir;
    const OsmMap map = read_fixture(dir, kBlock + restriction(90, "no_left_turn", 10, 2, 12));
    const RoadGraph& g = map.graph;
    CHECK(map.summary.restrictions.applied == 1);
    CHECK(map.summary.restrictions.node_copies == 1);
    CHECK(g.copy_of.size() == 1);
    // The copy of 2 reached from 1 keeps the two allowed exits: back to 1 and on to 3.
    CHECK(g.node_count() == 6);
    CHECK(g.edge_count() == 12);
    CHECK(g.original(NodeId(5)) == node(g, 2));
    CHECK(drive(g, 1, 5) == edge_time(g, 1, 2) + edge_time(g, 2, 3) + edge_time(g, 3, 6) + edge_time(g, 6, 5));
    // Only the turn is forbidden: from the east the road north is still taken directly.
    CHECK(drive(g, 3, 5) == edge_time(g, 3, 2) + edge_time(g, 2, 5));
    CHECK(drive(g, 1, 3) == edge_time(g, 1, 2) + edge_time(g, 2, 3));
    check_ch_agrees(g);
}

TEST_CASE("an only_straight_on forbids every other way out of the junction, the way back included") {
    const TempDir dir;
    const OsmMap map = read_fixture(dir, kBlock + restriction(91, "only_straight_on", 10, 2, 11));
    const RoadGraph& g = map.graph;
    CHECK(drive(g, 1, 5) == edge_time(g, 1, 2) + edge_time(g, 2, 3) + edge_time(g, 3, 6) + edge_time(g, 6, 5));
    // Back to 1 after reaching 2 from 1 means going round the block and arriving from 5 or 3.
    CHECK(drive(g, 1, 3) == edge_time(g, 1, 2) + edge_time(g, 2, 3));
    check_ch_agrees(g);
}

TEST_CASE("a restriction on a way that runs through the junction applies to arrivals from both sides") {
    const TempDir dir;
    const std::string through = grid_node(1, 0, 0) + grid_node(2, 0, 1) + grid_node(3, 0, 2) + grid_node(5, 1, 1) +
                                grid_node(6, 1, 2) + grid_node(7, 1, 0) + way(20, {1, 2, 3}, tag("highway", "residential")) +
                                way(12, {2, 5}, tag("highway", "residential")) + way(13, {5, 6, 3}, tag("highway", "residential")) +
                                way(15, {1, 7, 5}, tag("highway", "residential"));
    const OsmMap map = read_fixture(dir, through + restriction(92, "no_left_turn", 20, 2, 12));
    const RoadGraph& g = map.graph;
    CHECK(drive(g, 1, 5) == edge_time(g, 1, 7) + edge_time(g, 7, 5));
    CHECK(drive(g, 3, 5) == edge_time(g, 3, 6) + edge_time(g, 6, 5));
    check_ch_agrees(g);
}

TEST_CASE("an ambulance part-way along the restricted road turns at the next junction and comes back to turn up the road") {
    const TempDir dir;
    const OsmMap map = read_fixture(dir, kBlock + restriction(90, "no_left_turn", 10, 2, 12));
    const RoadGraph& g = map.graph;
    const Snap from = halfway(g, 1, 2), to = halfway(g, 2, 5);
    // Straight on to 3, turn there, and back to 2 from the east, where turning north is allowed;
    // cheaper than round the block by 6 (a U-turn at a junction is allowed unless restricted).
    const TravelTime expected = partial_time(edge_time(g, 1, 2), 0.5) + edge_time(g, 2, 3) + edge_time(g, 3, 2) +
                                partial_time(edge_time(g, 2, 5), 0.5);
    DijkstraQuery slow(g);
    CHECK(slow.route(from, to).time == expected);
    const ContractionHierarchy ch = build_contraction_hierarchy(g);
    ChQuery fast(g, ch);
    const Route route = fast.route(from, to);
    CHECK(route.time == expected);
    CHECK(route.geometry.size() == 5);  // start, 2 (as its copy), 3, 2, end
    // A station on the restricted road covers that point by the same detour.
    MultiSourceDijkstra search(g);
    const std::vector<Snap> stations = {from};
    search.run(seeds_for(g, stations));
    CHECK(reach_point(search, g, to, stations).time == expected);
}

TEST_CASE("restrictions that exempt emergency vehicles, or bind only lorries, do not bind the ambulance") {
    const TempDir dir;
    const std::string lorries = "<relation id='95' version='1'><member type='way' ref='10' role='from'/>"
                                "<member type='node' ref='2' role='via'/><member type='way' ref='12' role='to'/>" +
                                tag("type", "restriction") + tag("restriction:hgv", "no_left_turn") + "</relation>\n";
    const OsmMap map = read_fixture(
        dir, kBlock + restriction(93, "no_left_turn", 10, 2, 12, tag("except", "psv;emergency")) + lorries);
    CHECK(map.graph.copy_of.empty());
    CHECK(map.summary.restrictions.ignored_other == 2);
    CHECK(drive(map.graph, 1, 5) == edge_time(map.graph, 1, 2) + edge_time(map.graph, 2, 5));
}

TEST_CASE("malformed restrictions and restrictions via a way are counted and ignored") {
    const TempDir dir;
    const std::string no_to = "<relation id='96' version='1'><member type='way' ref='10' role='from'/>"
                              "<member type='node' ref='2' role='via'/>" +
                              tag("type", "restriction") + tag("restriction", "no_left_turn") + "</relation>\n";
    const std::string via_way = "<relation id='97' version='1'><member type='way' ref='10' role='from'/>"
                                "<member type='way' ref='11' role='via'/><member type='way' ref='14' role='to'/>" +
                                tag("type", "restriction") + tag("restriction", "no_left_turn") + "</relation>\n";
    const OsmMap map = read_fixture(dir, kBlock + no_to + via_way + restriction(98, "no_entry", 10, 2, 12) +
                                             restriction(99, "no_left_turn", 10, 777, 12));
    CHECK(map.summary.restrictions.ignored_other == 2);
    CHECK(map.summary.restrictions.ignored_via_way == 1);
    CHECK(map.summary.restrictions.not_in_graph == 1);  // via node 777 is not on the map
    CHECK(map.graph.copy_of.empty());
}

TEST_CASE("junction copies and their edges survive the graph cache") {
    const TempDir dir;
    const OsmMap map = read_fixture(dir, kBlock + restriction(90, "no_left_turn", 10, 2, 12));
    BinaryWriter out;
    put_osm_map(out, map);
    const std::string bytes = seal_map_file({1, 2}, out.bytes());
    BinaryReader in(open_map_file(bytes, "x.ems").payload, "x.ems");
    const OsmMap copy = get_osm_map(in);
    CHECK(copy.graph.copy_of == map.graph.copy_of);
    REQUIRE(copy.graph.edge_duplicates.size() == map.graph.edge_duplicates.size());
    CHECK(copy.summary.restrictions.applied == 1);
    CHECK(drive(copy.graph, 1, 5) == drive(map.graph, 1, 5));
}

TEST_CASE("two restrictions on the same way in leave only the exits both allow") {
    const TempDir dir;
    // Neither left nor straight on: from 1 the only way on from 2 is back, and 1 is a dead end.
    const OsmMap map = read_fixture(dir, kBlock + restriction(90, "no_left_turn", 10, 2, 12) +
                                             restriction(94, "no_straight_on", 10, 2, 11));
    const RoadGraph& g = map.graph;
    CHECK(map.summary.restrictions.applied == 2);
    CHECK(map.summary.restrictions.node_copies == 1);
    CHECK(drive(g, 1, 5) == kUnreachable);
    CHECK(drive(g, 1, 3) == kUnreachable);
    CHECK(drive(g, 3, 1) == edge_time(g, 3, 2) + edge_time(g, 2, 1));
    check_ch_agrees(g);
}

TEST_CASE("a no_u_turn on a road that runs on through the junction still lets the ambulance drive straight on") {
    const TempDir dir;
    const std::string through = grid_node(1, 0, 0) + grid_node(2, 0, 1) + grid_node(3, 0, 2) + grid_node(5, 1, 1) +
                                way(20, {1, 2, 3}, tag("highway", "residential")) +
                                way(12, {2, 5}, tag("highway", "residential"));
    const OsmMap map = read_fixture(dir, through + restriction(92, "no_u_turn", 20, 2, 20));
    const RoadGraph& g = map.graph;
    CHECK(map.summary.restrictions.applied == 1);
    CHECK(map.summary.restrictions.node_copies == 2);  // one for each side the road comes in from
    CHECK(drive(g, 1, 3) == edge_time(g, 1, 2) + edge_time(g, 2, 3));
    CHECK(drive(g, 3, 1) == edge_time(g, 3, 2) + edge_time(g, 2, 1));
    // Turning back at 2 is what is forbidden: from 1, the copy of 2 has no edge back to 1.
    const NodeId copy = g.head_of(edge_between(g, 1, 2));
    REQUIRE(g.original(copy) == node(g, 2));
    REQUIRE(copy != node(g, 2));
    for (std::uint32_t e = g.out_begin(copy); e < g.out_end(copy); ++e) CHECK(g.osm_node_id[g.head[e].value()] != 1);
    // So the way back from 1 past 2 to 1 turns at 5 or 3 (both dead ends) instead.
    check_ch_agrees(g);
}

namespace {

// Eight dead-end roads (ways 31..38 from spokes 1..8) meet at junction 100; restriction i forbids
// turning from way 30+i into the next way round (30+i+1), for the first `count` spokes.
std::string star(int count) {
    const int rows[] = {0, 0, 0, 1, 2, 2, 2, 1}, cols[] = {0, 1, 2, 2, 2, 1, 0, 0};
    std::string osm = grid_node(100, 1, 1);
    for (int i = 1; i <= 8; ++i) osm += grid_node(i, rows[i - 1], cols[i - 1]);
    for (int i = 1; i <= 8; ++i) osm += way(30 + i, {i, 100}, tag("highway", "residential"));
    for (int i = 1; i <= count; ++i) osm += restriction(80 + i, "no_right_turn", 30 + i, 100, 30 + i % 8 + 1);
    return osm;
}

}  // namespace

TEST_CASE("an ambulance that may not turn into the next road turns back at another dead end first") {
    const TempDir dir;
    const OsmMap map = read_fixture(dir, star(6));
    const RoadGraph& g = map.graph;
    CHECK(map.summary.restrictions.applied == 6);
    CHECK(map.summary.restrictions.node_copies == 6);
    TravelTime cheapest_turn = kUnreachable;
    for (int k = 3; k <= 8; ++k) cheapest_turn = std::min(cheapest_turn, edge_time(g, 100, k) + edge_time(g, k, 100));
    CHECK(drive(g, 1, 2) == edge_time(g, 1, 100) + cheapest_turn + edge_time(g, 100, 2));
    // Onto road 2 one drives from the junction itself and from every copy but spoke 1's; off it,
    // only from 2.
    CHECK(arrivals_at(g, halfway(g, 100, 2)).count == 1 + 5 + 1);
    check_ch_agrees(g);
}

TEST_CASE("a junction with more different restricted ways in than copies allow is left unrestricted and counted") {
    const TempDir dir;
    const OsmMap map = read_fixture(dir, star(8));
    CHECK(map.summary.restrictions.too_complex == 8);
    CHECK(map.summary.restrictions.applied == 0);
    CHECK(map.graph.copy_of.empty());
    CHECK(drive(map.graph, 1, 2) == edge_time(map.graph, 1, 100) + edge_time(map.graph, 100, 2));
}
