#include "planning/siting_lscp.hpp"

#include <stdexcept>

namespace ems120 {

LscpResult solve_lscp_greedy(const SitingProblem& problem) {
    check_siting_problem(problem);
    if (problem.model != SitingModel::lscp) throw std::invalid_argument("solve_lscp_greedy: not an lscp problem");
    const CoverageSets& sets = *problem.sets;
    const auto bounds = site_bounds(problem);
    const auto reachable = reachable_places(sets);

    LscpResult result;
    result.units.assign(sets.site_count(), 0);
    std::vector<std::uint32_t> n(sets.place_count(), 0);
    const auto take = [&](std::uint32_t j) {
        result.units[j] = 1;
        for (const std::uint32_t i : sets.site_places[j]) ++n[i];
    };
    for (std::uint32_t j = 0; j < sets.site_count(); ++j)
        if (bounds[j].low > 0) take(j);
    std::size_t uncovered = 0;
    for (std::uint32_t i = 0; i < sets.place_count(); ++i) {
        if (!reachable[i]) result.unreachable.push_back(i);
        else if (n[i] == 0) ++uncovered;
    }

    std::vector<std::uint32_t> picked;
    while (uncovered > 0) {
        std::uint32_t best = 0;
        std::size_t best_count = 0;
        std::int64_t best_weight = 0;
        for (std::uint32_t j = 0; j < sets.site_count(); ++j) {
            if (result.units[j] > 0) continue;
            std::size_t count = 0;
            std::int64_t weight = 0;
            for (const std::uint32_t i : sets.site_places[j])
                if (n[i] == 0) {
                    ++count;
                    weight += sets.place_weights[i];
                }
            if (count > best_count || (count == best_count && count > 0 && weight > best_weight)) {
                best = j;
                best_count = count;
                best_weight = weight;
            }
        }
        if (best_count == 0) throw std::logic_error("solve_lscp_greedy: a reachable place no free site covers");
        take(best);
        picked.push_back(best);
        uncovered -= best_count;
    }

    for (const std::uint32_t j : picked) {
        bool redundant = true;
        for (const std::uint32_t i : sets.site_places[j]) redundant = redundant && n[i] >= 2;
        if (!redundant) continue;
        result.units[j] = 0;
        for (const std::uint32_t i : sets.site_places[j]) --n[i];
        ++result.dropped_as_redundant;
    }
    result.value = siting_value(problem, result.units);
    return result;
}

}  // namespace ems120
