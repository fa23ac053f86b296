// Maximal expected covering (mexclp): several units per site, each busy with probability Q.
#include <catch2/catch.hpp>

#include <cmath>

#include "planning/siting_exact.hpp"
#include "planning/siting_greedy.hpp"
#include "planning/siting_result.hpp"
#include "tests/planning/siting_test_instances.hpp"

using namespace ems120;
using namespace ems120::test;

TEST_CASE("a second unit goes where a busy first one leaves the most weight exposed", "[siting]") {
    // Place A (10) is reached by sites 0 and 1, place B (1) by site 1 only. With Q = 0.5 two units
    // at site 1 give 10 (1 - 0.25) + 1 (1 - 0.25) = 8.25, better than splitting them (8.0).
    const CoverageSets sets = sets_of({10, 1}, {{0}, {0, 1}});
    const SitingProblem problem{&sets, SitingModel::mexclp, 2, false, 0.5};
    const SitingResult r = solve_siting(problem, SitingOptions{});
    CHECK(r.heuristic_units == UnitsPerSite{0, 2});
    CHECK(r.heuristic_value == Approx(8.25));
    CHECK(r.bound_kind == BoundKind::mip_optimum);
    CHECK(r.bound == Approx(8.25));
    CHECK(brute_force_optimum(problem) == Approx(8.25));
    CHECK(siting_value(problem, UnitsPerSite{1, 1}) == Approx(8.0));
}

TEST_CASE("the existing stations hold one unit each and extra units may join them", "[siting]") {
    // Existing station 0 reaches the heavy place; a candidate reaches a light one. With Q = 0.3 a
    // second unit at the station (100 * 0.3 * 0.7 = 21) beats the candidate (5).
    const CoverageSets sets = sets_of({100, 5}, {{0}, {1}}, 1);
    const SitingProblem problem{&sets, SitingModel::mexclp, 1, false, 0.3};
    const SitingResult r = solve_siting(problem, SitingOptions{});
    CHECK(r.best_units == UnitsPerSite{2, 0});
    CHECK(r.best_value == Approx(100 * (1 - 0.09)));
    CHECK(r.heuristic_value == Approx(r.best_value));
}

TEST_CASE("mexclp with Q = 0 and one unit per site is mclp: the same value function", "[siting]") {
    const CoverageSets sets = sets_of({1, 3, 3, 1}, {{1, 2}, {0, 1}, {2, 3}});
    const SitingProblem covering{&sets, SitingModel::mclp, 2};
    const SitingProblem expected{&sets, SitingModel::mexclp, 2, false, 0.0};
    for (const UnitsPerSite& u : {UnitsPerSite{1, 1, 0}, UnitsPerSite{0, 1, 1}, UnitsPerSite{1, 0, 1}})
        CHECK(siting_value(covering, u) == siting_value(expected, u));
}

TEST_CASE("a busy probability outside [0, 1) is refused", "[siting]") {
    const CoverageSets sets = sets_of({1}, {{0}});
    for (const double q : {-0.1, 1.0, std::nan("")}) {
        const SitingProblem problem{&sets, SitingModel::mexclp, 1, false, q};
        CHECK_THROWS_WITH(solve_siting(problem, SitingOptions{}), Catch::Contains("busy probability"));
    }
}
