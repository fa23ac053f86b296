#include <catch2/catch.hpp>

#include "maps/representative_point.hpp"

using namespace ems120;

TEST_CASE("a square village is represented by its centre") {
    const PolygonRings square{{{0, 0}, {0, 2}, {2, 2}, {2, 0}}, {}};
    const auto p = representative_point(square);
    REQUIRE(p);
    CHECK(p->lat == Approx(1));
    CHECK(p->lon == Approx(1));
}

TEST_CASE("a village around a lake is represented by a point on land, not in the lake") {
    const PolygonRings ring{{{0, 0}, {0, 4}, {4, 4}, {4, 0}}, {{{1, 1}, {1, 3}, {3, 3}, {3, 1}}}};
    const auto p = representative_point(ring);
    REQUIRE(p);
    CHECK(polygon_contains(ring, *p));
}

TEST_CASE("a U-shaped village is represented by a point inside one of its arms") {
    const PolygonRings u{{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 2}, {3, 2}, {3, 3}, {0, 3}}, {}};
    const auto p = representative_point(u);
    REQUIRE(p);
    CHECK(polygon_contains(u, *p));
}

TEST_CASE("a degenerate area has no representative point") {
    CHECK_FALSE(representative_point({{{0, 0}, {1, 1}}, {}}));
    CHECK_FALSE(representative_point({{{0, 0}, {1, 1}, {2, 2}}, {}}));
}
