#include "planning/siting_problem.hpp"

#include <cmath>
#include <stdexcept>

namespace ems120 {

const char* model_name(SitingModel model) {
    switch (model) {
        case SitingModel::mclp: return "mclp";
        case SitingModel::lscp: return "lscp";
        case SitingModel::mexclp: return "mexclp";
    }
    return "?";
}

std::uint32_t total_units(const SitingProblem& problem) {
    return problem.model == SitingModel::lscp ? 0 : problem.sets->existing_count + problem.add;
}

std::vector<SiteBounds> site_bounds(const SitingProblem& problem) {
    const CoverageSets& sets = *problem.sets;
    // A site may take every unit there is under mexclp; one under the covering models.
    const std::uint32_t many = problem.model == SitingModel::mexclp ? total_units(problem) : 1;
    std::vector<SiteBounds> bounds(sets.site_count(), SiteBounds{0, many});
    if (!problem.relocate)
        for (std::uint32_t j = 0; j < sets.existing_count; ++j) bounds[j].low = 1;
    return bounds;
}

void check_siting_problem(const SitingProblem& problem) {
    if (!problem.sets) throw std::invalid_argument("siting: no coverage sets");
    check_coverage_sets(*problem.sets);
    if (!(problem.busy_probability >= 0.0 && problem.busy_probability < 1.0))
        throw std::invalid_argument("siting: the busy probability must be in [0, 1)");
    if (problem.model == SitingModel::lscp) return;
    if (problem.add == 0) throw std::invalid_argument("siting: --add must be at least 1");
    if (problem.model == SitingModel::mclp) {
        const std::size_t free_sites = problem.relocate ? problem.sets->site_count() : problem.sets->candidate_count();
        const std::size_t wanted = problem.relocate ? total_units(problem) : problem.add;
        if (wanted > free_sites)
            throw std::invalid_argument(
                problem.relocate ? "--add " + std::to_string(problem.add) + " with --relocate needs " +
                                       std::to_string(wanted) + " sites but there are only " +
                                       std::to_string(free_sites) + " (existing and candidate)"
                                 : "--add " + std::to_string(problem.add) + " but only " + std::to_string(free_sites) +
                                       " candidate sites");
    } else if (problem.sets->site_count() == 0) {
        throw std::invalid_argument("--add " + std::to_string(problem.add) + " but there are no sites to put units at");
    }
}

std::vector<std::uint32_t> units_reaching(const CoverageSets& sets, std::span<const std::uint32_t> units) {
    std::vector<std::uint32_t> n(sets.place_count(), 0);
    for (std::uint32_t j = 0; j < sets.site_count(); ++j)
        if (units[j] > 0)
            for (const std::uint32_t i : sets.site_places[j]) n[i] += units[j];
    return n;
}

double siting_value(const SitingProblem& problem, std::span<const std::uint32_t> units) {
    const CoverageSets& sets = *problem.sets;
    if (problem.model == SitingModel::lscp) {
        double chosen = 0;
        for (std::uint32_t j = 0; j < sets.site_count(); ++j)
            if (units[j] > 0 && (problem.relocate || !sets.is_existing(j))) chosen += 1;
        return chosen;
    }
    const auto n = units_reaching(sets, units);
    double value = 0.0;
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (n[i] == 0) continue;
        const double missed = problem.model == SitingModel::mclp ? 0.0 : std::pow(problem.busy_probability, n[i]);
        value += static_cast<double>(sets.place_weights[i]) * (1.0 - missed);
    }
    return value;
}

bool is_feasible(const SitingProblem& problem, std::span<const std::uint32_t> units) {
    const CoverageSets& sets = *problem.sets;
    if (units.size() != sets.site_count()) return false;
    const auto bounds = site_bounds(problem);
    std::uint64_t total = 0;
    for (std::size_t j = 0; j < units.size(); ++j) {
        if (units[j] < bounds[j].low || units[j] > bounds[j].high) return false;
        total += units[j];
    }
    if (problem.model != SitingModel::lscp) return total == total_units(problem);
    const auto reachable = reachable_places(sets);
    const auto n = units_reaching(sets, units);
    for (std::size_t i = 0; i < n.size(); ++i)
        if (reachable[i] && n[i] == 0) return false;
    return true;
}

}  // namespace ems120
