#include "planning/siting_exact.hpp"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

namespace ems120 {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct ProblemDeleter {
    void operator()(glp_prob* p) const { glp_delete_prob(p); }
};
using GlpkProblem = std::unique_ptr<glp_prob, ProblemDeleter>;

// The program in GLPK's terms, with the map from our answer to its columns for the start.
struct Program {
    GlpkProblem lp{glp_create_prob()};
    bool maximize = true;
    bool whole_objective = true;  // objective values are integers: bounds may be rounded
    std::size_t site_columns = 0;
    // Per place: its first y column (1-based) and how many levels it has (coverage models only).
    std::vector<int> first_level;
    std::vector<std::uint32_t> levels;
};

// GLPK wants 1-based triplets.
struct Triplets {
    std::vector<int> row{0}, col{0};
    std::vector<double> value{0.0};
    void add(int r, int c, double v) {
        row.push_back(r);
        col.push_back(c);
        value.push_back(v);
    }
};

void add_site_columns(Program& p, const SitingProblem& problem, const std::vector<SiteBounds>& bounds) {
    const CoverageSets& sets = *problem.sets;
    p.site_columns = sets.site_count();
    if (p.site_columns == 0) return;
    glp_add_cols(p.lp.get(), static_cast<int>(p.site_columns));
    for (std::uint32_t j = 0; j < sets.site_count(); ++j) {
        const int c = static_cast<int>(j) + 1;
        glp_set_col_kind(p.lp.get(), c, GLP_IV);
        const double low = bounds[j].low, high = bounds[j].high;
        glp_set_col_bnds(p.lp.get(), c, low == high ? GLP_FX : GLP_DB, low, high);
    }
}

std::uint32_t levels_of(const SitingProblem& problem, const std::vector<SiteBounds>& bounds,
                        const std::vector<std::uint32_t>& reaching_sites) {
    if (problem.model == SitingModel::mclp) return reaching_sites.empty() ? 0 : 1;
    std::uint64_t most = 0;
    for (const std::uint32_t j : reaching_sites) most += bounds[j].high;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(most, total_units(problem)));
}

Program coverage_program(const SitingProblem& problem) {
    const CoverageSets& sets = *problem.sets;
    const auto bounds = site_bounds(problem);
    const auto by_place = sites_by_place(sets);
    Program p;
    p.maximize = true;
    p.whole_objective = problem.model == SitingModel::mclp;
    glp_set_obj_dir(p.lp.get(), GLP_MAX);
    add_site_columns(p, problem, bounds);

    const double q = problem.model == SitingModel::mexclp ? problem.busy_probability : 0.0;
    p.first_level.assign(sets.place_count(), 0);
    p.levels.assign(sets.place_count(), 0);
    std::size_t level_columns = 0;
    for (std::size_t i = 0; i < sets.place_count(); ++i) level_columns += p.levels[i] = levels_of(problem, bounds, by_place[i]);
    if (level_columns > 0) glp_add_cols(p.lp.get(), static_cast<int>(level_columns));

    Triplets matrix;
    int next_col = static_cast<int>(p.site_columns) + 1;
    int row = 0;
    for (std::size_t i = 0; i < sets.place_count(); ++i) {
        if (p.levels[i] == 0) continue;
        row = glp_add_rows(p.lp.get(), 1);
        glp_set_row_bnds(p.lp.get(), row, GLP_UP, 0.0, 0.0);
        p.first_level[i] = next_col;
        double q_to_k = 1.0;
        for (std::uint32_t k = 0; k < p.levels[i]; ++k, q_to_k *= q, ++next_col) {
            glp_set_col_bnds(p.lp.get(), next_col, GLP_DB, 0.0, 1.0);
            glp_set_obj_coef(p.lp.get(), next_col, static_cast<double>(sets.place_weights[i]) * (1.0 - q) * q_to_k);
            matrix.add(row, next_col, 1.0);
        }
        for (const std::uint32_t j : by_place[i]) matrix.add(row, static_cast<int>(j) + 1, -1.0);
    }
    row = glp_add_rows(p.lp.get(), 1);
    const double total = total_units(problem);
    glp_set_row_bnds(p.lp.get(), row, GLP_FX, total, total);
    for (std::size_t j = 0; j < p.site_columns; ++j) matrix.add(row, static_cast<int>(j) + 1, 1.0);
    glp_load_matrix(p.lp.get(), static_cast<int>(matrix.row.size() - 1), matrix.row.data(), matrix.col.data(),
                    matrix.value.data());
    return p;
}

Program lscp_program(const SitingProblem& problem) {
    const CoverageSets& sets = *problem.sets;
    const auto bounds = site_bounds(problem);
    const auto by_place = sites_by_place(sets);
    Program p;
    p.maximize = false;
    p.whole_objective = true;
    glp_set_obj_dir(p.lp.get(), GLP_MIN);
    add_site_columns(p, problem, bounds);
    for (std::uint32_t j = 0; j < sets.site_count(); ++j)
        glp_set_obj_coef(p.lp.get(), static_cast<int>(j) + 1, problem.relocate || !sets.is_existing(j) ? 1.0 : 0.0);
    Triplets matrix;
    for (std::size_t i = 0; i < sets.place_count(); ++i) {
        if (by_place[i].empty()) continue;  // unreachable: no site can help it
        const int row = glp_add_rows(p.lp.get(), 1);
        glp_set_row_bnds(p.lp.get(), row, GLP_LO, 1.0, 0.0);
        for (const std::uint32_t j : by_place[i]) matrix.add(row, static_cast<int>(j) + 1, 1.0);
    }
    if (matrix.row.size() > 1)
        glp_load_matrix(p.lp.get(), static_cast<int>(matrix.row.size() - 1), matrix.row.data(), matrix.col.data(),
                        matrix.value.data());
    return p;
}

// The start for GLPK: every column's value (1-based, index 0 unused).
std::vector<double> column_values(const Program& p, const SitingProblem& problem, std::span<const std::uint32_t> units) {
    std::vector<double> x(static_cast<std::size_t>(glp_get_num_cols(p.lp.get())) + 1, 0.0);
    for (std::size_t j = 0; j < p.site_columns; ++j) x[j + 1] = units[j];
    if (problem.model != SitingModel::lscp) {
        const auto n = units_reaching(*problem.sets, units);
        for (std::size_t i = 0; i < n.size(); ++i)
            for (std::uint32_t k = 0; k < std::min(n[i], p.levels[i]); ++k) x[static_cast<std::size_t>(p.first_level[i]) + k] = 1.0;
    }
    return x;
}

struct SearchWatch {
    const std::vector<double>* start = nullptr;
    bool start_offered = false;
    bool maximize = true;
    std::optional<double> open_bound;  // best bound among open nodes, as last seen
};

void watch_search(glp_tree* tree, void* info) {
    auto& watch = *static_cast<SearchWatch*>(info);
    if (glp_ios_reason(tree) == GLP_IHEUR && watch.start && !watch.start_offered) {
        watch.start_offered = true;
        glp_ios_heur_sol(tree, watch.start->data());
    }
    if (const int node = glp_ios_best_node(tree)) watch.open_bound = glp_ios_node_bound(tree, node);
}

double rounded_bound(const Program& p, double bound) {
    if (!p.whole_objective) return bound;
    return p.maximize ? std::floor(bound + 1e-6) : std::ceil(bound - 1e-6);
}

int milliseconds_left(double limit_s, Clock::time_point start) {
    const double left = (limit_s - seconds_since(start)) * 1000.0;
    return static_cast<int>(std::clamp(left, 0.0, static_cast<double>(std::numeric_limits<int>::max())));
}

}  // namespace

std::size_t exact_model_nonzeros(const SitingProblem& problem) {
    const CoverageSets& sets = *problem.sets;
    if (problem.model == SitingModel::lscp) return sets.nonzeros();
    const auto bounds = site_bounds(problem);
    const auto by_place = sites_by_place(sets);
    std::size_t n = sets.site_count();  // the total-units row
    for (std::size_t i = 0; i < sets.place_count(); ++i)
        if (const auto levels = levels_of(problem, bounds, by_place[i]); levels > 0) n += levels + by_place[i].size();
    return n;
}

ExactResult solve_siting_exact(const SitingProblem& problem, std::span<const std::uint32_t> start,
                               const ExactOptions& options) {
    check_siting_problem(problem);
    ExactResult result;
    const auto began = Clock::now();
    Program p = problem.model == SitingModel::lscp ? lscp_program(problem) : coverage_program(problem);
    const double worst = p.maximize ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();

    glp_smcp lp_options;
    glp_init_smcp(&lp_options);
    lp_options.msg_lev = GLP_MSG_OFF;
    lp_options.tm_lim = milliseconds_left(options.time_limit_s, began);
    if (glp_get_num_rows(p.lp.get()) == 0) {
        // Nothing to cover (lscp with every place unreachable): zero sites is optimal.
        result.lp_solved = result.mip_run = result.proven_optimal = true;
        result.units = UnitsPerSite(problem.sets->site_count(), 0);
        for (std::size_t j = 0; j < p.site_columns; ++j) (*result.units)[j] = site_bounds(problem)[j].low;
        result.value = result.best_bound = result.lp_bound = siting_value(problem, *result.units);
        return result;
    }
    const int lp_status = glp_simplex(p.lp.get(), &lp_options);
    result.lp_seconds = seconds_since(began);
    result.lp_solved = lp_status == 0 && glp_get_status(p.lp.get()) == GLP_OPT;
    result.lp_bound = result.lp_solved ? glp_get_obj_val(p.lp.get()) : worst;
    result.best_bound = result.lp_solved ? rounded_bound(p, result.lp_bound) : worst;
    result.time_limit_reached = lp_status == GLP_ETMLIM;
    if (!result.lp_solved || !options.solve_mip) return result;
    const int mip_ms = milliseconds_left(options.time_limit_s, began);
    if (mip_ms == 0) {
        result.time_limit_reached = true;
        return result;
    }

    std::vector<double> start_columns;
    SearchWatch watch;
    watch.maximize = p.maximize;
    if (start.size() == problem.sets->site_count() && is_feasible(problem, start)) {
        start_columns = column_values(p, problem, start);
        watch.start = &start_columns;
    }
    glp_iocp mip_options;
    glp_init_iocp(&mip_options);
    mip_options.msg_lev = GLP_MSG_OFF;
    mip_options.tm_lim = mip_ms;
    mip_options.bt_tech = GLP_BT_BLB;  // best bound first: the bound tightens fastest
    mip_options.cb_func = watch_search;
    mip_options.cb_info = &watch;
    const auto mip_began = Clock::now();
    const int mip_code = glp_intopt(p.lp.get(), &mip_options);
    result.mip_seconds = seconds_since(mip_began);
    result.mip_run = true;
    result.time_limit_reached = mip_code == GLP_ETMLIM;
    const int status = glp_mip_status(p.lp.get());
    if (status == GLP_OPT || status == GLP_FEAS) {
        UnitsPerSite units(problem.sets->site_count());
        for (std::size_t j = 0; j < p.site_columns; ++j)
            units[j] = static_cast<std::uint32_t>(std::lround(glp_mip_col_val(p.lp.get(), static_cast<int>(j) + 1)));
        result.value = siting_value(problem, units);
        result.units = std::move(units);
    }
    result.proven_optimal = mip_code == 0 && status == GLP_OPT;
    if (result.proven_optimal) {
        result.best_bound = result.value;
    } else if (watch.open_bound) {
        const double open = rounded_bound(p, *watch.open_bound);
        result.best_bound = p.maximize ? std::min(result.best_bound, open) : std::max(result.best_bound, open);
        // The incumbent is a bound's other side: the true optimum lies between the two.
        if (result.units)
            result.best_bound = p.maximize ? std::max(result.best_bound, result.value) : std::min(result.best_bound, result.value);
    }
    return result;
}

}  // namespace ems120
