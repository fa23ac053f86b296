// Clinics, health centres and doctors' practices: the candidate substation sites of `plan sites`.
#include <catch2/catch.hpp>

#include "maps/map_file.hpp"
#include "tests/maps/osm_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

std::string point_node(int id, double lon, const std::string& tags) {
    return "<node id='" + std::to_string(id) + "' lat='0.001' lon='" + std::to_string(lon) + "' version='1'>" + tags +
           "</node>\n";
}

std::string health_map_body() {
    std::string body = equator_node(1, 0) + equator_node(2, 1) + equator_node(3, 2) + equator_node(4, 3);
    body += way(10, {1, 2, 3, 4}, tag("highway", "residential"));
    body += point_node(20, 0.0005, tag("amenity", "clinic") + tag("name", "Hedong Clinic"));
    body += point_node(21, 0.0010, tag("healthcare", "centre") + tag("name", "Township Health Centre"));
    body += point_node(22, 0.0015, tag("amenity", "doctors"));
    body += point_node(23, 0.0020, tag("amenity", "hospital") + tag("healthcare", "hospital") + tag("name", "County"));
    body += point_node(24, 0.0025, tag("amenity", "pharmacy"));
    // A clinic building mapped as a closed way counts at a point inside it.
    body += "<node id='30' lat='0.002' lon='0.002' version='1'/><node id='31' lat='0.002' lon='0.0022' version='1'/>"
            "<node id='32' lat='0.0022' lon='0.0022' version='1'/><node id='33' lat='0.0022' lon='0.002' version='1'/>\n";
    body += way(40, {30, 31, 32, 33, 30}, tag("building", "yes") + tag("healthcare", "clinic") + tag("name", "Ward 2"));
    return body;
}

}  // namespace

TEST_CASE("clinics, health centres and doctors are read as candidate sites, hospitals stay hospitals", "[siting]") {
    const TempDir dir;
    const OsmMap map = read_fixture(dir, health_map_body());
    REQUIRE(map.clinics.size() == 4);
    CHECK(map.clinics[0].name == "Hedong Clinic");
    CHECK(map.clinics[0].kind == "clinic");
    CHECK(map.clinics[1].kind == "health_centre");
    CHECK(map.clinics[2].kind == "doctors");
    CHECK(map.clinics[2].display_name() == "doctors n22");
    CHECK(map.clinics[3].source_id == "w40");
    CHECK(map.clinics[3].kind == "clinic");
    REQUIRE(map.hospitals.size() == 1);
    CHECK(map.hospitals[0].name == "County");
}

TEST_CASE("a cached map keeps its clinics", "[siting]") {
    const TempDir dir;
    const OsmMap original = read_fixture(dir, health_map_body());
    BinaryWriter out;
    put_osm_map(out, original);
    const std::string bytes = seal_map_file({1, 2}, out.bytes());
    const OpenedMapFile opened = open_map_file(bytes, "x.ems");
    BinaryReader in(opened.payload, "x.ems");
    const OsmMap copy = get_osm_map(in);
    CHECK(in.at_end());
    REQUIRE(copy.clinics.size() == original.clinics.size());
    for (std::size_t i = 0; i < copy.clinics.size(); ++i) {
        CHECK(copy.clinics[i].name == original.clinics[i].name);
        CHECK(copy.clinics[i].kind == original.clinics[i].kind);
        CHECK(copy.clinics[i].location.lon == original.clinics[i].location.lon);
    }
}
