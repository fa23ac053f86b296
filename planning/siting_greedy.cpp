#include "planning/siting_greedy.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace ems120 {

namespace {

class UnitPlacer {
public:
    explicit UnitPlacer(const SitingProblem& problem)
        : sets_(*problem.sets), bounds_(site_bounds(problem)), marked_(sets_.place_count(), false) {
        // g(n) for every n a place can reach: (1-Q) Q^n, exactly 1, 0, 0, ... when Q = 0.
        const double q = problem.model == SitingModel::mexclp ? problem.busy_probability : 0.0;
        const std::uint32_t most = total_units(problem) + 1;
        double q_to_n = 1.0;
        for (std::uint32_t n = 0; n <= most; ++n, q_to_n *= q) marginal_.push_back((1.0 - q) * q_to_n);
        units_.resize(sets_.site_count(), 0);
        n_.assign(sets_.place_count(), 0);
        for (std::uint32_t j = 0; j < sets_.site_count(); ++j)
            for (std::uint32_t u = 0; u < bounds_[j].low; ++u) add(j);
        // A move must gain more than rounding noise; mclp's gains are whole weights.
        epsilon_ = 1e-9 * static_cast<double>(std::max<std::int64_t>(1, sets_.total_weight()));
    }

    const UnitsPerSite& units() const { return units_; }

    void add(std::uint32_t j) {
        ++units_[j];
        for (const std::uint32_t i : sets_.site_places[j]) ++n_[i];
    }
    void remove(std::uint32_t j) {
        --units_[j];
        for (const std::uint32_t i : sets_.site_places[j]) --n_[i];
    }

    double value() const {
        double v = 0.0;
        for (std::size_t i = 0; i < n_.size(); ++i)
            for (std::uint32_t k = 0; k < n_[i]; ++k) v += weight(i) * marginal_[k];
        return v;
    }

    // The site where one more unit gains most (lowest index among equals); none when all are full.
    std::optional<std::uint32_t> best_addition() const {
        std::optional<std::uint32_t> best;
        double best_gain = -1.0;
        for (std::uint32_t j = 0; j < sets_.site_count(); ++j) {
            if (units_[j] >= bounds_[j].high) continue;
            double gain = 0.0;
            for (const std::uint32_t i : sets_.site_places[j]) gain += weight(i) * marginal_[n_[i]];
            if (gain > best_gain + epsilon_ * 1e-3) {
                best_gain = gain;
                best = j;
            }
        }
        return best;
    }

    // The best improving move of one unit (from, to); none when no move gains.
    std::optional<std::pair<std::uint32_t, std::uint32_t>> best_move() {
        std::optional<std::pair<std::uint32_t, std::uint32_t>> best;
        double best_delta = epsilon_;
        for (std::uint32_t r = 0; r < sets_.site_count(); ++r) {
            if (units_[r] <= bounds_[r].low) continue;
            double loss = 0.0;
            for (const std::uint32_t i : sets_.site_places[r]) {
                loss += weight(i) * marginal_[n_[i] - 1];
                marked_[i] = true;
            }
            for (std::uint32_t a = 0; a < sets_.site_count(); ++a) {
                if (a == r || units_[a] >= bounds_[a].high) continue;
                // Places of both sites keep their n: the loss counted for them is given back.
                double delta = -loss;
                for (const std::uint32_t i : sets_.site_places[a])
                    delta += weight(i) * (marked_[i] ? marginal_[n_[i] - 1] : marginal_[n_[i]]);
                if (delta > best_delta) {
                    best_delta = delta;
                    best = std::pair(r, a);
                }
            }
            for (const std::uint32_t i : sets_.site_places[r]) marked_[i] = false;
        }
        return best;
    }

private:
    double weight(std::size_t i) const { return static_cast<double>(sets_.place_weights[i]); }

    const CoverageSets& sets_;
    std::vector<SiteBounds> bounds_;
    std::vector<double> marginal_;
    UnitsPerSite units_;
    std::vector<std::uint32_t> n_;
    std::vector<bool> marked_;
    double epsilon_ = 0.0;
};

}  // namespace

GreedySwapResult solve_greedy_swap(const SitingProblem& problem, std::uint32_t max_swaps) {
    check_siting_problem(problem);
    if (problem.model == SitingModel::lscp) throw std::invalid_argument("solve_greedy_swap: lscp has its own heuristic");
    UnitPlacer placer(problem);
    std::uint32_t placed = 0;
    for (const std::uint32_t u : placer.units()) placed += u;
    for (; placed < total_units(problem); ++placed) {
        const auto site = placer.best_addition();
        if (!site) throw std::logic_error("solve_greedy_swap: no site left for a unit despite the checks");
        placer.add(*site);
    }
    GreedySwapResult result;
    result.greedy_value = placer.value();
    while (true) {
        const auto move = placer.best_move();
        if (!move) break;
        if (result.swaps == max_swaps) {
            result.swap_limit_reached = true;
            break;
        }
        placer.remove(move->first);
        placer.add(move->second);
        ++result.swaps;
    }
    result.units = placer.units();
    result.value = placer.value();
    return result;
}

}  // namespace ems120
