// Set covering (lscp): the fewest new sites so that every reachable place is covered.
#include <catch2/catch.hpp>

#include "planning/siting_exact.hpp"
#include "planning/siting_lscp.hpp"
#include "planning/siting_result.hpp"
#include "tests/planning/siting_test_instances.hpp"

using namespace ems120;
using namespace ems120::test;

TEST_CASE("a site made redundant by later picks is dropped again", "[siting]") {
    // Greedy takes the big site 0 first, then needs 1 and 2 for places 4 and 5, which cover 0..3 too.
    const CoverageSets sets = sets_of({1, 1, 1, 1, 1, 1}, {{0, 1, 2, 3}, {0, 1, 4}, {2, 3, 5}});
    const SitingProblem problem{&sets, SitingModel::lscp};
    const LscpResult h = solve_lscp_greedy(problem);
    CHECK(h.dropped_as_redundant == 1);
    CHECK(h.units == UnitsPerSite{0, 1, 1});
    CHECK(h.value == 2.0);
    CHECK(h.unreachable.empty());
    CHECK(brute_force_optimum(problem) == 2.0);
}

TEST_CASE("greedy set covering needs three sites where two suffice, and GLPK finds the two", "[siting]") {
    // Top row 0..6 (site 3) and bottom row 7..13 (site 4) cover everything; site 0 takes four of
    // each (8 > 7) and lures the greedy into needing sites 1 and 2 as well.
    const CoverageSets sets = sets_of(std::vector<std::int64_t>(14, 1),
                                      {{0, 1, 2, 3, 7, 8, 9, 10}, {4, 5, 11, 12}, {6, 13},
                                       {0, 1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12, 13}});
    const SitingProblem problem{&sets, SitingModel::lscp};
    const SitingResult r = solve_siting(problem, SitingOptions{});
    CHECK(r.heuristic_value == 3.0);
    CHECK(r.bound_kind == BoundKind::mip_optimum);
    CHECK(r.bound == 2.0);
    CHECK(r.best_value == 2.0);
    CHECK(r.best_units == UnitsPerSite{0, 0, 0, 1, 1});
    REQUIRE(r.gap);
    CHECK(*r.gap == Approx(1.0 / 3.0));
    CHECK(r.method == "GLPK branch and bound (optimal)");
}

TEST_CASE("places no site reaches are listed and do not make the cover impossible", "[siting]") {
    // Place 2 is beyond every site; the existing station 0 already covers place 0.
    const CoverageSets sets = sets_of({1, 1, 1, 1}, {{0}, {1}, {1, 3}, {3}}, 1);
    const SitingProblem problem{&sets, SitingModel::lscp};
    const SitingResult r = solve_siting(problem, SitingOptions{});
    CHECK(r.unreachable == std::vector<std::uint32_t>{2});
    CHECK(r.best_units == UnitsPerSite{1, 0, 1, 0});
    CHECK(r.best_value == 1.0);
    CHECK(r.heuristic_value == 1.0);
    CHECK(is_feasible(problem, r.best_units));
}

TEST_CASE("when the existing stations already cover everything no site is added", "[siting]") {
    const CoverageSets sets = sets_of({1, 1}, {{0, 1}, {0}, {1}}, 1);
    const SitingProblem problem{&sets, SitingModel::lscp};
    const SitingResult r = solve_siting(problem, SitingOptions{});
    CHECK(r.best_value == 0.0);
    CHECK(r.best_units == UnitsPerSite{1, 0, 0});
    REQUIRE(r.gap);
    CHECK(*r.gap == 0.0);
}
