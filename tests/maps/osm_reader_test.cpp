#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "maps/input_error.hpp"
#include "maps/representative_point.hpp"
#include "tests/maps/osm_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {
const std::string kFourNodes = equator_node(1, 0) + equator_node(2, 1) + equator_node(3, 2) + equator_node(4, 3);
}

TEST_CASE("a residential street is driven both ways at 25 km/h, timed by its geodesic length") {
    TempDir dir;
    const OsmMap map = read_fixture(dir, kFourNodes + way(10, {1, 2, 3, 4}, tag("highway", "residential")));
    const RoadGraph& g = map.graph;
    REQUIRE(g.node_count() == 4);
    REQUIRE(g.edge_count() == 6);
    REQUIRE(g.segments.size() == 3);
    const EdgeId e = edge_between(g, 1, 2);
    REQUIRE(e.valid());
    CHECK(g.length_m[e.value()] == Approx(kStepM).epsilon(1e-6));
    CHECK(g.time(e) == expected_ms(kStepM, 25));
    CHECK(g.time(e) == 16030);  // 111.319 m at 25 km/h, worked out by hand
    CHECK(edge_between(g, 2, 1).valid());
    CHECK(g.osm_way_id[e.value()] == 10);
}

TEST_CASE("oneway=yes allows only the way's direction, oneway=-1 only the opposite") {
    TempDir dir;
    const OsmMap map = read_fixture(dir, kFourNodes + way(10, {1, 2}, tag("highway", "primary") + tag("oneway", "yes")) +
                                             way(11, {2, 3}, tag("highway", "primary") + tag("oneway", "-1")) +
                                             way(12, {3, 4}, tag("highway", "primary") + tag("oneway", "no")));
    const RoadGraph& g = map.graph;
    CHECK(edge_between(g, 1, 2).valid());
    CHECK_FALSE(edge_between(g, 2, 1).valid());
    CHECK_FALSE(edge_between(g, 2, 3).valid());
    CHECK(edge_between(g, 3, 2).valid());
    CHECK(edge_between(g, 3, 4).valid());
    CHECK(edge_between(g, 4, 3).valid());
}

TEST_CASE("motorways and roundabouts are oneway unless tagged oneway=no") {
    TempDir dir;
    const OsmMap map = read_fixture(dir, kFourNodes + way(10, {1, 2}, tag("highway", "motorway")) +
                                             way(11, {2, 3}, tag("highway", "tertiary") + tag("junction", "roundabout")) +
                                             way(12, {3, 4}, tag("highway", "motorway") + tag("oneway", "no")));
    const RoadGraph& g = map.graph;
    CHECK(edge_between(g, 1, 2).valid());
    CHECK_FALSE(edge_between(g, 2, 1).valid());
    CHECK(edge_between(g, 2, 3).valid());
    CHECK_FALSE(edge_between(g, 3, 2).valid());
    CHECK(edge_between(g, 3, 4).valid());
    CHECK(edge_between(g, 4, 3).valid());
    CHECK(g.time(edge_between(g, 1, 2)) == expected_ms(kStepM, 90));
}

TEST_CASE("a valid maxspeed replaces the class speed; none and nonsense are ignored") {
    TempDir dir;
    const std::string nodes = kFourNodes + equator_node(5, 4);
    const OsmMap map = read_fixture(
        dir, nodes + way(10, {1, 2}, tag("highway", "residential") + tag("maxspeed", "50")) +
                 way(11, {2, 3}, tag("highway", "residential") + tag("maxspeed", "30 mph")) +
                 way(12, {3, 4}, tag("highway", "residential") + tag("maxspeed", "none")) +
                 way(13, {4, 5}, tag("highway", "residential") + tag("maxspeed", "fast")));
    const RoadGraph& g = map.graph;
    CHECK(g.time(edge_between(g, 1, 2)) == expected_ms(kStepM, 50));
    CHECK(g.time(edge_between(g, 2, 3)) == expected_ms(kStepM, 48.28032));
    CHECK(g.time(edge_between(g, 3, 4)) == expected_ms(kStepM, 25));
    CHECK(g.time(edge_between(g, 4, 5)) == expected_ms(kStepM, 25));
}

TEST_CASE("access=no closes a road to the ambulance unless emergency=yes or ambulance=designated opens it") {
    TempDir dir;
    const std::string nodes = kFourNodes + equator_node(5, 4) + equator_node(6, 5);
    const OsmMap map = read_fixture(
        dir, nodes + way(10, {1, 2}, tag("highway", "service") + tag("access", "no")) +
                 way(11, {2, 3}, tag("highway", "service") + tag("access", "no") + tag("emergency", "yes")) +
                 way(12, {3, 4}, tag("highway", "service") + tag("motor_vehicle", "private")) +
                 way(13, {4, 5}, tag("highway", "service") + tag("motorcar", "no") + tag("ambulance", "designated")) +
                 way(14, {5, 6}, tag("highway", "service") + tag("access", "private")));
    const RoadGraph& g = map.graph;
    CHECK_FALSE(edge_between(g, 1, 2).valid());
    CHECK(edge_between(g, 2, 3).valid());
    CHECK_FALSE(edge_between(g, 3, 4).valid());
    CHECK(edge_between(g, 4, 5).valid());
    CHECK_FALSE(edge_between(g, 5, 6).valid());
    CHECK(map.summary.ways_closed_by_access == 3);
    CHECK(map.summary.road_ways == 2);
}

TEST_CASE("pedestrian areas, roads under construction and footways are not roads") {
    TempDir dir;
    const OsmMap map = read_fixture(
        dir, kFourNodes + way(10, {1, 2}, tag("highway", "residential")) +
                 way(11, {2, 3}, tag("highway", "residential") + tag("area", "yes")) +
                 way(12, {3, 4}, tag("highway", "construction")) + way(13, {1, 4}, tag("highway", "footway")));
    CHECK(map.graph.node_count() == 2);
    CHECK(map.summary.road_ways == 1);
}

TEST_CASE("road networks below the minimum size are dropped and counted") {
    TempDir dir;
    std::string body;
    for (int i = 1; i <= 8; ++i) body += equator_node(i, i);
    body += way(10, {1, 2, 3, 4, 5}, tag("highway", "unclassified"));  // 5 nodes
    body += way(11, {6, 7, 8}, tag("highway", "unclassified"));        // 3 nodes, not connected
    const OsmMap map = read_fixture(dir, body, 4);
    CHECK(map.graph.node_count() == 5);
    CHECK(map.summary.graph.nodes_dropped == 3);
    CHECK(map.summary.graph.components_dropped == 1);
    CHECK(map.summary.graph.components_kept == 1);
    for (auto osm : map.graph.osm_node_id) CHECK(osm <= 5);
}

TEST_CASE("a oneway dead end that cannot be left is not part of the routable network") {
    TempDir dir;
    // 1-2-3 two-way, 3->4 oneway into a dead end: 4 can be reached but never left.
    const OsmMap map = read_fixture(dir, kFourNodes + way(10, {1, 2, 3}, tag("highway", "residential")) +
                                             way(11, {3, 4}, tag("highway", "residential") + tag("oneway", "yes")),
                                    2);
    CHECK(map.graph.node_count() == 3);
    CHECK(map.summary.graph.nodes_dropped == 1);
}

TEST_CASE("places come from nodes and from areas, with a point inside the area") {
    TempDir dir;
    std::string body = kFourNodes + way(10, {1, 2, 3, 4}, tag("highway", "residential"));
    body += "<node id='20' lat='0.001' lon='0.001' version='1'>" + tag("place", "village") + tag("name", "Hedong") +
            tag("name:zh", "河东村") + tag("population", "1 250") + "</node>\n";
    body += "<node id='21' lat='0.002' lon='0.002' version='1'>" + tag("place", "hamlet") + tag("name:zh", "荷坳村") +
            "</node>\n";
    // A C-shaped village whose centroid falls in the gap: the point must still be inside it.
    const double c[][2] = {{0.010, 0.010}, {0.010, 0.016}, {0.012, 0.016}, {0.012, 0.012}, {0.018, 0.012},
                           {0.018, 0.016}, {0.020, 0.016}, {0.020, 0.010}};
    for (int i = 0; i < 8; ++i)
        body += "<node id='" + std::to_string(30 + i) + "' lat='" + std::to_string(c[i][0]) + "' lon='" +
                std::to_string(c[i][1]) + "' version='1'/>\n";
    body += way(40, {30, 31, 32, 33, 34, 35, 36, 37, 30}, tag("place", "village") + tag("name", "Crescent"));
    body += "<node id='50' lat='0' lon='0.0025' version='1'>" + tag("amenity", "hospital") + tag("name", "County Hospital") +
            "</node>\n";
    const OsmMap map = read_fixture(dir, body);
    REQUIRE(map.places.size() == 3);
    CHECK(map.places[0].source_id == "n20");
    CHECK(map.places[0].name == "Hedong");
    CHECK(map.places[0].name_zh == "河东村");
    CHECK(map.places[0].population == 1250);
    CHECK(map.places[1].name == "荷坳村");  // only name:zh: it becomes the name, bytes intact
    const MapPoint& area = map.places[2];
    CHECK(area.source_id == "w40");
    CHECK(area.kind == "village");
    PolygonRings crescent;
    for (const auto& corner : c) crescent.outer.push_back({corner[0], corner[1]});
    CHECK(polygon_contains(crescent, area.location));
    CHECK_FALSE(polygon_contains(crescent, {0.015, 0.0145}));  // the centroid lies in the gap
    REQUIRE(map.hospitals.size() == 1);
    CHECK(map.hospitals[0].name == "County Hospital");
    CHECK(map.stations.empty());
}

TEST_CASE("a village mapped as a multipolygon relation is a place at a point inside its outer ring") {
    TempDir dir;
    std::string body = kFourNodes + way(10, {1, 2, 3, 4}, tag("highway", "residential"));
    const double sq[][2] = {{0.01, 0.01}, {0.01, 0.02}, {0.02, 0.02}, {0.02, 0.01}};
    for (int i = 0; i < 4; ++i)
        body += "<node id='" + std::to_string(60 + i) + "' lat='" + std::to_string(sq[i][0]) + "' lon='" +
                std::to_string(sq[i][1]) + "' version='1'/>\n";
    body += way(70, {60, 61, 62}, "") + way(71, {62, 63, 60}, "");
    body += "<relation id='80' version='1'><member type='way' ref='70' role='outer'/><member type='way' ref='71' "
            "role='outer'/>" +
            tag("type", "multipolygon") + tag("place", "village") + tag("name", "Square") + "</relation>\n";
    const OsmMap map = read_fixture(dir, body);
    REQUIRE(map.places.size() == 1);
    CHECK(map.places[0].source_id == "r80");
    CHECK(map.places[0].location.lat == Approx(0.015));
    CHECK(map.places[0].location.lon == Approx(0.015));
}

TEST_CASE("a map without drivable roads is refused with its name") {
    TempDir dir;
    CHECK_THROWS_WITH(read_fixture(dir, kFourNodes + way(10, {1, 2}, tag("highway", "footway"))),
                      Catch::Contains("fixture.osm") && Catch::Contains("no drivable roads"));
}

TEST_CASE("a road network smaller than the minimum everywhere is refused, naming the largest") {
    TempDir dir;
    CHECK_THROWS_WITH(read_fixture(dir, kFourNodes + way(10, {1, 2, 3, 4}, tag("highway", "residential")), 1000),
                      Catch::Contains("largest has 4"));
}

TEST_CASE("missing, truncated and corrupt map files give one clear error") {
    TempDir dir;
    const auto profile = RoadProfile::ambulance_default();
    CHECK_THROWS_AS(read_osm_map(dir.file("nope.osm.pbf"), profile, {}), InputError);
    CHECK_THROWS_WITH(read_osm_map(dir.file("nope.osm.pbf"), profile, {}), Catch::Contains("no such file"));

    const std::string source = std::string(EMS120_SOURCE_DIR) + "/maps/data/andorra.osm.pbf";
    std::ifstream in(source, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(bytes.size() > 100000);
    const std::string truncated = dir.write("truncated.osm.pbf", bytes.substr(0, bytes.size() / 2));
    CHECK_THROWS_WITH(read_osm_map(truncated, profile, {}), Catch::Contains("truncated.osm.pbf"));
    std::string flipped = bytes;
    for (std::size_t i = 2000; i < flipped.size(); i += 997) flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    const std::string corrupt = dir.write("corrupt.osm.pbf", flipped);
    CHECK_THROWS_AS(read_osm_map(corrupt, profile, {}), InputError);
    const std::string garbage = dir.write("garbage.osm.pbf", "this is not a protocol buffer at all");
    CHECK_THROWS_AS(read_osm_map(garbage, profile, {}), InputError);
    const std::string bad_xml = dir.write("bad.osm", "<osm><node id='1' lat='0' lon='0'>");
    CHECK_THROWS_AS(read_osm_map(bad_xml, profile, {}), InputError);
    CHECK_THROWS_WITH(read_osm_map(dir.path().string(), profile, {}), Catch::Contains("directory"));
}
