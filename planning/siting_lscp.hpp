#pragma once
// The heuristic for lscp: greedy set covering, then dropping redundant sites.
//
// The target is every place some site (existing or candidate) reaches within the limit; the rest
// are "unreachable within the limit by any candidate" and no number of sites helps them. Greedy
// adds the site covering the most target places still uncovered (more weight, then the lowest
// index, among equals) until all are covered; then every chosen site whose places are all
// covered by others is dropped again, in the order they were chosen (early picks are the ones
// later picks make redundant).
#include <cstdint>
#include <vector>

#include "planning/siting_problem.hpp"

namespace ems120 {

struct LscpResult {
    UnitsPerSite units;                  // 1 = site chosen (existing ones kept unless relocating)
    double value = 0.0;                  // sites chosen beyond the kept ones (siting_value)
    std::uint32_t dropped_as_redundant = 0;
    std::vector<std::uint32_t> unreachable;  // places no site reaches, ascending
};

// Throws std::invalid_argument for a problem that is not lscp or that check_siting_problem refuses.
LscpResult solve_lscp_greedy(const SitingProblem& problem);

}  // namespace ems120
