// Maximal covering (mclp): the greedy, the swap search that repairs it, GLPK's exact answer and
// the bound, on instances whose optimum is known.
#include <catch2/catch.hpp>

#include "planning/siting_exact.hpp"
#include "planning/siting_greedy.hpp"
#include "planning/siting_result.hpp"
#include "tests/planning/siting_test_instances.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

// Places a..d weigh 1, 3, 3, 1. Site 0 reaches the heavy middle {b, c} (6), sites 1 and 2 the
// ends {a, b} and {c, d} (4 each). With two sites greedy takes 0 then 1 (7); 1 + 2 reach all (8).
CoverageSets greedy_trap() { return sets_of({1, 3, 3, 1}, {{1, 2}, {0, 1}, {2, 3}}); }

}  // namespace

TEST_CASE("the greedy falls for the heavy middle site and one swap gets the optimum", "[siting]") {
    const CoverageSets sets = greedy_trap();
    const SitingProblem problem{&sets, SitingModel::mclp, 2};
    const GreedySwapResult h = solve_greedy_swap(problem);
    CHECK(h.greedy_value == 7.0);
    CHECK(h.swaps == 1);
    CHECK(h.value == 8.0);
    CHECK(h.units == UnitsPerSite{0, 1, 1});
    CHECK(brute_force_optimum(problem) == 8.0);
}

TEST_CASE("GLPK proves the optimum of the small instance and the gap is zero", "[siting]") {
    const CoverageSets sets = greedy_trap();
    const SitingProblem problem{&sets, SitingModel::mclp, 2};
    const ExactResult exact = solve_siting_exact(problem, {}, ExactOptions{});
    REQUIRE(exact.lp_solved);
    REQUIRE(exact.proven_optimal);
    REQUIRE(exact.units);
    CHECK(exact.value == 8.0);
    CHECK(exact.best_bound == 8.0);
    CHECK(exact.lp_bound >= 8.0 - 1e-9);

    const SitingResult r = solve_siting(problem, SitingOptions{});
    CHECK(r.bound_kind == BoundKind::mip_optimum);
    REQUIRE(r.gap);
    CHECK(*r.gap == 0.0);
    CHECK(r.best_value == 8.0);
}

TEST_CASE("existing stations stay and only what they miss counts towards new sites", "[siting]") {
    // Site 0 is an existing station reaching places 0 and 1; candidates 1..3.
    const CoverageSets sets = sets_of({5, 5, 2, 4, 1}, {{0, 1}, {0, 1, 2}, {3}, {2, 4}}, 1);
    const SitingProblem problem{&sets, SitingModel::mclp, 1};
    const SitingResult r = solve_siting(problem, SitingOptions{});
    // Candidate 1 adds only place 2 (2), candidate 2 place 3 (4), candidate 3 places 2 and 4 (3).
    CHECK(r.best_units == UnitsPerSite{1, 0, 1, 0});
    CHECK(r.best_value == 14.0);
    CHECK(r.heuristic_value == 14.0);
    CHECK(brute_force_optimum(problem) == 14.0);
}

TEST_CASE("with relocate an existing station that covers little is given up", "[siting]") {
    // The existing station reaches one light place; two candidates reach everything else.
    const CoverageSets sets = sets_of({1, 4, 4, 4, 4}, {{0}, {1, 2}, {3, 4}}, 1);
    SitingProblem problem{&sets, SitingModel::mclp, 1};
    CHECK(solve_siting(problem, SitingOptions{}).best_value == 9.0);  // kept: 1 + best candidate 8
    problem.relocate = true;                                           // 2 sites from all three
    const SitingResult moved = solve_siting(problem, SitingOptions{});
    CHECK(moved.best_value == 16.0);
    CHECK(moved.best_units == UnitsPerSite{0, 1, 1});
    CHECK(moved.bound_kind == BoundKind::mip_optimum);
}

TEST_CASE("asking for more sites than there are candidates is refused with the counts", "[siting]") {
    const CoverageSets sets = sets_of({1, 1}, {{0}, {1}, {0, 1}}, 1);
    const SitingProblem problem{&sets, SitingModel::mclp, 3};
    CHECK_THROWS_WITH(solve_siting(problem, SitingOptions{}), "--add 3 but only 2 candidate sites");
    const SitingProblem none{&sets, SitingModel::mclp, 0};
    CHECK_THROWS_WITH(solve_siting(none, SitingOptions{}), Catch::Contains("at least 1"));
}

TEST_CASE("a malformed index is refused, naming the site or place", "[siting]") {
    const CoverageSets out_of_range = sets_of({1, 1}, {{0, 2}});
    CHECK_THROWS_WITH(check_coverage_sets(out_of_range), Catch::Contains("site 0 covers place 2"));
    const CoverageSets unsorted = sets_of({1, 1}, {{1, 0}});
    CHECK_THROWS_WITH(check_coverage_sets(unsorted), Catch::Contains("not strictly ascending"));
    const CoverageSets weightless = sets_of({1, 0}, {{0}});
    CHECK_THROWS_WITH(check_coverage_sets(weightless), Catch::Contains("place 1 has weight 0"));
}

TEST_CASE("the LP bound alone is reported when the branch and bound is not wanted", "[siting]") {
    const CoverageSets sets = random_sets(11, 60, 30, 3, 0.08);
    const SitingProblem problem{&sets, SitingModel::mclp, 4};
    SitingOptions options;
    options.automatic_mip_nonzeros = 1;  // every instance is "large"
    const SitingResult r = solve_siting(problem, options);
    CHECK(r.mip_skipped_as_large);
    CHECK(r.bound_kind == BoundKind::lp_relaxation);
    REQUIRE(r.gap);
    CHECK(r.bound >= r.heuristic_value);
    CHECK(*r.gap == Approx((r.bound - r.heuristic_value) / r.bound));

    options.exact = ExactMode::never;
    const SitingResult unbounded = solve_siting(problem, options);
    CHECK(unbounded.bound_kind == BoundKind::none);
    CHECK_FALSE(unbounded.gap);
    CHECK_FALSE(unbounded.exact);
}
