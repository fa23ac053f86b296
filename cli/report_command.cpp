// ems120 report: the coverage benchmark as one self-contained HTML file for the health commission.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "cli/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/coverage_inputs.hpp"
#include "cli/map_session.hpp"
#include "maps/ascii_text.hpp"
#include "planning/coverage.hpp"
#include "planning/report_drive_times.hpp"
#include "planning/report_html.hpp"
#include "planning/report_number_text.hpp"
#include "planning/report_simulation.hpp"
#include "planning/report_sites.hpp"

namespace ems120::cli {

namespace {

// The report must land somewhere a browser opens it as a page; checked before the map is read,
// so a wrong path fails in milliseconds.
void check_out_path(const std::string& path) {
    const std::filesystem::path p(path);
    const std::string extension = ascii_lower(p.extension().string());
    if (extension != ".html" && extension != ".htm")
        throw UsageError("--out " + path + ": the file name must end in .html (the report is one HTML page)");
    const std::filesystem::path dir = p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw InputError("--out " + path + ": " + dir.string() + " is not an existing folder");
    if (std::filesystem::is_directory(p, ec)) throw InputError("--out " + path + ": is a folder");
}

std::string utc_now_text() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
    return text;
}

// A proposed site that cannot be snapped would silently change nothing: refuse it by name.
void check_sites_snap(const std::string& path, const SitesFile& sites, const LoadedMap& loaded, double max_snap_m) {
    for (const MapPoint& site : sites.proposed) {
        const std::string problem = snap_problem(loaded.index.nearest(site.location), max_snap_m);
        if (!problem.empty())
            throw InputError(path + ": proposed site '" + site.display_name() + "' cannot be used: " + problem +
                             " (outside the map?)");
    }
}

}  // namespace

int run_report(std::span<const std::string> args) {
    auto specs = map_option_specs();
    for (auto& spec : coverage_input_option_specs()) specs.push_back(std::move(spec));
    specs.push_back({"sites", "FILE", "proposed sites: the GeoJSON of `ems120 plan sites --out`; shown on the map,\n"
                                      "with coverage recomputed with them (before/after table)"});
    specs.push_back({"simulation", "FILE", "simulated response times: the JSON of `ems120 simulate --json`; a table\n"
                                           "of the runs and a histogram per run"});
    specs.push_back({"title", "TEXT", "the report's title (default: \"Ambulance coverage: <map file>\")"});
    specs.push_back({"out", "FILE", "the report to write, FILE.html (required; written whole or not at all)"});
    CommandLine line("report",
                     "The coverage benchmark as one self-contained HTML file to open offline or attach to a mail:\n"
                     "a map of the places coloured by drive time from the nearest station, a histogram and\n"
                     "cumulative share of drive times, the slowest places, and optionally the proposed sites\n"
                     "(before/after) and simulated response times. See docs/planning.md.",
                     specs);
    if (!line.parse(args)) return 0;
    const auto out = line.value("out");
    if (!out) throw UsageError("--out FILE.html is required (where to write the report)");
    check_out_path(*out);
    const MapOptions map_options = map_options_from(line);
    const CoverageOptions options = coverage_options_from(line, map_options);
    // Every file is read and checked before the map, so a bad one fails in milliseconds.
    PlannerFiles files = read_planner_files(line);
    std::optional<SitesFile> sites;
    if (auto f = line.value("sites")) sites = read_sites_file(*f);
    std::optional<SimulationFile> simulation;
    if (auto f = line.value("simulation")) simulation = read_simulation_file(*f);

    const auto loaded = load_map(map_options);
    const CoverageInputs inputs = choose_coverage_inputs(std::move(files), *loaded, map_options);
    const RoadGraph& graph = loaded->map.graph;
    const CoverageResult coverage = compute_coverage(graph, loaded->index, inputs.places, inputs.stations, options, &loaded->ch);

    const std::string map_name = std::filesystem::path(map_options.map_path).filename().string();
    std::string title = line.value("title").value_or("");
    if (title.find_first_not_of(" \t") == std::string::npos) title = "Ambulance coverage: " + map_name;
    ReportInput report{title,
                       std::string("ems120 ") + EMS120_VERSION + " on " + utc_now_text(),
                       map_name,
                       graph,
                       inputs.places,
                       inputs.stations,
                       inputs.stations_origin,
                       inputs.hospitals_as_stations ? "hospital (standing in as a station)" : "ambulance station",
                       coverage,
                       inputs.notes,
                       std::nullopt,
                       simulation ? &*simulation : nullptr,
                       line.value("simulation").value_or("")};
    std::optional<CoverageResult> after;
    if (sites) {
        check_sites_snap(*line.value("sites"), *sites, *loaded, options.max_snap_m);
        std::vector<MapPoint> all = inputs.stations;
        all.insert(all.end(), sites->proposed.begin(), sites->proposed.end());
        after = compute_coverage(graph, loaded->index, inputs.places, all, options, &loaded->ch);
        report.sites.emplace(SitesComparison{*line.value("sites"), sites->proposed, *after});
    }
    const std::string html = coverage_report_html(report);
    write_file_atomically(*out, html);

    const DriveTimeSummary s = summarize_drive_times(inputs.places, coverage);
    std::cout << "Wrote " << *out << " (" << fixed_text(static_cast<double>(html.size()) / 1024.0, 0) << " KiB): " << s.within
              << " of " << s.places << " places within " << fixed_text(to_minutes(s.limit), 1) << " minutes ("
              << percent_text(static_cast<double>(s.within), static_cast<double>(s.places)) << ")";
    if (after) {
        const DriveTimeSummary a = summarize_drive_times(inputs.places, *after);
        std::cout << ", " << a.within << " with the " << sites->proposed.size() << " proposed sites";
    }
    std::cout << "\n";
    return 0;
}

}  // namespace ems120::cli
