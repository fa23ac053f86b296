#include "routing/route_endpoint.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "tests/routing/graph_fixture.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

const std::vector<LatLon> kTwoNodes{{42.50, 1.50}, {42.51, 1.50}};
constexpr std::uint32_t A = 0, B = 1;

// Seeds as (node, time) pairs, easy to compare and print.
using Items = std::vector<std::pair<std::uint32_t, TravelTime>>;

Items items(const NodeSeeds& seeds) {
    Items out;
    for (const NodeSeed& s : seeds) out.emplace_back(s.node.value(), s.time);
    return out;
}

}  // namespace

TEST_CASE("an ambulance 30% along a 100 s oneway road reaches its end in 70 s") {
    const RoadGraph g = make_graph(kTwoNodes, {{A, B, 100'000}});
    const Snap at_30 = snap_at(g, SegmentId(0), 0.3);

    CHECK(items(departures_from(g, at_30)) == Items{{B, 70'000}});
}

TEST_CASE("a patient 30% along a 100 s oneway road is reached 30 s after its start, and only from there") {
    const RoadGraph g = make_graph(kTwoNodes, {{A, B, 100'000}});
    const Snap at_30 = snap_at(g, SegmentId(0), 0.3);

    CHECK(items(arrivals_at(g, at_30)) == Items{{A, 30'000}});
}

TEST_CASE("on a two-way road an ambulance can leave towards either end, each at its own speed") {
    const RoadGraph g = make_graph(kTwoNodes, {{A, B, 100'000}, {B, A, 80'000}});
    const Snap at_25 = snap_at(g, SegmentId(0), 0.25);

    CHECK(items(departures_from(g, at_25)) == Items{{B, 75'000}, {A, 20'000}});
    CHECK(items(arrivals_at(g, at_25)) == Items{{A, 25'000}, {B, 60'000}});
}

TEST_CASE("a oneway road drawn against its traffic is only driven from b to a") {
    RoadGraph g = make_graph(kTwoNodes, {{B, A, 100'000}});
    // Describe the segment the other way round: a = A, b = B, only b_to_a exists.
    g.segments[0] = {NodeId(A), NodeId(B), EdgeId::invalid(), g.segments[0].a_to_b};
    const Snap at_30 = snap_at(g, SegmentId(0), 0.3);

    CHECK(items(departures_from(g, at_30)) == Items{{A, 30'000}});
    CHECK(items(arrivals_at(g, at_30)) == Items{{B, 70'000}});
}

TEST_CASE("two points on the same oneway road are joined directly only in the driving direction") {
    const RoadGraph g = make_graph(kTwoNodes, {{A, B, 100'000}});
    const Snap at_20 = snap_at(g, SegmentId(0), 0.2), at_70 = snap_at(g, SegmentId(0), 0.7);

    CHECK(along_same_segment(g, at_20, at_70) == TravelTime{50'000});
    CHECK_FALSE(along_same_segment(g, at_70, at_20).has_value());
    CHECK(along_same_segment(g, at_20, at_20) == TravelTime{0});
}

TEST_CASE("two points on the same two-way road are joined directly either way, at that direction's speed") {
    const RoadGraph g = make_graph(kTwoNodes, {{A, B, 100'000}, {B, A, 50'000}});
    const Snap at_20 = snap_at(g, SegmentId(0), 0.2), at_70 = snap_at(g, SegmentId(0), 0.7);

    CHECK(along_same_segment(g, at_20, at_70) == TravelTime{50'000});
    CHECK(along_same_segment(g, at_70, at_20) == TravelTime{25'000});
}

TEST_CASE("points on different roads, or not snapped at all, have no direct connection and no seeds") {
    const RoadGraph g = make_graph({{42.50, 1.50}, {42.51, 1.50}, {42.52, 1.50}}, {{0, 1, 1000}, {1, 2, 1000}});
    CHECK_FALSE(along_same_segment(g, snap_at(g, SegmentId(0), 0.5), snap_at(g, SegmentId(1), 0.5)).has_value());
    const Snap nowhere;
    CHECK(departures_from(g, nowhere).empty());
    CHECK(arrivals_at(g, nowhere).empty());
    CHECK_FALSE(along_same_segment(g, nowhere, nowhere).has_value());
}

TEST_CASE("a part of an edge's time is rounded to the nearest millisecond and never exceeds the edge") {
    CHECK(partial_time(100'000, 0.3) == 30'000);
    CHECK(partial_time(1001, 0.5) == 501);
    CHECK(partial_time(1000, 0.0004) == 0);
    CHECK(partial_time(1000, 0.0) == 0);
    CHECK(partial_time(1000, 1.0) == 1000);
    CHECK(partial_time(1000, -0.5) == 0);
    CHECK(partial_time(1000, 1.5) == 1000);
    CHECK(partial_time(kUnreachable - 1, 1.0) == kUnreachable - 1);
    CHECK(partial_time(0, 0.7) == 0);
}
