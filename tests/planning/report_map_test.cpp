#include <catch2/catch.hpp>

#include <cmath>

#include "maps/osm_map.hpp"
#include "planning/report_map_projection.hpp"
#include "planning/report_map_svg.hpp"
#include "planning/report_road_lines.hpp"

using namespace ems120;

namespace {

LatLonBox box_of(std::initializer_list<LatLon> points) {
    LatLonBox box;
    for (LatLon p : points) box.extend(p);
    return box;
}

bool inside(SvgPoint p, const MapProjection& projection) {
    return p.x > 0 && p.y > 0 && p.x < projection.width() && p.y < projection.height();
}

}  // namespace

TEST_CASE("report: the map projection puts every place of the extent inside the viewBox, north up", "[report]") {
    const LatLon andorra_la_vella{42.5078, 1.5211}, soldeu{42.5769, 1.6672}, pal{42.5466, 1.4756};
    const MapProjection projection(box_of({andorra_la_vella, soldeu, pal}), 1120, 780);
    CHECK(projection.width() <= 1120.0 + 1e-9);
    CHECK(projection.height() <= 780.0 + 1e-9);
    CHECK((projection.width() == Approx(1120) || projection.height() == Approx(780)));  // fitted to one side
    for (LatLon p : {andorra_la_vella, soldeu, pal}) CHECK(inside(projection(p), projection));
    CHECK(projection(soldeu).x > projection(andorra_la_vella).x);  // east is right
    CHECK(projection(soldeu).y < projection(andorra_la_vella).y);  // north is up
}

TEST_CASE("report: the map keeps true shapes, a degree of longitude shrunk by cos(latitude)", "[report]") {
    // A box as wide in degrees as it is tall, at 60 degrees north: half as wide as tall on the map.
    const MapProjection projection(box_of({{60.0, 10.0}, {60.2, 10.2}}), 1000, 1000);
    const SvgPoint a = projection({60.1, 10.0}), b = projection({60.1, 10.2});
    const SvgPoint c = projection({60.0, 10.1}), d = projection({60.2, 10.1});
    CHECK((b.x - a.x) / (c.y - d.y) == Approx(std::cos(60.1 * M_PI / 180.0)).epsilon(0.01));
    // 0.2 degrees of latitude is about 22.2 km.
    CHECK((c.y - d.y) / projection.pixels_per_km() == Approx(22.24).epsilon(0.01));
}

TEST_CASE("report: a single place gets a map a few kilometres across", "[report]") {
    const MapProjection projection(box_of({{42.5, 1.5}}), 800, 600);
    CHECK(inside(projection({42.5, 1.5}), projection));
    CHECK(projection.width() / projection.pixels_per_km() > 1.5);
}

TEST_CASE("report: scale bars are 1, 2 or 5 times a power of ten", "[report]") {
    CHECK(scale_bar_km(3.7) == 2.0);
    CHECK(scale_bar_km(7.0) == 5.0);
    CHECK(scale_bar_km(0.35) == Approx(0.2));
    CHECK(scale_bar_km(12.0) == 10.0);
}

TEST_CASE("report: lines are simplified within the tolerance, keeping their ends and corners", "[report]") {
    std::vector<SvgPoint> line;
    for (int i = 0; i <= 100; ++i) line.push_back({static_cast<double>(i), 0.1 * std::sin(i)});  // a wobbly straight line
    line.push_back({100, 50});                                                                   // then a corner
    const auto simple = simplified_line(line, 0.5);
    REQUIRE(simple.size() == 3);
    CHECK(simple[0].x == 0);
    CHECK(simple[1].x == 100);
    CHECK(simple[1].y == Approx(0.1 * std::sin(100)));
    CHECK(simple[2].y == 50);
}

TEST_CASE("report: major road classes are motorway to tertiary with their links", "[report]") {
    CHECK(major_road_rank("motorway") == 0);
    CHECK(major_road_rank("trunk_link") == 1);
    CHECK(major_road_rank("tertiary") == 4);
    CHECK_FALSE(major_road_rank("residential"));
    CHECK_FALSE(major_road_rank("service"));
}

TEST_CASE("report: Andorra's major roads become a few hundred simplified lines inside the map", "[report]") {
    const OsmMap map = read_osm_map(std::string(EMS120_SOURCE_DIR) + "/maps/data/andorra.osm.pbf",
                                    RoadProfile::ambulance_default(), GraphOptions{});
    LatLonBox extent;
    for (const auto& p : map.places) extent.extend(p.location);
    const MapProjection projection(extent, 1120, 780);
    const auto lines = major_road_lines(map.graph, projection, 0.6);
    REQUIRE_FALSE(lines.empty());
    std::size_t points = 0, inside_points = 0;
    for (const auto& line : lines) {
        CHECK(line.points.size() >= 2);
        for (const auto& p : line.points) {
            ++points;
            inside_points += inside(p, projection) ? 1 : 0;
        }
    }
    std::size_t major_segments = 0;
    for (const auto& s : map.graph.segments) {
        const EdgeId e = s.a_to_b.valid() ? s.a_to_b : s.b_to_a;
        major_segments += major_road_rank(map.graph.road_class_names[map.graph.road_class[e.value()]]) ? 1 : 0;
    }
    INFO(lines.size() << " lines, " << points << " points for " << major_segments << " major segments");
    CHECK(points < major_segments / 2);        // simplification drops most of the nodes
    CHECK(inside_points > points * 9 / 10);    // and draws what the map shows
}
