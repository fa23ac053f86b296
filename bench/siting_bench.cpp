// Benchmark: substation siting on a real map — the heuristic (greedy + 1-swap; greedy + redundancy
// drop for lscp) against GLPK's integer program in the same run: values, bound, gap, and the time
// ratio exact / heuristic.
//
//   build/bin/bench_siting [--time-limit S] [--max-k K] [--minutes M] [--grid METRES] [--existing none|map]
//                          [--demand-grid METRES] [MAP.osm.pbf | MAP.ems]
//
// Default: ../shared/maps/malta.osm.pbf, 10 minutes, k = 1..10, 60 s per exact solve, no existing
// stations (greenfield: Malta's 24 hospitals standing in as stations already reach every place
// within 15 minutes, which leaves nothing to choose). Candidate sets: "clinics" (the map's
// clinics, health centres, doctors and hospitals — 31 on Malta) and "grid" (a road point per
// 1000 m cell, the map having few clinics). `--existing map`: the map's ambulance stations, else
// its hospitals, are kept. `--demand-grid M`: instead of the map's places (90 on Malta), a road point
// per M-metre cell is a place of weight 1 — a county with thousands of villages. JSON lines on stdout:
//   siting_index   building the coverage sets: places, sites, nonzeros, seconds (one RPHAST per site)
//   siting_solve   per candidate set, model and k: heuristic value and time (median of repeats),
//                  LP bound, exact value, whether proven, the bound used, the heuristic's gap, exact
//                  time and exact_over_heuristic (the time ratio)
// Exits 1 when a check fails: heuristic > bound (max) or < bound (lscp), or exact worse than heuristic.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "dispatch/live_coverage.hpp"
#include "maps/binary_file.hpp"
#include "planning/grid_candidates.hpp"
#include "planning/site_coverage.hpp"
#include "planning/siting_exact.hpp"
#include "planning/siting_greedy.hpp"
#include "planning/siting_lscp.hpp"
#include "planning/siting_result.hpp"
#include "routing/routable_map.hpp"

using namespace ems120;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

RoutableMap load(const std::string& path) {
    return path.ends_with(".ems") ? decode_routable_map(read_whole_file(path), path)
                                  : build_routable_map(path, RoadProfile::ambulance_default(), GraphOptions{});
}

// The heuristic alone, repeated until 0.2 s have passed (at most 50 times): the median run.
double heuristic_seconds(const SitingProblem& problem, double& value) {
    std::vector<double> runs;
    const auto began = Clock::now();
    while (runs.size() < 50 && (runs.size() < 3 || seconds_since(began) < 0.2)) {
        const auto start = Clock::now();
        value = problem.model == SitingModel::lscp ? solve_lscp_greedy(problem).value : solve_greedy_swap(problem).value;
        runs.push_back(seconds_since(start));
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

bool failed_ = false;

void solve_and_print(const std::string& candidates, const SitingProblem& problem, double time_limit_s) {
    double heuristic_value = 0.0;
    const double heuristic_s = heuristic_seconds(problem, heuristic_value);
    SitingOptions options;
    options.exact = ExactMode::always;
    options.time_limit_s = time_limit_s;
    const auto start = Clock::now();
    const SitingResult r = solve_siting(problem, options);
    const double exact_s = seconds_since(start) - r.heuristic_seconds;
    const bool maximize = problem.model != SitingModel::lscp;
    const ExactResult& e = *r.exact;
    std::printf("{\"bench\":\"siting_solve\",\"candidates\":\"%s\",\"model\":\"%s\",\"k\":%u,\"sites\":%zu,"
                "\"nonzeros\":%zu,\"heuristic_value\":%.2f,\"greedy_value\":%.2f,\"swaps\":%u,\"heuristic_ms\":%.3f,"
                "\"lp_bound\":%.2f,\"exact_value\":%s,\"exact_proven\":%s,\"bound\":%.2f,\"bound_kind\":\"%s\","
                "\"gap\":%.5f,\"exact_seconds\":%.3f,\"exact_over_heuristic\":%.0f}\n",
                candidates.c_str(), model_name(problem.model), problem.model == SitingModel::lscp ? 0 : problem.add,
                problem.sets->site_count(), exact_model_nonzeros(problem), heuristic_value, r.greedy_value, r.swaps,
                heuristic_s * 1000.0, e.lp_bound, e.units ? std::to_string(e.value).c_str() : "null",
                e.proven_optimal ? "true" : "false", r.bound, bound_kind_text(r.bound_kind), r.gap.value_or(-1.0), exact_s,
                exact_s / std::max(heuristic_s, 1e-9));
    std::fflush(stdout);
    const double tolerance = 1e-6 * std::max(1.0, std::fabs(r.bound));
    if (maximize ? heuristic_value > r.bound + tolerance : heuristic_value < r.bound - tolerance) {
        std::fprintf(stderr, "bench_siting: heuristic %.3f beyond the bound %.3f\n", heuristic_value, r.bound);
        failed_ = true;
    }
    if (e.units && (maximize ? e.value < heuristic_value - tolerance : e.value > heuristic_value + tolerance)) {
        std::fprintf(stderr, "bench_siting: exact %.3f worse than the heuristic it started from %.3f\n", e.value, heuristic_value);
        failed_ = true;
    }
}

}  // namespace

int main(int argc, char** argv) {
    double time_limit_s = 60.0, minutes = 10.0, grid_m = 1000.0;
    bool keep_map_stations = false;
    double demand_grid_m = 0.0;
    std::uint32_t max_k = 10;
    std::string path = "../shared/maps/malta.osm.pbf";
    const char* usage =
        "usage: bench_siting [--time-limit S] [--max-k K] [--minutes M] [--grid METRES] [--existing none|map] "
        "[--demand-grid METRES] [MAP.osm.pbf | MAP.ems]";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--time-limit" && i + 1 < argc) time_limit_s = std::max(0.1, std::atof(argv[++i]));
        else if (a == "--max-k" && i + 1 < argc) max_k = static_cast<std::uint32_t>(std::max(1, std::atoi(argv[++i])));
        else if (a == "--minutes" && i + 1 < argc) minutes = std::max(0.1, std::atof(argv[++i]));
        else if (a == "--grid" && i + 1 < argc) grid_m = std::max(100.0, std::atof(argv[++i]));
        else if (a == "--existing" && i + 1 < argc) keep_map_stations = std::string(argv[++i]) == "map";
        else if (a == "--demand-grid" && i + 1 < argc) demand_grid_m = std::max(100.0, std::atof(argv[++i]));
        else if (a == "--help") {
            std::puts(usage);
            return 0;
        } else if (!a.starts_with("--")) path = a;
        else {
            std::fprintf(stderr, "%s\n", usage);
            return 2;
        }
    }
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "bench_siting: %s not found (run from the source tree, or give a map)\n%s\n", path.c_str(), usage);
        return 2;
    }
    const std::string name = std::filesystem::path(path).stem().stem().string();
    const RoutableMap routable = load(path);
    const OsmMap& map = routable.map;
    const SegmentIndex index(map.graph);
    const std::vector<MapPoint> existing =
        !keep_map_stations ? std::vector<MapPoint>{} : map.stations.empty() ? map.hospitals : map.stations;

    dispatch::LiveCoverageOptions coverage_options;
    coverage_options.limit = static_cast<TravelTime>(std::llround(minutes * 60000.0));
    const std::vector<MapPoint> demand =
        demand_grid_m > 0 ? grid_candidates(map.graph, index, demand_grid_m, coverage_options.place_max_snap_m) : map.places;
    const dispatch::LiveCoverageIndex places(dispatch::RoutingIndex{&map.graph, &routable.ch, &index}, demand,
                                             coverage_options);

    // The CLI's clinics: clinics and hospitals, but not the hospitals already standing in as stations.
    std::vector<MapPoint> clinics = map.clinics;
    if (!keep_map_stations || !map.stations.empty())
        clinics.insert(clinics.end(), map.hospitals.begin(), map.hospitals.end());
    const std::vector<std::pair<std::string, std::vector<MapPoint>>> candidate_sets = {
        {"clinics", clinics},
        {"grid", grid_candidates(map.graph, index, grid_m, coverage_options.place_max_snap_m)}};

    for (const auto& [label, candidates] : candidate_sets) {
        if (candidates.empty()) continue;
        const auto start = Clock::now();
        const SiteCoverage built = build_site_coverage(places, existing, candidates);
        std::printf("{\"bench\":\"siting_index\",\"map\":\"%s\",\"candidates\":\"%s\",\"minutes\":%g,\"grid_m\":%g,"
                    "\"demand_grid_m\":%g,\"places\":%zu,\"existing\":%zu,\"candidate_sites\":%zu,\"nonzeros\":%zu,\"seconds\":%.3f}\n",
                    name.c_str(), label.c_str(), minutes, grid_m, demand_grid_m, built.sets.place_count(), existing.size(), candidates.size(),
                    built.sets.nonzeros(), seconds_since(start));
        std::fflush(stdout);
        for (std::uint32_t k = 1; k <= std::min<std::size_t>(max_k, candidates.size()); ++k)
            solve_and_print(label, {&built.sets, SitingModel::mclp, k}, time_limit_s);
        for (std::uint32_t k = 1; k <= max_k; k += (k == 1 ? 4 : 5))
            solve_and_print(label, {&built.sets, SitingModel::mexclp, k, false, 0.3}, time_limit_s);
        solve_and_print(label, {&built.sets, SitingModel::lscp}, time_limit_s);
    }
    return failed_ ? 1 : 0;
}
