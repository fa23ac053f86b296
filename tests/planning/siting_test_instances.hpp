#pragma once
// Hand-made and seeded random siting indexes, and the brute-force optimum to check solvers against.
#include <algorithm>
#include <functional>
#include <random>
#include <vector>

#include "planning/siting_problem.hpp"

namespace ems120::test {

// Sites given as place lists (existing stations first), places weighted as given.
inline CoverageSets sets_of(std::vector<std::int64_t> weights, std::vector<std::vector<std::uint32_t>> sites,
                            std::uint32_t existing = 0) {
    CoverageSets sets;
    sets.place_weights = std::move(weights);
    sets.site_places = std::move(sites);
    sets.existing_count = existing;
    return sets;
}

// A random index: each site reaches each place with probability `density`, weights 1..50.
inline CoverageSets random_sets(std::uint32_t seed, std::uint32_t places, std::uint32_t sites, std::uint32_t existing,
                                double density) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::int64_t> weight(1, 50);
    std::bernoulli_distribution reaches(density);
    CoverageSets sets;
    for (std::uint32_t i = 0; i < places; ++i) sets.place_weights.push_back(weight(rng));
    sets.site_places.resize(sites);
    for (auto& list : sets.site_places)
        for (std::uint32_t i = 0; i < places; ++i)
            if (reaches(rng)) list.push_back(i);
    sets.existing_count = existing;
    return sets;
}

// The best value over every feasible placement, by enumeration (small instances only): maximum
// for mclp/mexclp, minimum for lscp.
inline double brute_force_optimum(const SitingProblem& problem) {
    const auto bounds = site_bounds(problem);
    const bool maximize = problem.model != SitingModel::lscp;
    double best = maximize ? -1.0 : 1e18;
    UnitsPerSite units(bounds.size());
    std::function<void(std::size_t)> visit = [&](std::size_t j) {
        if (j == bounds.size()) {
            if (!is_feasible(problem, units)) return;
            const double v = siting_value(problem, units);
            best = maximize ? std::max(best, v) : std::min(best, v);
            return;
        }
        for (std::uint32_t u = bounds[j].low; u <= bounds[j].high; ++u) {
            units[j] = u;
            visit(j + 1);
        }
    };
    visit(0);
    return best;
}

}  // namespace ems120::test
