#pragma once
// What a planner asks of the siting index, and the rules every solver shares.
//
//   mclp    maximal covering (Church & ReVelle): K new sites maximising the covered weight, the
//           existing stations kept (with `relocate`: existing+K sites chosen from all of them).
//   mexclp  maximal expected covering (Daskin): K more units, several per site allowed, maximising
//           sum_i w_i (1 - Q^n_i), n_i the units reaching place i, Q the chance a unit is busy.
//           Every existing station holds one unit (with `relocate` they may all move).
//   lscp    set covering (Toregas): the fewest new sites so that every place some site reaches
//           is covered (with `relocate`: the fewest sites in all).
//
// MCLP is MEXCLP with Q = 0 and at most one unit per site: 1 - 0^n is "covered at all". The
// greedy, the swap search and the integer program therefore share one formulation, with a
// place's gain from its (n+1)-th unit w (1-Q) Q^n.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "planning/coverage_sets.hpp"

namespace ems120 {

enum class SitingModel { mclp, lscp, mexclp };

const char* model_name(SitingModel model);

struct SitingProblem {
    const CoverageSets* sets = nullptr;
    SitingModel model = SitingModel::mclp;
    std::uint32_t add = 1;          // K: new sites (mclp), new units (mexclp); lscp ignores it
    bool relocate = false;          // existing stations may be dropped or moved
    double busy_probability = 0.0;  // Q of mexclp, in [0, 1); 0 for the other models
};

// How many units a site may hold: from `low` (an existing station kept) up to `high`.
struct SiteBounds {
    std::uint32_t low = 0;
    std::uint32_t high = 1;
};

std::vector<SiteBounds> site_bounds(const SitingProblem& problem);

// Units placed in all: the existing stations (one unit each) plus K; lscp has no fixed total.
std::uint32_t total_units(const SitingProblem& problem);

// Throws std::invalid_argument for a problem no solver can answer: no sets, K = 0 for mclp/mexclp,
// K beyond the sites free to take them ("--add 12 but only 9 candidate sites"), Q outside [0, 1).
void check_siting_problem(const SitingProblem& problem);

// Units per site, one entry per site of the index.
using UnitsPerSite = std::vector<std::uint32_t>;

// n_i: the units reaching each place.
std::vector<std::uint32_t> units_reaching(const CoverageSets& sets, std::span<const std::uint32_t> units);

// The objective of mclp / mexclp: sum_i w_i (1 - Q^n_i) (Q = 0 for mclp); for lscp the number of
// sites chosen beyond the kept ones (all of them with relocate).
double siting_value(const SitingProblem& problem, std::span<const std::uint32_t> units);

// Whether `units` is a feasible answer: within the site bounds, the right total (mclp/mexclp) or
// every reachable place covered (lscp).
bool is_feasible(const SitingProblem& problem, std::span<const std::uint32_t> units);

}  // namespace ems120
