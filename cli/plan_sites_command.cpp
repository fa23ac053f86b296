// ems120 plan sites: where to put the next K substations, and how far that answer may be from
// the best possible (docs/planning.md, "Siting").
#include <cctype>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "cli/coverage_inputs.hpp"
#include "cli/output_format.hpp"
#include "cli/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/map_session.hpp"
#include "cli/siting_candidates.hpp"
#include "cli/value_parsers.hpp"
#include "dispatch/live_coverage.hpp"
#include "planning/coverage.hpp"
#include "planning/siting_report.hpp"

namespace ems120::cli {

namespace {

SitingModel model_of(const std::string& text) {
    if (text == "mclp") return SitingModel::mclp;
    if (text == "lscp") return SitingModel::lscp;
    if (text == "mexclp") return SitingModel::mexclp;
    throw UsageError("--model '" + text + "': unknown model (mclp, lscp or mexclp)");
}

ExactMode exact_mode_of(const std::string& text) {
    if (text == "auto") return ExactMode::automatic;
    if (text == "always") return ExactMode::always;
    if (text == "never") return ExactMode::never;
    throw UsageError("--exact '" + text + "': expected auto, always or never");
}

std::vector<OptionSpec> option_specs() {
    auto specs = map_option_specs();
    specs.push_back({"model", "M", "mclp (default): K new sites covering the most weight;\n"
                                   "lscp: the fewest new sites covering every place some site reaches;\n"
                                   "mexclp: K more ambulances, several per site allowed, maximising the\n"
                                   "expected covered weight when each is busy with --busy-probability"});
    specs.push_back({"add", "K", "new sites (mclp) or new units (mexclp); required for both, not for lscp"});
    for (auto& spec : coverage_input_option_specs()) specs.push_back(std::move(spec));
    specs.push_back({"candidates", "SPEC", "where new sites may go: clinics (default; the map's clinics, health\n"
                                           "centres, doctors and hospitals), grid[:METRES] (a road point per\n"
                                           "grid cell, default 2000 m) or a CSV (name,lat,lon) / GeoJSON file"});
    specs.push_back({"relocate", "", "existing stations may move: choose existing+K sites from all of them"});
    specs.push_back({"busy-probability", "Q", "mexclp: the chance a unit is busy when called (default 0.3)"});
    specs.push_back({"exact", "MODE", "auto (default): GLPK branch and bound when the instance is small enough,\n"
                                      "else the LP bound only; always; never (no bound, no gap)"});
    specs.push_back({"time-limit", "S", "seconds for GLPK (LP and branch and bound; default 60)"});
    specs.push_back({"out", "FILE", "also write the sites and places to FILE.geojson or the sites to FILE.csv"});
    return specs;
}

std::vector<MapPoint> used_points(std::span<const MapPoint> sites, const UnitsPerSite& units, std::size_t first) {
    std::vector<MapPoint> used;
    for (std::size_t j = 0; j < sites.size(); ++j)
        if (units[first + j] > 0) used.push_back(sites[j]);
    return used;
}

}  // namespace

int run_plan_sites(std::span<const std::string> args) {
    CommandLine line("plan sites",
                     "The best places for new ambulance substations: for every existing station and candidate\n"
                     "site, the places it reaches by road within the radius; then K new sites covering the most\n"
                     "people (or the fewest covering every village, or K more units under a busy probability),\n"
                     "found by greedy + swap search and checked with GLPK's integer program: the optimality gap\n"
                     "says how far the answer may be from the best possible. docs/planning.md explains it all.",
                     option_specs());
    if (!line.parse(args)) return 0;

    // Every option is checked before the map is read, so a typo fails in milliseconds.
    const MapOptions map_options = map_options_from(line);
    const SitingModel model = model_of(line.value("model").value_or("mclp"));
    SitingProblem problem;
    problem.model = model;
    problem.relocate = line.has("relocate");
    if (model == SitingModel::lscp) {
        if (line.has("add")) throw UsageError("--add does not apply to --model lscp (it finds the number of sites)");
    } else {
        const auto add = line.value("add");
        if (!add) throw UsageError("--add K is required: how many new " + std::string(model == SitingModel::mclp ? "sites" : "units"));
        problem.add = parse_count("add", *add, 1, 10000);
    }
    if (auto q = line.value("busy-probability")) {
        if (model != SitingModel::mexclp) throw UsageError("--busy-probability applies to --model mexclp only");
        problem.busy_probability = parse_number("busy-probability", *q, 0.0, 0.99);
    } else if (model == SitingModel::mexclp) {
        problem.busy_probability = 0.3;
    }
    const TravelTime limit = coverage_options_from(line, map_options).limit;
    SitingOptions siting_options;
    if (auto e = line.value("exact")) siting_options.exact = exact_mode_of(*e);
    if (auto t = line.value("time-limit")) siting_options.time_limit_s = parse_number("time-limit", *t, 0.1, 86400.0);
    const std::string out_path = line.value("out").value_or("");
    const OutputFormat out_format = out_path.empty() ? OutputFormat::none : format_of(out_path);
    const CandidateSpec candidate_spec = parse_candidate_spec(line.value("candidates").value_or("clinics"));
    PlannerFiles files = read_planner_files(line);
    std::vector<MapPoint> file_candidates = read_candidate_file(candidate_spec);

    const auto loaded = load_map(map_options);
    const OsmMap& map = loaded->map;
    std::vector<std::string> notes;
    CoverageInputs inputs = choose_coverage_inputs(std::move(files), *loaded, map_options);
    if (inputs.hospitals_as_stations) notes.push_back(inputs.notes.front());
    const std::vector<MapPoint> existing = std::move(inputs.stations);
    const std::vector<MapPoint> places = std::move(inputs.places);
    if (places.empty())
        throw InputError(map_options.map_path + ": the map has no places (place=city|town|village|hamlet|"
                         "isolated_dwelling) to cover; give them with --places FILE");
    CandidateSites candidates =
        gather_candidates(candidate_spec, std::move(file_candidates), *loaded, existing, map_options.max_snap_m);
    if (candidates.left_out_off_road > 0)
        notes.push_back(std::to_string(candidates.left_out_off_road) + " candidate(s) of the map farther than " +
                        std::to_string(std::lround(map_options.max_snap_m)) + " m from a road left out");
    if (candidates.left_out_as_stations > 0)
        notes.push_back(std::to_string(candidates.left_out_as_stations) +
                        " candidate(s) at an existing station's spot left out");

    // The siting index: places snapped once, one one-to-many search per site.
    const dispatch::RoutingIndex routing{&map.graph, &loaded->ch, &loaded->index};
    dispatch::LiveCoverageOptions coverage_options;
    coverage_options.limit = limit;
    coverage_options.place_max_snap_m = map_options.max_snap_m;
    coverage_options.unit_placing.unit_max_snap_m = map_options.max_snap_m;
    const dispatch::LiveCoverageIndex place_index(routing, places, coverage_options);
    const SiteCoverage built = build_site_coverage(place_index, existing, candidates.sites);
    problem.sets = &built.sets;
    SitingResult result;
    try {
        result = solve_siting(problem, siting_options);
    } catch (const std::invalid_argument& e) {
        throw InputError(e.what());  // K beyond the candidates: the planner's input, not a bug
    }

    // Drive times before and after, for the per-place minutes.
    CoverageOptions drive_options;
    drive_options.limit = limit;
    drive_options.max_snap_m = map_options.max_snap_m;
    const CoverageResult before = compute_coverage(map.graph, loaded->index, places, existing, drive_options, &loaded->ch);
    std::vector<MapPoint> chosen = used_points(existing, result.best_units, 0);
    const std::vector<MapPoint> proposed = used_points(candidates.sites, result.best_units, existing.size());
    chosen.insert(chosen.end(), proposed.begin(), proposed.end());
    const CoverageResult after = compute_coverage(map.graph, loaded->index, places, chosen, drive_options, &loaded->ch);

    const SitingReportInput report{places, existing, candidates.sites, inputs.stations_origin, candidates.origin, built,
                                   problem, result, before, after, notes};
    if (out_format != OutputFormat::none)
        write_file_atomically(out_path, out_format == OutputFormat::csv ? siting_csv(report) : siting_geojson(report));
    print_siting_report(std::cout, report);
    if (!out_path.empty()) std::cout << "\nWrote " << out_path << "\n";
    return 0;
}

}  // namespace ems120::cli
