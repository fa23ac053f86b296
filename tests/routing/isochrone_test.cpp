#include <catch2/catch.hpp>

#include "maps/osm_map.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/dijkstra.hpp"
#include "routing/isochrone.hpp"
#include "tests/maps/osm_fixture.hpp"
#include "tests/routing/andorra_fixture.hpp"
#include "tests/routing/graph_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

bool area_contains(const Isochrone& iso, LatLon p) {
    return std::any_of(iso.polygons.begin(), iso.polygons.end(), [&](const auto& poly) { return polygon_contains(poly, p); });
}

double ring_area(const Ring& ring) {
    double a = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) a += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
    return a / 2;
}

// The holes cut around single late junctions are axis-parallel rectangles of 5 points.
bool is_rectangle(const Ring& ring) {
    return ring.size() == 5 && ring[0].lon == ring[1].lon && ring[1].lat == ring[2].lat && ring[2].lon == ring[3].lon;
}

bool boxes_overlap(const Ring& a, const Ring& b) {
    const auto box = [](const Ring& r) {
        LatLonBox x;
        for (const LatLon& p : r) x.extend(p);
        return x;
    };
    const LatLonBox p = box(a), q = box(b);
    return p.min_lat < q.max_lat && q.min_lat < p.max_lat && p.min_lon < q.max_lon && q.min_lon < p.max_lon;
}

}  // namespace

TEST_CASE("an isochrone holds every junction reached in time and none reached more than one road later") {
    const auto& a = andorra();
    const RoadGraph& g = a.map.graph;
    IsochroneQuery query(g, a.ch);
    DijkstraQuery check(g);
    // The last origin puts a junction reached 1.4 s too late 7 mm from the edge of the area, in a
    // cell it shares with junctions reached in time: its hole must still hold it.
    const std::vector<LatLon> origins = {{42.5078, 1.5211}, {42.5446, 1.5165}, {42.4630, 1.4900}, {42.5770, 1.6520},
                                         {42.534696, 1.593399}};
    const std::vector<TravelTime> limits = {5 * 60000, 10 * 60000, 15 * 60000};
    for (const LatLon origin : origins) {
        const Snap snap = a.index.nearest(origin);
        const auto isochrones = query.compute(snap, limits);
        REQUIRE(isochrones.size() == limits.size());
        const NodeSeeds seeds = departures_from(g, snap);
        std::size_t inside = 0, outside = 0;
        for (const Isochrone& iso : isochrones) {
            INFO("origin " << origin.lat << "," << origin.lon << " limit " << iso.limit / 60000 << " min, cell " << iso.cell_m << " m");
            CHECK(!iso.polygons.empty());
            for (const auto& poly : iso.polygons) {
                REQUIRE(poly.outer.size() >= 4);
                CHECK(poly.outer.front().lat == poly.outer.back().lat);
                CHECK(ring_area(poly.outer) > 0);  // counter-clockwise
                for (const Ring& hole : poly.holes) CHECK(ring_area(hole) < 0);  // clockwise
                for (std::size_t i = 0; i < poly.holes.size(); ++i)
                    for (std::size_t j = i + 1; j < poly.holes.size(); ++j)
                        if (is_rectangle(poly.holes[i]) && is_rectangle(poly.holes[j])) {
                            INFO("holes " << i << " and " << j);
                            CHECK_FALSE(boxes_overlap(poly.holes[i], poly.holes[j]));
                        }
            }
            for (std::uint32_t v = 0; v < g.node_count() - g.copy_of.size(); ++v) {
                const TravelTime t = query.junction_time(NodeId(v));
                const bool in = area_contains(iso, g.location[v]);
                if (t <= iso.limit) {
                    INFO("junction " << g.osm_node_id[v] << " reached in " << t << " ms");
                    REQUIRE(in);
                    ++inside;
                } else if (std::uint64_t{t} > std::uint64_t{iso.limit} + query.longest_edge_in(NodeId(v))) {
                    INFO("junction " << g.osm_node_id[v] << " reached only in " << t << " ms");
                    REQUIRE_FALSE(in);
                    ++outside;
                }
            }
        }
        CHECK(inside > 100);
        CHECK(outside > 100);
        // The sweep's junction times are Dijkstra's (unknown only beyond the largest limit).
        for (std::uint32_t v = 0; v < g.node_count(); v += 97) {
            const NodeSeed target{NodeId(v), 0};
            const TravelTime exact = check.shortest_time({seeds.begin(), seeds.end()}, {&target, 1});
            const TravelTime known = query.junction_time(g.original(NodeId(v)));
            if (known == kUnreachable) CHECK(exact > limits.back());
            else CHECK(exact == known);
        }
    }
}

TEST_CASE("larger limits give larger isochrones, with more road in them") {
    const auto& a = andorra();
    IsochroneQuery query(a.map.graph, a.ch);
    const std::vector<TravelTime> limits = {3 * 60000, 8 * 60000, 15 * 60000};
    const auto isos = query.compute(a.index.nearest({42.5078, 1.5211}), limits, 50.0);
    REQUIRE(isos.size() == 3);
    CHECK(isos[0].area_km2 < isos[1].area_km2);
    CHECK(isos[1].area_km2 < isos[2].area_km2);
    CHECK(isos[0].road_km < isos[1].road_km);
    CHECK(isos[0].junctions_reached < isos[2].junctions_reached);
}

TEST_CASE("a ring road around a place it cannot enter makes a hole in the isochrone") {
    // A 6x6 block of roads (0.002 degrees apart); its middle holds a junction reachable only by a
    // slow 10 km/h track from far away, so it is cut out.
    std::vector<LatLon> nodes;
    std::vector<TestEdge> edges;
    const auto id = [](int r, int c) { return static_cast<std::uint32_t>(r * 6 + c); };
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 6; ++c) nodes.push_back({r * 0.002, c * 0.002});
    const auto road = [&](std::uint32_t a, std::uint32_t b, TravelTime t) {
        edges.push_back({a, b, t});
        edges.push_back({b, a, t});
    };
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 6; ++c) {
            const bool inner = r >= 2 && r <= 3 && c >= 2 && c <= 3;
            if (c + 1 < 6 && !(inner && c + 1 <= 3) && !(r >= 2 && r <= 3 && c + 1 == 2) && !(r >= 2 && r <= 3 && c == 3))
                road(id(r, c), id(r, c + 1), 20000);
            if (r + 1 < 6 && !(inner && r + 1 <= 3) && !(c >= 2 && c <= 3 && r + 1 == 2) && !(c >= 2 && c <= 3 && r == 3))
                road(id(r, c), id(r + 1, c), 20000);
        }
    // The middle four junctions hang together but reach the grid only by a very slow track.
    road(id(2, 2), id(2, 3), 20000);
    road(id(2, 3), id(3, 3), 20000);
    road(id(3, 3), id(3, 2), 20000);
    road(id(3, 2), id(2, 2), 20000);
    road(id(2, 2), id(0, 0), 3'000'000);
    const RoadGraph g = make_graph(nodes, edges);
    const ContractionHierarchy ch = build_contraction_hierarchy(g);
    IsochroneQuery query(g, ch);
    const TravelTime limit = 10 * 20000;
    const auto isos = query.compute(snap_at(g, segment_between(g, id(0, 0), id(0, 1)), 0.0), {&limit, 1}, 40.0);
    REQUIRE(isos.size() == 1);
    const Isochrone& iso = isos[0];
    std::size_t holes = 0;
    for (const auto& p : iso.polygons) holes += p.holes.size();
    CHECK(holes >= 1);
    CHECK_FALSE(area_contains(iso, nodes[id(2, 2)]));
    CHECK(area_contains(iso, nodes[id(1, 1)]));
    CHECK(area_contains(iso, nodes[id(4, 4)]));
}

TEST_CASE("a limit that ends part-way along a road reaches the matching fraction of it") {
    // Two junctions 100 s apart on a straight road: 30 s from one end reaches 30% along.
    const RoadGraph g = make_graph({{0, 0}, {0, 0.01}}, {{0, 1, 100000}});
    const ContractionHierarchy ch = build_contraction_hierarchy(g);
    IsochroneQuery query(g, ch);
    const TravelTime limit = 30000;
    const auto isos = query.compute(snap_at(g, SegmentId(0), 0.0), {&limit, 1});
    REQUIRE(isos.size() == 1);
    REQUIRE(isos[0].roads.size() == 1);
    CHECK(isos[0].roads[0][1].lon == Approx(0.003).margin(1e-9));
    CHECK(isos[0].road_km == Approx(0.3 * g.length_m[0] / 1000).epsilon(1e-6));
}
