#include "routing/segment_index.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include "maps/geodesy.hpp"
#include "tests/routing/graph_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

// Squared distance from q to the point `fraction` along segment s, in the same local plane the
// index uses (units: degrees of latitude; the scale does not matter for comparisons).
double planar_distance2(const RoadGraph& g, SegmentId s, double fraction, LatLon q) {
    const LatLon p = lerp(g.at(g.segment(s).a), g.at(g.segment(s).b), fraction);
    const double dx = (p.lon - q.lon) * std::cos(q.lat * std::numbers::pi / 180.0), dy = p.lat - q.lat;
    return dx * dx + dy * dy;
}

// The nearest point by checking every segment, written independently of the index.
struct Nearest {
    SegmentId segment;
    double fraction = 0.0;
    double distance2 = std::numeric_limits<double>::infinity();
};

Nearest brute_force_nearest(const RoadGraph& g, LatLon q) {
    const double kx = std::cos(q.lat * std::numbers::pi / 180.0);
    Nearest best;
    for (std::uint32_t i = 0; i < g.segments.size(); ++i) {
        const LatLon a = g.at(g.segments[i].a), b = g.at(g.segments[i].b);
        const double ax = (a.lon - q.lon) * kx, ay = a.lat - q.lat;
        const double bx = (b.lon - q.lon) * kx, by = b.lat - q.lat;
        const double len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
        double t = len2 == 0.0 ? 0.0 : -(ax * (bx - ax) + ay * (by - ay)) / len2;
        t = std::fmin(1.0, std::fmax(0.0, t));
        const double d2 = planar_distance2(g, SegmentId(i), t, q);
        if (d2 < best.distance2) best = {SegmentId(i), t, d2};
    }
    return best;
}

void require_same_as_brute_force(const RoadGraph& g, const SegmentIndex& index, LatLon q) {
    const Snap snap = index.nearest(q);
    const Nearest expected = brute_force_nearest(g, q);
    INFO("query " << q.lat << ", " << q.lon << "  segments " << g.segments.size());
    REQUIRE(snap.found());
    REQUIRE(snap.fraction >= 0.0);
    REQUIRE(snap.fraction <= 1.0);
    // Equal distances (a shared end node, say) may legitimately pick another segment.
    const double found2 = planar_distance2(g, snap.segment, snap.fraction, q);
    REQUIRE(found2 <= expected.distance2 * (1 + 1e-9) + 1e-24);
    const LatLon p = lerp(g.at(g.segment(snap.segment).a), g.at(g.segment(snap.segment).b), snap.fraction);
    REQUIRE(snap.point.lat == Approx(p.lat).margin(1e-12));
    REQUIRE(snap.point.lon == Approx(p.lon).margin(1e-12));
    REQUIRE(snap.distance_m == Approx(geodesic_distance_m(q, snap.point)).margin(1e-6));
}

// Many short road pieces scattered over the box, like a real street map; `flat` puts them all on
// one parallel so the grid has no height.
RoadGraph short_segments_graph(std::mt19937& rng, std::uint32_t count, bool flat) {
    std::uniform_real_distribution<double> lat(42.40, 42.60), lon(1.40, 1.70), step(-0.004, 0.004);
    std::vector<LatLon> nodes;
    std::vector<TestEdge> edges;
    for (std::uint32_t i = 0; i < count; ++i) {
        const LatLon a{flat ? 42.5 : lat(rng), lon(rng)};
        const LatLon b{flat ? 42.5 : a.lat + step(rng), a.lon + step(rng)};
        nodes.push_back(a);
        nodes.push_back(b);
        edges.push_back({2 * i, 2 * i + 1, 1000});
    }
    return make_graph(nodes, edges);
}

}  // namespace

TEST_CASE("a caller standing beside the middle of a road is snapped halfway along it") {
    const RoadGraph g = make_graph({{42.5, 1.50}, {42.5, 1.51}}, {{0, 1, 60'000}, {1, 0, 60'000}});
    const SegmentIndex index(g);
    const LatLon caller{42.5005, 1.505};

    const Snap snap = index.nearest(caller);

    REQUIRE(snap.found());
    CHECK(snap.segment == SegmentId(0));
    CHECK(snap.fraction == Approx(0.5).margin(1e-9));
    CHECK(snap.point.lat == Approx(42.5).margin(1e-12));
    CHECK(snap.point.lon == Approx(1.505).margin(1e-12));
    CHECK(snap.distance_m == Approx(geodesic_distance_m(caller, {42.5, 1.505})));
    CHECK(snap.distance_m == Approx(55.6).margin(0.5));
}

TEST_CASE("a caller beyond the end of a road is snapped onto its end node") {
    const RoadGraph g = make_graph({{42.5, 1.50}, {42.5, 1.51}}, {{0, 1, 60'000}});
    const Snap snap = SegmentIndex(g).nearest({42.5, 1.52});
    REQUIRE(snap.found());
    CHECK(snap.fraction == 1.0);
    CHECK(snap.point.lon == 1.51);
}

TEST_CASE("the index always finds the same nearest road as checking every road, also for callers off the map") {
    std::mt19937 rng(20240601);
    // Queries span three times the map's box, so many fall outside the grid.
    std::uniform_real_distribution<double> lat(42.2, 42.8), lon(1.1, 2.0);
    std::uniform_int_distribution<std::uint32_t> size(1, 400);
    int graphs = 0;
    for (int round = 0; round < 300; ++round) {
        const RoadGraph g =
            round % 3 == 0 ? random_graph(rng, 30) : short_segments_graph(rng, size(rng), round % 10 == 1);
        if (g.segments.empty()) continue;
        ++graphs;
        const SegmentIndex index(g);
        for (int q = 0; q < 40; ++q) require_same_as_brute_force(g, index, {lat(rng), lon(rng)});
        // Exactly on a node and exactly on a segment.
        require_same_as_brute_force(g, index, g.location[0]);
        require_same_as_brute_force(g, index, random_snap(g, rng).point);
    }
    CHECK(graphs >= 200);
}

TEST_CASE("a caller 1000 km from the map is still given the nearest road, with its true distance") {
    std::mt19937 rng(7);
    const RoadGraph g = short_segments_graph(rng, 300, false);
    const SegmentIndex index(g);
    const LatLon london{51.5074, -0.1278};

    const Snap snap = index.nearest(london);

    REQUIRE(snap.found());
    CHECK(snap.distance_m > 950'000.0);
    CHECK(snap.distance_m < 1'050'000.0);
    require_same_as_brute_force(g, index, london);
    require_same_as_brute_force(g, index, {-33.9, 151.2});  // Sydney
}

TEST_CASE("snapping works anywhere on Earth, poles and date line included") {
    std::mt19937 rng(11);
    const RoadGraph g = short_segments_graph(rng, 50, false);
    const SegmentIndex index(g);
    for (LatLon q : {LatLon{90.0, 0.0}, LatLon{-90.0, 180.0}, LatLon{0.0, -180.0}, LatLon{0.0, 180.0}}) {
        const Snap snap = index.nearest(q);
        REQUIRE(snap.found());
        CHECK(snap.distance_m > 1'000'000.0);
    }
}

TEST_CASE("a map without roads snaps nothing") {
    const RoadGraph empty;
    CHECK_FALSE(SegmentIndex(empty).nearest({42.5, 1.5}).found());
    const RoadGraph nodes_only = make_graph({{42.5, 1.5}, {42.6, 1.6}}, {});
    CHECK_FALSE(SegmentIndex(nodes_only).nearest({42.5, 1.5}).found());
}

TEST_CASE("a road of zero length is snapped onto its only point") {
    const RoadGraph g = make_graph({{42.5, 1.5}, {42.5, 1.5}}, {{0, 1, 0}});
    const Snap snap = SegmentIndex(g).nearest({42.51, 1.5});
    REQUIRE(snap.found());
    CHECK(snap.fraction == 0.0);
    CHECK(snap.point.lat == 42.5);
}
