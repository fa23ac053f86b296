// Seeded random instances: for every model, heuristic <= exact optimum <= LP bound (the other way
// round for lscp), the exact optimum equals enumeration, and the gap reported is the gap.
#include <catch2/catch.hpp>

#include <cmath>

#include "planning/siting_result.hpp"
#include "tests/planning/siting_test_instances.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

void check_consistent(const SitingProblem& problem, const std::string& what) {
    INFO(what);
    const bool maximize = problem.model != SitingModel::lscp;
    const SitingResult r = solve_siting(problem, SitingOptions{});
    REQUIRE(r.exact);
    REQUIRE(r.exact->proven_optimal);
    REQUIRE(r.exact->units);
    const double optimum = brute_force_optimum(problem);
    CHECK(r.exact->value == Approx(optimum));
    CHECK(is_feasible(problem, r.heuristic_units));
    CHECK(is_feasible(problem, r.best_units));
    CHECK(siting_value(problem, r.heuristic_units) == Approx(r.heuristic_value));
    CHECK(r.bound_kind == BoundKind::mip_optimum);
    CHECK(r.bound == Approx(optimum));
    REQUIRE(r.gap);
    if (maximize) {
        CHECK(r.heuristic_value <= optimum + 1e-9);
        CHECK(optimum <= r.exact->lp_bound + 1e-6);
        CHECK(r.heuristic_value >= r.bound * (1.0 - *r.gap) - 1e-6);
    } else {
        CHECK(r.heuristic_value >= optimum - 1e-9);
        CHECK(optimum >= r.exact->lp_bound - 1e-6);
        CHECK(r.bound >= r.heuristic_value * (1.0 - *r.gap) - 1e-6);
    }
    CHECK(r.best_value == Approx(optimum));
}

}  // namespace

TEST_CASE("on 20 seeded random instances every model's answers are consistent with enumeration", "[siting]") {
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        const CoverageSets sets = random_sets(seed, 14, 8, 2, 0.25);
        for (const bool relocate : {false, true}) {
            const std::string tag = "seed " + std::to_string(seed) + (relocate ? " relocate" : "");
            check_consistent({&sets, SitingModel::mclp, 2, relocate}, tag + " mclp");
            check_consistent({&sets, SitingModel::lscp, 0, relocate}, tag + " lscp");
            check_consistent({&sets, SitingModel::mexclp, 2, relocate, 0.3}, tag + " mexclp");
        }
    }
}

TEST_CASE("on a larger random instance the gap reported is the distance to the bound GLPK proves", "[siting]") {
    // 400 places, 300 sites, each place within reach of ~9 sites: mclp and mexclp solve to
    // optimality in well under a second; lscp's branch and bound runs into the time limit and its
    // best bound stands in.
    const CoverageSets sets = random_sets(7, 400, 300, 10, 0.03);
    for (const SitingModel model : {SitingModel::mclp, SitingModel::mexclp, SitingModel::lscp}) {
        const SitingProblem problem{&sets, model, 6, false, model == SitingModel::mexclp ? 0.3 : 0.0};
        SitingOptions options;
        options.time_limit_s = 2.0;
        const SitingResult r = solve_siting(problem, options);
        INFO(model_name(model) << ": heuristic " << r.heuristic_value << " bound " << r.bound << " ("
                               << bound_kind_text(r.bound_kind) << ")");
        REQUIRE(r.exact);
        REQUIRE(r.gap);
        CHECK(is_feasible(problem, r.best_units));
        if (model == SitingModel::lscp) {
            CHECK(r.best_value <= r.heuristic_value);
            CHECK(r.bound <= r.best_value);
            CHECK(r.bound >= std::ceil(r.exact->lp_bound - 1e-6));
            CHECK(*r.gap == Approx((r.heuristic_value - r.bound) / r.heuristic_value));
        } else {
            CHECK(r.bound_kind == BoundKind::mip_optimum);
            CHECK(r.best_value >= r.heuristic_value);
            CHECK(r.bound == Approx(r.best_value));
            CHECK(r.bound <= r.exact->lp_bound + 1e-6);
            CHECK(*r.gap == Approx((r.bound - r.heuristic_value) / r.bound));
            CHECK(*r.gap < 0.01);
        }
        if (r.exact->time_limit_reached) CHECK(r.bound_kind == BoundKind::mip_best_bound);
    }
}
