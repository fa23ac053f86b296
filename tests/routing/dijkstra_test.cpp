#include "routing/dijkstra.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <vector>

#include "maps/geodesy.hpp"
#include "tests/routing/graph_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

constexpr std::uint64_t kInf = std::numeric_limits<std::uint64_t>::max() / 4;
using Matrix = std::vector<std::vector<std::uint64_t>>;

Matrix floyd_warshall(const RoadGraph& g) {
    const std::size_t n = g.node_count();
    Matrix d(n, std::vector<std::uint64_t>(n, kInf));
    for (std::size_t v = 0; v < n; ++v) {
        d[v][v] = 0;
        for (std::uint32_t e = g.first_out[v]; e < g.first_out[v + 1]; ++e)
            d[v][g.head[e].value()] = std::min<std::uint64_t>(d[v][g.head[e].value()], g.time_ms[e]);
    }
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) d[i][j] = std::min(d[i][j], d[i][k] + d[k][j]);
    return d;
}

// Where a snapped point meets the graph, restated from the segment definition (not via
// route_endpoint) so the reference stays independent.
struct End {
    std::uint32_t node;
    std::uint64_t time;
};

std::uint64_t part(TravelTime t, double fraction) { return static_cast<std::uint64_t>(std::llround(t * fraction)); }

std::vector<End> ways_out(const RoadGraph& g, const Snap& s) {
    const RoadSegment& seg = g.segment(s.segment);
    std::vector<End> out;
    if (seg.a_to_b.valid()) out.push_back({seg.b.value(), part(g.time(seg.a_to_b), 1 - s.fraction)});
    if (seg.b_to_a.valid()) out.push_back({seg.a.value(), part(g.time(seg.b_to_a), s.fraction)});
    return out;
}

std::vector<End> ways_in(const RoadGraph& g, const Snap& s) {
    const RoadSegment& seg = g.segment(s.segment);
    std::vector<End> in;
    if (seg.a_to_b.valid()) in.push_back({seg.a.value(), part(g.time(seg.a_to_b), s.fraction)});
    if (seg.b_to_a.valid()) in.push_back({seg.b.value(), part(g.time(seg.b_to_a), 1 - s.fraction)});
    return in;
}

std::uint64_t direct_time(const RoadGraph& g, const Snap& from, const Snap& to) {
    if (from.segment != to.segment) return kInf;
    const RoadSegment& seg = g.segment(from.segment);
    std::uint64_t best = kInf;
    if (seg.a_to_b.valid() && to.fraction >= from.fraction)
        best = std::min(best, part(g.time(seg.a_to_b), to.fraction - from.fraction));
    if (seg.b_to_a.valid() && to.fraction <= from.fraction)
        best = std::min(best, part(g.time(seg.b_to_a), from.fraction - to.fraction));
    return best;
}

std::uint64_t reference_time(const RoadGraph& g, const Matrix& d, const Snap& from, const Snap& to) {
    std::uint64_t best = direct_time(g, from, to);
    for (const End& out : ways_out(g, from))
        for (const End& in : ways_in(g, to)) best = std::min(best, out.time + d[out.node][in.node] + in.time);
    return best;
}

double segment_length(const RoadGraph& g, SegmentId s) {
    return geodesic_distance_m(g.at(g.segment(s).a), g.at(g.segment(s).b));
}

// The route is a real drive: it starts and ends at the snapped points, passes only along graph
// edges in between, and its edges add up to the reported time and length.
void require_route_follows_graph(const RoadGraph& g, const Snap& from, const Snap& to, const Route& route) {
    REQUIRE(route.geometry.size() >= 2);
    REQUIRE(route.geometry.front().lat == from.point.lat);
    REQUIRE(route.geometry.front().lon == from.point.lon);
    REQUIRE(route.geometry.back().lat == to.point.lat);
    REQUIRE(route.geometry.back().lon == to.point.lon);
    if (route.geometry.size() == 2) {
        REQUIRE(from.segment == to.segment);
        REQUIRE(route.time == direct_time(g, from, to));
        REQUIRE(route.length_m ==
                Approx(std::abs(to.fraction - from.fraction) * segment_length(g, from.segment)).margin(1e-3));
        return;
    }

    std::map<std::pair<double, double>, std::uint32_t> node_at;
    for (std::uint32_t v = 0; v < g.node_count(); ++v) node_at[{g.location[v].lat, g.location[v].lon}] = v;
    std::vector<std::uint32_t> path;
    for (std::size_t i = 1; i + 1 < route.geometry.size(); ++i) {
        const auto it = node_at.find({route.geometry[i].lat, route.geometry[i].lon});
        REQUIRE(it != node_at.end());
        path.push_back(it->second);
    }

    std::uint64_t time = 0;
    double length = 0.0;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        std::uint64_t fastest = kInf;
        for (std::uint32_t e = g.first_out[path[i]]; e < g.first_out[path[i] + 1]; ++e)
            if (g.head[e].value() == path[i + 1]) fastest = std::min<std::uint64_t>(fastest, g.time_ms[e]);
        REQUIRE(fastest != kInf);
        time += fastest;
        length += geodesic_distance_m(g.location[path[i]], g.location[path[i + 1]]);
    }
    std::uint64_t leave = kInf, arrive = kInf;
    for (const End& out : ways_out(g, from))
        if (out.node == path.front()) leave = std::min(leave, out.time);
    for (const End& in : ways_in(g, to))
        if (in.node == path.back()) arrive = std::min(arrive, in.time);
    REQUIRE(leave != kInf);
    REQUIRE(arrive != kInf);
    REQUIRE(leave + time + arrive == route.time);

    const RoadSegment& first = g.segment(from.segment);
    const RoadSegment& last = g.segment(to.segment);
    length += (path.front() == first.b.value() ? 1 - from.fraction : from.fraction) * segment_length(g, from.segment);
    length += (path.back() == last.a.value() ? to.fraction : 1 - to.fraction) * segment_length(g, to.segment);
    REQUIRE(route.length_m == Approx(length).epsilon(1e-5).margin(1e-3));
}

}  // namespace

TEST_CASE("drive times between any two junctions match an exhaustive all-pairs computation") {
    std::mt19937 rng(12345);
    for (int round = 0; round < 600; ++round) {
        const RoadGraph g = random_graph(rng, 10);
        const Matrix d = floyd_warshall(g);
        DijkstraQuery query(g);
        for (std::uint32_t u = 0; u < g.node_count(); ++u) {
            for (std::uint32_t v = 0; v < g.node_count(); ++v) {
                const NodeSeed source{NodeId(u), 0}, target{NodeId(v), 0};
                const TravelTime expected = d[u][v] == kInf ? kUnreachable : static_cast<TravelTime>(d[u][v]);
                INFO("round " << round << " from " << u << " to " << v);
                REQUIRE(query.shortest_time({&source, 1}, {&target, 1}) == expected);
                REQUIRE(query.time_to(NodeId(v)) == expected);
            }
        }
    }
}

TEST_CASE("routes between points part-way along roads are the fastest possible and drive along real roads") {
    std::mt19937 rng(777);
    int found = 0, not_found = 0;
    for (int round = 0; round < 600; ++round) {
        const RoadGraph g = random_graph(rng, 10);
        if (g.segments.empty()) continue;
        const Matrix d = floyd_warshall(g);
        DijkstraQuery query(g);
        std::vector<Snap> points;
        for (int i = 0; i < 8; ++i) points.push_back(random_snap(g, rng));
        // Points sharing a segment exercise the direct drive along it.
        points.push_back(snap_at(g, points[0].segment, 0.25));
        points.push_back(snap_at(g, points[0].segment, 0.75));

        for (const Snap& from : points) {
            for (const Snap& to : points) {
                const std::uint64_t expected = reference_time(g, d, from, to);
                const Route route = query.route(from, to);
                INFO("round " << round << " segments " << from.segment.value() << "@" << from.fraction << " -> "
                              << to.segment.value() << "@" << to.fraction);
                if (expected == kInf) {
                    ++not_found;
                    REQUIRE_FALSE(route.found);
                    REQUIRE(route.time == kUnreachable);
                    REQUIRE(route.geometry.empty());
                    continue;
                }
                ++found;
                REQUIRE(route.found);
                REQUIRE(route.time == expected);
                require_route_follows_graph(g, from, to, route);

                const NodeSeeds out = departures_from(g, from), in = arrivals_at(g, to);
                const TravelTime via_nodes = query.shortest_time(out, in);
                REQUIRE(std::min<std::uint64_t>(via_nodes, direct_time(g, from, to)) == expected);
            }
        }
    }
    CHECK(found > 10'000);
    CHECK(not_found > 1'000);
}

TEST_CASE("a route's length adds the partial roads at both ends to the whole roads in between") {
    //  A --- B --- C --- D, two-way, lengths measured on the ellipsoid.
    const std::vector<LatLon> nodes{{42.50, 1.50}, {42.51, 1.50}, {42.51, 1.52}, {42.52, 1.52}};
    const RoadGraph g = make_graph(
        nodes, {{0, 1, 60'000}, {1, 0, 60'000}, {1, 2, 90'000}, {2, 1, 90'000}, {2, 3, 30'000}, {3, 2, 30'000}});
    const double ab = geodesic_distance_m(nodes[0], nodes[1]), bc = geodesic_distance_m(nodes[1], nodes[2]),
                 cd = geodesic_distance_m(nodes[2], nodes[3]);
    const Snap from = snap_at(g, segment_between(g, 0, 1), 0.25);
    const Snap to = snap_at(g, segment_between(g, 2, 3), 0.5);
    DijkstraQuery query(g);

    const Route there = query.route(from, to);
    REQUIRE(there.found);
    CHECK(there.time == 45'000 + 90'000 + 15'000);
    CHECK(there.length_m == Approx(0.75 * ab + bc + 0.5 * cd).epsilon(1e-6));
    REQUIRE(there.geometry.size() == 4);
    CHECK(there.geometry[1].lat == nodes[1].lat);
    CHECK(there.geometry[2].lon == nodes[2].lon);

    const Route back = query.route(to, from);
    CHECK(back.time == there.time);
    CHECK(back.length_m == Approx(there.length_m).epsilon(1e-6));

    const Route short_hop =
        query.route(snap_at(g, segment_between(g, 1, 2), 0.9), snap_at(g, segment_between(g, 1, 2), 0.4));
    CHECK(short_hop.time == 45'000);
    CHECK(short_hop.length_m == Approx(0.5 * bc).epsilon(1e-6));
    CHECK(short_hop.geometry.size() == 2);
}

TEST_CASE("a query object reused for thousands of routes answers exactly like a fresh one") {
    std::mt19937 rng(99);
    RoadGraph g;
    while (g.segments.size() < 60) g = random_graph(rng, 60);
    DijkstraQuery reused(g);
    for (int i = 0; i < 3000; ++i) {
        const Snap from = random_snap(g, rng), to = random_snap(g, rng);
        const Route a = reused.route(from, to);
        const Route b = DijkstraQuery(g).route(from, to);
        REQUIRE(a.found == b.found);
        REQUIRE(a.time == b.time);
        REQUIRE(a.length_m == b.length_m);
        REQUIRE(a.geometry.size() == b.geometry.size());
        for (std::size_t k = 0; k < a.geometry.size(); ++k) {
            REQUIRE(a.geometry[k].lat == b.geometry[k].lat);
            REQUIRE(a.geometry[k].lon == b.geometry[k].lon);
        }
    }
}

TEST_CASE("the nearest of several hospitals is chosen counting the last stretch to each door") {
    //  0 -10s-> 1 -10s-> 2  (oneway chain)
    const RoadGraph g = make_graph({{42.50, 1.50}, {42.51, 1.50}, {42.52, 1.50}}, {{0, 1, 10'000}, {1, 2, 10'000}});
    DijkstraQuery query(g);
    const NodeSeed start{NodeId(0), 1'000};
    const std::vector<NodeSeed> hospitals{{NodeId(1), 15'000}, {NodeId(2), 2'000}, {NodeId(2), 500}};
    CHECK(query.shortest_time({&start, 1}, hospitals) == 21'500);
    CHECK(query.shortest_time({&start, 1}, {}) == kUnreachable);
    const NodeSeed behind{NodeId(0), 0};
    const NodeSeed from_end{NodeId(2), 0};
    CHECK(query.shortest_time({&from_end, 1}, {&behind, 1}) == kUnreachable);
}

TEST_CASE("a journey longer than the clock can count is unreachable rather than wrapping round") {
    const RoadGraph g =
        make_graph({{42.50, 1.50}, {42.51, 1.50}, {42.52, 1.50}}, {{0, 1, 3'000'000'000u}, {1, 2, 3'000'000'000u}});
    DijkstraQuery query(g);
    const NodeSeed a{NodeId(0), 0}, b{NodeId(1), 0}, c{NodeId(2), 0};
    CHECK(query.shortest_time({&a, 1}, {&b, 1}) == 3'000'000'000u);
    CHECK(query.shortest_time({&a, 1}, {&c, 1}) == kUnreachable);
    const Route r = query.route(snap_at(g, SegmentId(0), 0.0), snap_at(g, SegmentId(1), 1.0));
    CHECK_FALSE(r.found);
    CHECK(r.time == kUnreachable);
}

TEST_CASE("without a snapped start or end there is no route") {
    const RoadGraph g = make_graph({{42.50, 1.50}, {42.51, 1.50}}, {{0, 1, 1000}});
    DijkstraQuery query(g);
    CHECK_FALSE(query.route(Snap{}, snap_at(g, SegmentId(0), 0.5)).found);
    CHECK_FALSE(query.route(snap_at(g, SegmentId(0), 0.5), Snap{}).found);
}
