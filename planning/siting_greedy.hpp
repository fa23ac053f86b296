#pragma once
// The heuristic for mclp and mexclp: greedy, then 1-swap local search.
//
// Greedy adds one unit at a time where it gains most. The swap search then moves one unit from a
// site to another while that gains anything, taking the best move each pass. Both keep n_i (units
// reaching each place) so that a move is scored in one pass over the two sites' lists:
//   gain(add at a)  = sum_{i in a} w_i g(n_i),     g(n) = (1-Q) Q^n  (mclp: 1 if n = 0, else 0)
//   move(r -> a)    = sum_{i in a \ r} w_i g(n_i) - sum_{i in r \ a} w_i g(n_i - 1)
// One pass costs (units movable) x (nonzeros); thousands of candidates take milliseconds.
// Ties go to the lowest site index (greedy) and the lowest (from, to) pair (swaps): deterministic.
#include <cstdint>

#include "planning/siting_problem.hpp"

namespace ems120 {

struct GreedySwapResult {
    UnitsPerSite units;
    double greedy_value = 0.0;  // after the greedy alone
    double value = 0.0;         // after the swaps
    std::uint32_t swaps = 0;
    bool swap_limit_reached = false;  // stopped by max_swaps while moves still gained
};

// Throws std::invalid_argument for an lscp problem or one check_siting_problem refuses.
GreedySwapResult solve_greedy_swap(const SitingProblem& problem, std::uint32_t max_swaps = 100'000);

}  // namespace ems120
