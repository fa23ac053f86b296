#include "planning/siting_result.hpp"

#include <algorithm>
#include <chrono>

#include "planning/siting_greedy.hpp"
#include "planning/siting_lscp.hpp"

namespace ems120 {

const char* bound_kind_text(BoundKind kind) {
    switch (kind) {
        case BoundKind::none: return "none";
        case BoundKind::mip_optimum: return "MIP optimum (proven)";
        case BoundKind::mip_best_bound: return "MIP best bound (time limit reached)";
        case BoundKind::lp_relaxation: return "LP relaxation";
    }
    return "?";
}

double optimality_gap(bool maximize, double value, double bound) {
    const double reference = maximize ? bound : value;
    const double difference = maximize ? bound - value : value - bound;
    if (reference <= 0.0) return 0.0;
    return std::max(0.0, difference / reference);
}

SitingResult solve_siting(const SitingProblem& problem, const SitingOptions& options) {
    check_siting_problem(problem);
    const bool maximize = problem.model != SitingModel::lscp;
    SitingResult result;
    result.model = problem.model;
    const auto began = std::chrono::steady_clock::now();
    if (maximize) {
        GreedySwapResult h = solve_greedy_swap(problem);
        result.heuristic_units = std::move(h.units);
        result.heuristic_value = h.value;
        result.greedy_value = h.greedy_value;
        result.swaps = h.swaps;
        const auto reachable = reachable_places(*problem.sets);
        for (std::uint32_t i = 0; i < reachable.size(); ++i)
            if (!reachable[i]) result.unreachable.push_back(i);
    } else {
        LscpResult h = solve_lscp_greedy(problem);
        result.heuristic_units = std::move(h.units);
        result.heuristic_value = h.value;
        result.greedy_value = h.value + h.dropped_as_redundant;
        result.unreachable = std::move(h.unreachable);
    }
    result.heuristic_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    result.best_units = result.heuristic_units;
    result.best_value = result.heuristic_value;
    result.method = maximize ? "greedy + 1-swap" : "greedy + redundant sites dropped";

    if (options.exact != ExactMode::never) {
        ExactOptions exact_options{options.time_limit_s, true};
        if (options.exact == ExactMode::automatic && exact_model_nonzeros(problem) > options.automatic_mip_nonzeros) {
            exact_options.solve_mip = false;
            result.mip_skipped_as_large = true;
        }
        ExactResult exact = solve_siting_exact(problem, result.heuristic_units, exact_options);
        if (exact.proven_optimal) result.bound_kind = BoundKind::mip_optimum;
        else if (exact.mip_run && exact.lp_solved) result.bound_kind = BoundKind::mip_best_bound;
        else if (exact.lp_solved) result.bound_kind = BoundKind::lp_relaxation;
        if (result.bound_kind != BoundKind::none) {
            result.bound = exact.best_bound;
            result.gap = optimality_gap(maximize, result.heuristic_value, result.bound);
        }
        if (exact.units && (maximize ? exact.value > result.best_value + 1e-9 : exact.value < result.best_value - 1e-9)) {
            result.best_units = *exact.units;
            result.best_value = exact.value;
            result.method = exact.proven_optimal ? "GLPK branch and bound (optimal)"
                                                 : "GLPK branch and bound (best found within the time limit)";
        } else if (exact.proven_optimal) {
            result.method += " (proven optimal by GLPK)";
        }
        result.exact = std::move(exact);
    }
    return result;
}

}  // namespace ems120
