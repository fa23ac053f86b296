// Benchmark: simulated calls per second of CPU time for `ems120 simulate`'s event loop with a
// county fleet, for nearest-unit dispatch and with move-up, against the raw assignment decision
// rate on the same calls in the same run (the shared machine drifts in absolute speed, not in
// ratios).
//
//   build/bin/bench_simulation [--units N] [--days D] [--calls-per-day X] [--seed S] [MAP.osm.pbf | MAP.ems]
//
// Default: ../shared/maps/malta.osm.pbf, 30 units spread over the map's stations (its hospitals
// standing in, as `ems120 simulate` does), a year of 40 calls a day, lights and sirens for
// critical and emergency calls. JSON lines on stdout:
//   simulation_nearest     the whole simulation, nearest free unit (AssignmentQuery per decision)
//   simulation_move_up     the same calls with MoveUpQuery after every change of availability
//   baseline_assign        AssignmentQuery::assign (select_fleet + decide) for every call against
//                          the fleet parked at its stations: one policy decision per call, nothing else
//   baseline_decide        AssignmentQuery::decide only, the fleet selected once
// calls_per_cpu_s counts this thread's CPU time (a loaded machine's wall clock counts other
// processes too); target (issue 7): >= 10,000 simulated calls per second.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "dispatch/assignment_policy.hpp"
#include "dispatch/hospital_directory.hpp"
#include "dispatch/hospitals_file.hpp"
#include "dispatch/lights_and_sirens_profile.hpp"
#include "dispatch/live_coverage.hpp"
#include "dispatch/move_up.hpp"
#include "maps/binary_file.hpp"
#include "planning/call_model.hpp"
#include "planning/simulation.hpp"
#include "routing/routable_map.hpp"
#include "routing/segment_index.hpp"

using namespace ems120;
using namespace ems120::planning;

namespace {

double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Timing {
    double wall_s = 0, cpu_s = 0;
};

template <class F>
Timing timed(F&& f) {
    const auto wall = std::chrono::steady_clock::now();
    const double cpu = cpu_now();
    f();
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(), cpu_now() - cpu};
}

struct Routable {
    RoutableMap routable;
    SegmentIndex index;
    explicit Routable(RoutableMap&& r) : routable(std::move(r)), index(routable.map.graph) {}
    dispatch::RoutingIndex routing() const { return {&routable.map.graph, &routable.ch, &index}; }
};

RoutableMap load(const std::string& path, const RoadProfile& profile) {
    return path.ends_with(".ems") ? decode_routable_map(read_whole_file(path), path) : build_routable_map(path, profile, GraphOptions{});
}

void print_run(const char* name, std::size_t calls, const Timing& t, const SimulationResult* r) {
    std::printf("{\"bench\":\"%s\",\"calls\":%zu,\"wall_s\":%.3f,\"cpu_s\":%.3f,\"calls_per_cpu_s\":%.0f,\"calls_per_wall_s\":%.0f",
                name, calls, t.wall_s, t.cpu_s, calls / t.cpu_s, calls / t.wall_s);
    if (r) std::printf(",\"decisions\":%llu,\"move_ups\":%u,\"diversions\":%u", static_cast<unsigned long long>(r->decisions), r->move_ups, r->diversions);
    std::printf(",\"target_calls_per_s\":10000}\n");
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    std::string path = "../shared/maps/malta.osm.pbf";
    std::uint32_t units = 30, days = 365, seed = 1;
    double per_day = 40;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--units" && has_value) units = static_cast<std::uint32_t>(std::atoi(argv[++i]));
        else if (a == "--days" && has_value) days = static_cast<std::uint32_t>(std::atoi(argv[++i]));
        else if (a == "--calls-per-day" && has_value) per_day = std::atof(argv[++i]);
        else if (a == "--seed" && has_value) seed = static_cast<std::uint32_t>(std::atoi(argv[++i]));
        else if (!a.starts_with("--")) path = a;
        else {
            std::fprintf(stderr, "usage: bench_simulation [--units N] [--days D] [--calls-per-day X] [--seed S] [MAP]\n");
            return 2;
        }
    }
    if (units == 0 || days == 0 || !(per_day > 0)) {
        std::fprintf(stderr, "bench_simulation: --units, --days and --calls-per-day must be positive\n");
        return 2;
    }
    const auto load_start = std::chrono::steady_clock::now();
    const Routable normal(load(path, RoadProfile::ambulance_default()));
    const Routable sirens(load(path, dispatch::lights_and_sirens_profile(RoadProfile::ambulance_default())));
    const OsmMap& map = normal.routable.map;
    const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

    // Stations: the map's, else its hospitals; only those near a road, as `ems120 simulate` keeps them.
    std::vector<MapPoint> stations;
    for (const MapPoint& s : map.stations.empty() ? map.hospitals : map.stations) {
        const Snap snap = normal.index.nearest(s.location);
        if (snap.found() && snap.distance_m <= 500) stations.push_back(s);
    }
    if (stations.empty() || map.places.empty()) {
        std::fprintf(stderr, "bench_simulation: %s needs stations (or hospitals) and places\n", path.c_str());
        return 1;
    }
    std::vector<FleetUnit> fleet;
    for (std::uint32_t i = 0; i < units; ++i) {
        const MapPoint& s = stations[i % stations.size()];
        char id[16];
        std::snprintf(id, sizeof id, "U%03u", i + 1);
        fleet.push_back({id, s.display_name(), s.location, {}, {}});
    }
    CallModel model;
    model.calls_per_day = per_day;
    SimulationRandom random(seed);
    const std::vector<SimulatedCall> calls = generate_calls(map.places, model, days, random);

    const dispatch::HospitalDirectory hospitals(normal.routing(), dispatch::hospitals_from_map(map.hospitals));
    SimulationSetup setup;
    setup.modes = dispatch::TravelModes::with_lights_and_sirens(normal.routing(), sirens.routing());
    setup.normal = normal.routing();
    setup.hospitals = &hospitals;
    setup.horizon_ms = std::int64_t{days} * kDayMs;
    dispatch::LiveCoverageIndex coverage(normal.routing(), map.places);
    std::vector<LatLon> homes;
    for (const MapPoint& s : stations) homes.push_back(s.location);
    const dispatch::MoveUpIndex move_up_index(coverage, homes);

    std::printf("{\"bench\":\"simulation_setup\",\"map\":\"%s\",\"nodes\":%zu,\"places\":%zu,\"stations\":%zu,\"units\":%u,"
                "\"days\":%u,\"calls\":%zu,\"load_s\":%.2f}\n",
                std::filesystem::path(path).filename().c_str(), map.graph.node_count(), map.places.size(), stations.size(), units,
                days, calls.size(), load_s);

    SimulationResult nearest, moved;
    const Timing t_nearest = timed([&] { nearest = simulate(setup, fleet, calls); });
    print_run("simulation_nearest", calls.size(), t_nearest, &nearest);
    setup.move_up = &move_up_index;
    const Timing t_move_up = timed([&] { moved = simulate(setup, fleet, calls); });
    print_run("simulation_move_up", calls.size(), t_move_up, &moved);

    // Baselines: the policy alone on the same calls, the fleet parked at its stations.
    std::vector<dispatch::UnitSnapshot> parked;
    for (const FleetUnit& u : fleet) {
        dispatch::UnitSnapshot s;
        s.id = {u.id};
        s.position = dispatch::UnitPosition{u.home, std::nullopt, std::nullopt, 0};
        parked.push_back(s);
    }
    std::size_t chosen = 0;
    dispatch::AssignmentQuery query(normal.routing());
    dispatch::Assignment out;
    const Timing t_assign = timed([&] {
        for (const SimulatedCall& c : calls) {
            parked.front().position->location.lat += 1e-9;  // a unit "moved": the selection is redone each time
            query.select_fleet(parked);
            query.decide({c.location, c.priority, c.time_ms}, out);
            chosen += out.chosen.has_value();
        }
    });
    print_run("baseline_assign", calls.size(), t_assign, nullptr);
    query.select_fleet(parked);
    const Timing t_decide = timed([&] {
        for (const SimulatedCall& c : calls) {
            query.decide({c.location, c.priority, c.time_ms}, out);
            chosen += out.chosen.has_value();
        }
    });
    print_run("baseline_decide", calls.size(), t_decide, nullptr);
    if (chosen != 2 * calls.size()) {
        std::fprintf(stderr, "bench_simulation: %zu of %zu baseline decisions chose no unit\n", 2 * calls.size() - chosen, 2 * calls.size());
        return 1;
    }
    if (nearest.calls.size() != calls.size()) return 1;
    return 0;
}
