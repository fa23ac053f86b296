// ems120 simulate: simulated busy days — calls, a fleet that is out on jobs, the dispatcher's own
// policy deciding — and the response times a county would see, side by side for nearest-unit
// dispatch against move-up and for the current fleet against one with proposed sites.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>

#include "cli/atomic_file.hpp"
#include "cli/center_maps.hpp"
#include "cli/commands.hpp"
#include "cli/diversion_option.hpp"
#include "cli/station_choice.hpp"
#include "cli/value_parsers.hpp"
#include "dispatch/hospital_directory.hpp"
#include "dispatch/hospitals_file.hpp"
#include "dispatch/live_coverage.hpp"
#include "dispatch/move_up.hpp"
#include "planning/call_history.hpp"
#include "planning/call_model.hpp"
#include "planning/simulation.hpp"
#include "planning/simulation_fleet.hpp"
#include "planning/simulation_report.hpp"

namespace ems120::cli {

namespace {

using namespace ems120::planning;

struct SimulateOptions {
    std::optional<std::string> fleet_file, calls_file, times_file, extra_file, json_out, csv_out;
    std::uint32_t units_per_station = 2;
    std::uint32_t days = 7;
    std::uint64_t seed = 1;
    CallModel model;
    bool nearest = true, move_up = false;
    double minutes = 15;
    bool lights_and_sirens = true;
    dispatch::AssignmentOptions assignment;
};

std::vector<OptionSpec> simulate_specs() {
    auto specs = map_option_specs();
    const std::vector<OptionSpec> own{
        {"fleet", "FILE", "units: CSV id,station,lat,lon[,shift] or JSON lines (docs/planning.md);\n"
                          "                          default: --units-per-station at each map station (else hospital)"},
        {"units-per-station", "N", "units at each station when there is no --fleet (default 2)"},
        {"days", "N", "simulated days (default 7)"},
        {"seed", "S", "random seed: the same seed gives the same calls and results (default 1)"},
        {"calls", "FILE", "replay calls instead of generating them: CSV time,lat,lon,priority\n"
                          "                          (time RFC 3339 with zone, or Unix seconds)"},
        {"calls-per-day", "X", "generated calls a day over the whole map (default 40)"},
        {"daily-pattern", "FILE|flat|default", "24 hourly call-rate factors (default: night low, day peak)"},
        {"priority-mix", "c,e,u,n", "shares of critical, emergency, urgent, non-urgent calls\n"
                                    "                          (default 10,30,40,20)"},
        {"policy", "nearest|move-up|both", "nearest free unit only, with move-up after each change, or\n"
                                           "                          both on the same calls (default nearest)"},
        {"extra-stations", "FILE", "proposed sites (`plan sites --out` GeoJSON, role \"proposed\", or CSV\n"
                                   "                          name,lat,lon): one more unit each, run beside the current fleet"},
        {"minutes", "M", "response-time limit in minutes (default 15)"},
        {"times", "FILE", "turnout, on-scene, handover distributions and transport share (JSON)"},
        {"divert", "never|critical|lower", kDivertHelp},
        {"lights-and-sirens", "on|off", "critical and emergency calls on the lights-and-sirens graph\n"
                                        "                          (default on, as the dispatcher)"},
        {"json", "FILE", "write the results as one JSON object (docs/planning.md)"},
        {"csv", "FILE", "write one row per simulated call and run"},
    };
    specs.insert(specs.end(), own.begin(), own.end());
    return specs;
}

SimulateOptions options_from(const CommandLine& line) {
    SimulateOptions o;
    o.fleet_file = line.value("fleet");
    o.calls_file = line.value("calls");
    o.times_file = line.value("times");
    o.extra_file = line.value("extra-stations");
    o.json_out = line.value("json");
    o.csv_out = line.value("csv");
    if (o.fleet_file && line.has("units-per-station")) throw UsageError("--units-per-station is for the made-up fleet, not with --fleet");
    if (o.calls_file)
        for (const char* generated : {"days", "calls-per-day", "daily-pattern", "priority-mix"})
            if (line.has(generated))
                throw UsageError(std::string("--") + generated + " is for generated calls; --calls replays a file's calls");
    if (auto v = line.value("units-per-station")) o.units_per_station = parse_count("units-per-station", *v, 1, 100);
    if (auto v = line.value("days")) o.days = parse_count("days", *v, 1, 3660);
    if (auto v = line.value("seed")) o.seed = parse_count("seed", *v, 0, 4'294'967'295u);
    if (auto v = line.value("calls-per-day")) o.model.calls_per_day = parse_number("calls-per-day", *v, 0.01, 100'000);
    if (auto v = line.value("priority-mix")) {
        try {
            o.model.mix = parse_priority_mix(*v);
        } catch (const InputError& e) {
            throw UsageError(e.what());  // a command-line mistake: exit 2 with "see --help"
        }
    }
    if (auto v = line.value("daily-pattern")) o.model.pattern = read_daily_pattern(*v);
    if (auto v = line.value("policy")) {
        if (*v == "nearest") o.nearest = true, o.move_up = false;
        else if (*v == "move-up") o.nearest = false, o.move_up = true;
        else if (*v == "both") o.nearest = o.move_up = true;
        else throw UsageError("--policy takes nearest, move-up or both, not '" + *v + "'");
    }
    if (auto v = line.value("minutes")) o.minutes = parse_number("minutes", *v, 0.1, 1440);
    if (auto v = line.value("divert")) o.assignment.diversion = parse_diversion_rule(*v);
    o.lights_and_sirens = parse_on_off("lights-and-sirens", line.value("lights-and-sirens").value_or("on"));
    o.assignment.response_radius_ms = static_cast<TravelTime>(std::llround(o.minutes * 60'000));
    if (o.times_file) o.model.times = read_service_times(*o.times_file);
    return o;
}

// The made-up fleet's stations: those a unit parked there could leave from (others are noted).
std::vector<MapPoint> stations_on_roads(const StationChoice& choice, const SegmentIndex& roads, double max_snap_m,
                                        std::vector<std::string>& notes) {
    std::vector<MapPoint> kept;
    std::string dropped;
    for (const MapPoint& s : choice.stations) {
        const Snap snap = roads.nearest(s.location);
        if (snap.found() && snap.distance_m <= max_snap_m) kept.push_back(s);
        else dropped += (dropped.empty() ? "" : ", ") + s.display_name();
    }
    if (!dropped.empty())
        notes.push_back("no units at " + dropped + ": farther than " + std::to_string(static_cast<int>(max_snap_m)) +
                        " m from any road");
    if (kept.empty()) throw InputError("no station of the map is near a road: give the fleet with --fleet FILE");
    return kept;
}

std::vector<LatLon> distinct_homes(std::span<const FleetUnit> fleet) {
    std::vector<LatLon> homes;
    std::set<std::pair<double, double>> seen;
    for (const FleetUnit& u : fleet)
        if (seen.insert({u.home.lat, u.home.lon}).second) homes.push_back(u.home);
    return homes;
}

std::string rate_text(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

}  // namespace

int run_simulate(std::span<const std::string> args) {
    CommandLine line("simulate",
                     "Simulated days of calls answered by the fleet with the dispatcher's own assignment policy\n"
                     "(and move-up), in virtual time: response times (median, p90, share within the limit,\n"
                     "per place), how fast a unit was sent, unit utilisation and calls that had to wait, for\n"
                     "each policy and fleet side by side on the same calls. Details: docs/planning.md.",
                     simulate_specs());
    if (!line.parse(args)) return 0;
    const MapOptions map_options = map_options_from(line);
    const SimulateOptions o = options_from(line);

    // Every planner's file is read before the map, so a typo fails in milliseconds.
    std::vector<FleetUnit> fleet;
    if (o.fleet_file) fleet = read_fleet_file(*o.fleet_file);
    std::vector<MapPoint> sites;
    if (o.extra_file) sites = read_proposed_sites(*o.extra_file);
    std::optional<CallHistory> history;
    if (o.calls_file) history = read_call_history(*o.calls_file);

    const CenterMaps maps = load_center_maps(map_options, o.lights_and_sirens);
    const LoadedMap& loaded = *maps.normal;
    const OsmMap& map = loaded.map;
    std::vector<std::string> notes;
    const double unit_snap = o.assignment.unit_max_snap_m;
    if (o.fleet_file) {
        check_fleet_on_map(fleet, loaded.index, unit_snap);
    } else {
        const StationChoice choice = choose_stations(std::nullopt, {}, loaded, map_options);
        if (!choice.note.empty()) notes.push_back(choice.note);
        fleet = fleet_at_stations(stations_on_roads(choice, loaded.index, unit_snap, notes), o.units_per_station);
    }
    std::vector<FleetUnit> extended = fleet;
    if (o.extra_file) {
        std::vector<FleetUnit> extra = units_at_sites(sites);
        for (std::size_t i = 0; i < extra.size(); ++i) extra[i].source = where_in(*o.extra_file, sites[i]);
        check_fleet_on_map(extra, loaded.index, unit_snap);
        for (FleetUnit& u : extra) {
            if (std::any_of(fleet.begin(), fleet.end(), [&](const FleetUnit& f) { return f.id == u.id; })) u.id += "-proposed";
            extended.push_back(std::move(u));
        }
    }

    const std::vector<MapPoint>& places = map.places;
    std::vector<SimulatedCall> calls;
    std::string calls_origin;
    std::uint32_t days = o.days;
    SimulationRandom random(o.seed);
    if (history) {
        check_calls_on_map(*history, *o.calls_file, loaded.index, o.assignment.call_max_snap_m);
        calls = std::move(history->calls);
        for (SimulatedCall& c : calls) draw_service_times(o.model.times, random, c);
        assign_nearest_places(places, calls);
        days = history->days;
        calls_origin = std::to_string(calls.size()) + " calls replayed from " + *o.calls_file;
    } else {
        if (places.empty())
            throw InputError(map_options.map_path + ": the map has no places (place=city|town|village|hamlet) to generate "
                             "calls at; replay calls with --calls FILE");
        calls = generate_calls(places, o.model, days, random);
        calls_origin = std::to_string(calls.size()) + " calls generated (" + rate_text(o.model.calls_per_day) +
                       " a day by population" + (line.has("daily-pattern") ? ", daily pattern " + *line.value("daily-pattern") : ", typical daily pattern") + ")";
    }
    if (map.hospitals.empty()) notes.push_back("the map has no hospitals: every patient is treated on scene");

    const dispatch::RoutingIndex normal = maps.normal_index();
    const dispatch::HospitalDirectory hospitals(normal, dispatch::hospitals_from_map(map.hospitals));
    SimulationSetup setup;
    setup.modes = maps.modes();
    setup.normal = normal;
    setup.assignment = o.assignment;
    setup.hospitals = &hospitals;
    setup.horizon_ms = std::int64_t{days} * kDayMs;
    const std::int64_t limit_ms = std::llround(o.minutes * 60'000);

    std::unique_ptr<dispatch::LiveCoverageIndex> coverage;
    if (o.move_up) {
        dispatch::LiveCoverageOptions coverage_options;
        coverage_options.limit = static_cast<TravelTime>(limit_ms);
        coverage_options.unit_placing = o.assignment;
        coverage = std::make_unique<dispatch::LiveCoverageIndex>(normal, places, coverage_options);
        if (places.empty()) notes.push_back("the map has no places: move-up has nothing to cover and moves no unit");
    }

    SimulationReport report;
    report.map = std::filesystem::path(map_options.map_path).filename().string();
    report.days = days;
    report.seed = o.seed;
    report.limit_min = o.minutes;
    report.places = places;
    report.calls_origin = calls_origin;
    report.notes = notes;

    struct Run {
        SimulationResult result;
        const std::vector<FleetUnit>* fleet;
    };
    std::vector<Run> runs;
    const auto started = std::chrono::steady_clock::now();
    for (const bool proposed : {false, true}) {
        if (proposed && !o.extra_file) continue;
        const std::vector<FleetUnit>& units = proposed ? extended : fleet;
        const std::string fleet_name = proposed ? "with proposed sites" : "current";
        const std::string fleet_label = proposed ? "with proposed sites" : "current fleet";
        std::unique_ptr<dispatch::MoveUpIndex> move_up_index;
        if (o.move_up) move_up_index = std::make_unique<dispatch::MoveUpIndex>(*coverage, distinct_homes(units));
        for (const bool move_up : {false, true}) {
            if ((move_up && !o.move_up) || (!move_up && !o.nearest)) continue;
            SimulationSetup run_setup = setup;
            run_setup.move_up = move_up ? move_up_index.get() : nullptr;
            runs.push_back({simulate(run_setup, units, calls), &units});
            report.runs.push_back(summarize_run(fleet_label + (move_up ? ", move-up" : ", nearest unit"), move_up ? "move-up" : "nearest",
                                                fleet_name, runs.back().result, units, calls, limit_ms));
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "ems120: simulated %zu calls x %zu runs in %.2f s\n", calls.size(), runs.size(), seconds);

    if (o.json_out) write_file_atomically(*o.json_out, simulation_json(report));
    if (o.csv_out) {
        std::vector<CsvRun> csv_runs;
        for (std::size_t i = 0; i < runs.size(); ++i) csv_runs.push_back({&report.runs[i], &runs[i].result, *runs[i].fleet});
        write_file_atomically(*o.csv_out, simulation_csv(csv_runs, calls));
    }
    print_simulation_report(std::cout, report);
    if (o.json_out) std::cout << "\nWrote " << *o.json_out << "\n";
    if (o.csv_out) std::cout << (o.json_out ? "" : "\n") << "Wrote " << *o.csv_out << " (one row per call and run)\n";
    return 0;
}

}  // namespace ems120::cli
