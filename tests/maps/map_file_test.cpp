#include <catch2/catch.hpp>

#include "maps/input_error.hpp"
#include "maps/map_file.hpp"
#include "tests/maps/osm_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

const OsmMap& andorra() {
    static const OsmMap map = read_osm_map(EMS120_SOURCE_DIR "/maps/data/andorra.osm.pbf", RoadProfile::ambulance_default(), {});
    return map;
}

std::string sealed(const OsmMap& map, MapFileIdentity identity = {1, 2}) {
    BinaryWriter out;
    put_osm_map(out, map);
    return seal_map_file(identity, out.bytes());
}

OsmMap reopen(const std::string& bytes) {
    const OpenedMapFile opened = open_map_file(bytes, "x.ems");
    BinaryReader in(opened.payload, "x.ems");
    OsmMap map = get_osm_map(in);
    if (!in.at_end()) in.fail("trailing bytes");
    return map;
}

}  // namespace

TEST_CASE("a cached map comes back with the same graph, places and summary") {
    const OsmMap& original = andorra();
    const OsmMap copy = reopen(sealed(original));
    CHECK(copy.graph.node_count() == original.graph.node_count());
    CHECK(copy.graph.edge_count() == original.graph.edge_count());
    CHECK(copy.graph.time_ms == original.graph.time_ms);
    CHECK(copy.graph.head == original.graph.head);
    CHECK(copy.graph.first_out == original.graph.first_out);
    CHECK(copy.graph.osm_way_id == original.graph.osm_way_id);
    CHECK(copy.graph.segments.size() == original.graph.segments.size());
    CHECK(copy.graph.road_class_names == original.graph.road_class_names);
    CHECK(copy.graph.component_count == original.graph.component_count);
    REQUIRE(copy.places.size() == original.places.size());
    for (std::size_t i = 0; i < copy.places.size(); ++i) {
        CHECK(copy.places[i].name == original.places[i].name);
        CHECK(copy.places[i].source_id == original.places[i].source_id);
        CHECK(copy.places[i].population == original.places[i].population);
        CHECK(copy.places[i].location.lat == original.places[i].location.lat);
    }
    CHECK(copy.hospitals.size() == original.hospitals.size());
    CHECK(copy.summary.osm_ways == original.summary.osm_ways);
    CHECK(copy.summary.graph.nodes_dropped == original.summary.graph.nodes_dropped);
}

TEST_CASE("a cache file that is cut short at any point is refused, never half-loaded") {
    const std::string bytes = sealed(andorra());
    for (const std::size_t keep : {std::size_t{0}, std::size_t{7}, std::size_t{47}, std::size_t{48}, bytes.size() / 2,
                                   bytes.size() - 1})
        CHECK_THROWS_AS(reopen(bytes.substr(0, keep)), InputError);
}

TEST_CASE("a flipped byte anywhere in a cache file is caught by the checksum") {
    const std::string bytes = sealed(andorra());
    for (const std::size_t at : {std::size_t{60}, bytes.size() / 3, bytes.size() - 3}) {
        std::string bad = bytes;
        bad[at] = static_cast<char>(bad[at] ^ 0x10);
        CHECK_THROWS_WITH(reopen(bad), Catch::Contains("checksum"));
    }
}

TEST_CASE("a file that is not an ems120 map, or of another format version, says so") {
    CHECK_THROWS_WITH(reopen(std::string(100, 'x')), Catch::Contains("not an ems120 map file"));
    std::string bytes = sealed(andorra());
    bytes[8] = 99;  // the version field follows the 8-byte magic
    CHECK_THROWS_WITH(reopen(bytes), Catch::Contains("format version 99"));
}

TEST_CASE("a payload whose sizes lie is refused before anything huge is allocated") {
    // A well-sealed payload (valid checksum) claiming an array of 2^60 elements.
    BinaryWriter out;
    out.put<std::uint64_t>(std::uint64_t{1} << 60);
    out.put<std::uint32_t>(16);
    out.put<std::uint32_t>(0);
    CHECK_THROWS_WITH(reopen(seal_map_file({1, 2}, out.bytes())), Catch::Contains("runs past the end"));
}

TEST_CASE("a payload with an edge pointing past the last node is refused") {
    OsmMap broken = andorra();
    broken.graph.head[5] = NodeId(static_cast<std::uint32_t>(broken.graph.node_count() + 10));
    CHECK_THROWS_WITH(reopen(sealed(broken)), Catch::Contains("past the last node"));
}

TEST_CASE("the cache identity changes with the source file, the profile and the graph options") {
    const RoadProfile profile = RoadProfile::ambulance_default();
    const MapFileIdentity base = map_file_identity(42, profile, {});
    CHECK(map_file_identity(42, profile, {}) == base);
    CHECK_FALSE(map_file_identity(43, profile, {}) == base);
    GraphOptions smaller;
    smaller.min_component_nodes = 10;
    CHECK_FALSE(map_file_identity(42, profile, smaller) == base);
    RoadProfile slower = profile;
    slower.classes[0].speed_kmh -= 10;
    CHECK_FALSE(map_file_identity(42, slower, {}) == base);
}

TEST_CASE("the content hash sees every byte, including a short tail") {
    CHECK(content_hash("") != content_hash(std::string(1, '\0')));
    CHECK(content_hash("abcdefgh1") != content_hash("abcdefgh2"));
    CHECK(content_hash("abcdefgh") != content_hash("abcdefgi"));
}
