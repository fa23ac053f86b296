#pragma once
// The exact answer, or a proven bound on it, with GLPK: an integer program per model.
//
//   mclp / mexclp   max  sum_i sum_{k=1..L_i} w_i (1-Q) Q^(k-1) y_ik
//                   s.t. sum_k y_ik <= sum_{j reaches i} u_j   (a place counts at most its units)
//                        sum_j u_j = existing + K,  low_j <= u_j <= high_j integer,  0 <= y_ik <= 1
//   lscp            min  sum_{j free} x_j   s.t.  sum_{j reaches i} x_j >= 1 for every reachable i
//
// (Q = 0 and L_i = 1 for mclp.) y need not be integer: with integer u the best y is 0/1 anyway,
// because the weights fall with k. The LP relaxation is solved first, for a bound that exists
// even when the branch and bound runs out of time; the heuristic's answer is handed to GLPK as
// its first incumbent so it prunes from the start. glpk.h stays inside the .cpp.
#include <cstddef>
#include <optional>
#include <span>

#include "planning/siting_problem.hpp"

namespace ems120 {

struct ExactOptions {
    double time_limit_s = 60.0;  // for the LP and the branch and bound together
    bool solve_mip = true;       // false: the LP bound only
};

struct ExactResult {
    bool lp_solved = false;         // false when the LP ran out of time
    double lp_bound = 0.0;          // LP optimum: an upper bound (max) / lower bound (lscp)
    bool mip_run = false;
    std::optional<UnitsPerSite> units;  // the best integer answer GLPK found
    double value = 0.0;                  // its siting_value
    bool proven_optimal = false;
    // The best bound known when it stopped: value when proven, else the best open node's bound,
    // never weaker than the LP bound. Rounded to the integer it implies for mclp and lscp (whose
    // objectives are whole numbers).
    double best_bound = 0.0;
    bool time_limit_reached = false;
    double lp_seconds = 0.0, mip_seconds = 0.0;
};

// The coverage matrix entries the program has (u_j and y_ik terms): what the solve time grows with.
std::size_t exact_model_nonzeros(const SitingProblem& problem);

// `start`: a feasible answer (the heuristic's) for GLPK to begin from; may be empty.
// Throws std::invalid_argument when check_siting_problem refuses the problem.
ExactResult solve_siting_exact(const SitingProblem& problem, std::span<const std::uint32_t> start,
                               const ExactOptions& options);

}  // namespace ems120
