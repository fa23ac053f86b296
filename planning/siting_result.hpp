#pragma once
// One siting answer with its proof of quality: the heuristic's placement, the exact one when the
// integer program was run, the best bound known and the heuristic's optimality gap.
//
//   SitingResult r = solve_siting(problem, {ExactMode::automatic, 60.0});
//   r.best_units (the placement to propose), r.heuristic_value, r.bound, r.gap
//
// Gap: how far the heuristic may be from the best possible, as a share of the bound —
// (bound - heuristic) / bound when maximising, (heuristic - bound) / heuristic for lscp. The bound
// is the MIP optimum when proven, else the MIP's best bound when it ran out of time, else the LP
// relaxation's (the instance was too large for --exact auto, or --exact never: no bound at all).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planning/siting_exact.hpp"
#include "planning/siting_problem.hpp"

namespace ems120 {

enum class ExactMode { automatic, always, never };

struct SitingOptions {
    ExactMode exact = ExactMode::automatic;
    double time_limit_s = 60.0;
    // --exact auto runs the branch and bound up to this many program nonzeros (exact_model_nonzeros)
    // and the LP relaxation alone above it. bench_siting's 2,087 places x 1,372 sites (~83,000)
    // prove optimal in under 8 s; larger ones still stop at time_limit_s with their best bound.
    std::size_t automatic_mip_nonzeros = 200'000;
};

enum class BoundKind { none, mip_optimum, mip_best_bound, lp_relaxation };

const char* bound_kind_text(BoundKind kind);  // "MIP optimum (proven)", ...

struct SitingResult {
    SitingModel model = SitingModel::mclp;
    UnitsPerSite heuristic_units;
    double heuristic_value = 0.0;
    double greedy_value = 0.0;       // mclp/mexclp: before the swaps; lscp: before dropping redundant sites
    std::uint32_t swaps = 0;         // mclp/mexclp
    double heuristic_seconds = 0.0;

    std::optional<ExactResult> exact;    // when GLPK ran (LP alone or LP + MIP)
    bool mip_skipped_as_large = false;   // --exact auto found the instance above the limit

    BoundKind bound_kind = BoundKind::none;
    double bound = 0.0;
    std::optional<double> gap;           // of the heuristic; none without a bound

    UnitsPerSite best_units;             // the better of heuristic and exact (the heuristic on ties)
    double best_value = 0.0;
    std::string method;                  // "greedy + 1-swap", "GLPK branch and bound (optimal)", ...
    std::vector<std::uint32_t> unreachable;  // places no site reaches within the limit, ascending
};

// The gap of `value` against `bound` (see the top of this file); 0 when both are 0.
double optimality_gap(bool maximize, double value, double bound);

// Throws std::invalid_argument when check_siting_problem refuses the problem.
SitingResult solve_siting(const SitingProblem& problem, const SitingOptions& options);

}  // namespace ems120
