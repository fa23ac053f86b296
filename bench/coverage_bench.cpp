// Benchmark: live coverage and the move-up recommendation with a large fleet, against a
// multi-source Dijkstra on the road graph doing the same coverage in the same run.
//
//   build/bin/bench_live_coverage [--units N] [--runs N] [--seed S] [--limit-min M] [MAP.osm.pbf | MAP.ems]
//
// Default: 1,000 free stopped units at random road points of ../shared/maps/malta.osm.pbf (half
// idle), the map's places, 15 minutes; stations: the map's ambulance stations, else its hospitals.
// JSON lines on stdout (wall and thread-CPU percentiles):
//   live_coverage_compute   placing the units + PHAST + every place's best time + summary
//   live_coverage_dijkstra  baseline: the same coverage by multi-source Dijkstra (checked equal)
//   move_up_recommend       placing + two-nearest PHAST + scoring every (idle unit, station) pair
//   move_up_index           building the station reach sets (once per index)
// Target (issue): coverage recompute < 50 ms. Exits 1 when the coverage differs from the baseline.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "dispatch/live_coverage.hpp"
#include "dispatch/move_up.hpp"
#include "maps/binary_file.hpp"
#include "routing/routable_map.hpp"

using namespace ems120;
using namespace ems120::dispatch;

namespace {

using Clock = std::chrono::steady_clock;

struct Spread {
    double p50 = 0, p99 = 0, max = 0;
};

Spread spread_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))]; };
    return {at(0.5), at(0.99), v.back()};
}

double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
}

// Wall and this thread's CPU time: on the shared machine other processes land in wall samples.
struct Samples {
    std::vector<double> wall, cpu;
    template <class F>
    void time(F&& f) {
        const auto w = Clock::now();
        const double c = cpu_now();
        f();
        cpu.push_back(cpu_now() - c);
        wall.push_back(std::chrono::duration<double>(Clock::now() - w).count());
    }
};

void print(const char* bench, const std::string& map, const std::string& extra, const Samples& s) {
    const Spread w = spread_of(s.wall), c = spread_of(s.cpu);
    std::printf("{\"bench\":\"%s\",\"map\":\"%s\"%s,\"samples\":%zu,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
                "\"cpu_p50_ms\":%.3f,\"cpu_p99_ms\":%.3f}\n",
                bench, map.c_str(), extra.c_str(), s.wall.size(), w.p50 * 1e3, w.p99 * 1e3, w.max * 1e3, c.p50 * 1e3,
                c.p99 * 1e3);
    std::fflush(stdout);
}

std::vector<UnitSnapshot> random_fleet(const RoadGraph& g, std::size_t count, std::mt19937& rng) {
    std::uniform_int_distribution<std::uint32_t> segment(0, static_cast<std::uint32_t>(g.segments.size() - 1));
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<UnitSnapshot> fleet(count);
    for (std::size_t i = 0; i < count; ++i) {
        char id[24];
        std::snprintf(id, sizeof id, "A%zu", 100 + i);
        fleet[i].id.value = id;
        fleet[i].availability = i % 2 ? UnitAvailability::returning_to_station() : UnitAvailability::available();
        const RoadSegment& s = g.segments[segment(rng)];
        const double f = unit(rng);
        const LatLon a = g.at(s.a), b = g.at(s.b);
        fleet[i].position = UnitPosition{{a.lat + f * (b.lat - a.lat), a.lon + f * (b.lon - a.lon)}, {}, {}, 0};
    }
    return fleet;
}

volatile std::uint64_t observed_ = 0;

}  // namespace

int main(int argc, char** argv) {
    std::size_t unit_count = 1000, runs = 50;
    unsigned seed = 20261124;
    TravelTime limit_ms = 15 * 60'000;
    std::string path = "../shared/maps/malta.osm.pbf";
    const char* usage = "usage: bench_live_coverage [--units N] [--runs N] [--seed S] [--limit-min M] [MAP.osm.pbf | MAP.ems]";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--units" && i + 1 < argc) unit_count = std::max(1, std::atoi(argv[++i]));
        else if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--seed" && i + 1 < argc) seed = static_cast<unsigned>(std::atoll(argv[++i]));
        else if (a == "--limit-min" && i + 1 < argc) limit_ms = static_cast<TravelTime>(std::max(1, std::atoi(argv[++i]))) * 60'000;
        else if (!a.starts_with("--")) path = a;
        else {
            std::fprintf(stderr, "%s\n", usage);
            return 2;
        }
    }
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "bench_live_coverage: %s not found\n%s\n", path.c_str(), usage);
        return 2;
    }
    const std::string name = std::filesystem::path(path).stem().stem().string();
    const RoutableMap routable = path.ends_with(".ems")
                                     ? decode_routable_map(read_whole_file(path), path)
                                     : build_routable_map(path, RoadProfile::ambulance_default(), GraphOptions{});
    const RoadGraph& g = routable.map.graph;
    const SegmentIndex segments(g);
    const RoutingIndex routing{&g, &routable.ch, &segments};
    const auto& places = routable.map.places;
    const auto& stations = routable.map.stations.empty() ? routable.map.hospitals : routable.map.stations;

    std::mt19937 rng(seed);
    const std::vector<UnitSnapshot> fleet = random_fleet(g, unit_count, rng);
    LiveCoverageOptions options;
    options.limit = limit_ms;
    const LiveCoverageIndex index(routing, places, options);
    Samples build_move_up;
    std::optional<MoveUpIndex> move_up_index;
    build_move_up.time([&] { move_up_index.emplace(index, stations); });

    LiveCoverageQuery query(index);
    LiveCoverage out;
    Samples coverage;
    for (std::size_t r = 0; r < runs; ++r) coverage.time([&] { query.compute(fleet, out); });

    // Baseline: the same placement, multi-source Dijkstra instead of PHAST, same per-place step.
    PlacedFleet placed;
    MultiSourceDijkstra dijkstra(g);
    std::vector<TravelTime> baseline_time(places.size(), kUnreachable);
    Samples baseline;
    for (std::size_t r = 0; r < runs; ++r)
        baseline.time([&] {
            placed.place(routing, fleet, options.unit_placing);
            dijkstra.run(placed.seeds());
            for (std::uint32_t i = 0; i < places.size(); ++i) {
                const CoveragePlace& p = index.place(i);
                if (p.off_road) continue;
                std::uint64_t best = kUnreachable;
                for (const NodeSeed& s : p.arrivals) {
                    const Reach reach = dijkstra.at(s.node);
                    if (reach.reached()) best = std::min<std::uint64_t>(best, std::uint64_t{reach.time} + s.time);
                }
                for (const UnitOnSegment& u : placed.on_segment(p.snap.segment)) {
                    const UnitPlacement& at = placed.placement(u.unit);
                    if (const auto d = along_segment_toward(g, at.snap, at.directions, p.snap))
                        best = std::min<std::uint64_t>(best, *d);
                }
                baseline_time[i] = static_cast<TravelTime>(std::min<std::uint64_t>(best, kUnreachable));
            }
        });
    std::size_t mismatches = 0;
    for (std::uint32_t i = 0; i < places.size(); ++i) mismatches += out.places[i].time != baseline_time[i];

    MoveUpQuery move_up(*move_up_index);
    Samples recommend;
    std::optional<MoveUp> move;
    for (std::size_t r = 0; r < runs; ++r) recommend.time([&] { move = move_up.recommend(fleet); });
    observed_ = out.covered_count + (move ? move->unit : 0);

    char extra[512];
    std::snprintf(extra, sizeof extra,
                  ",\"units\":%zu,\"units_on_network\":%zu,\"places\":%zu,\"covered\":%zu,\"covered_share\":%.4f,"
                  "\"graph_nodes\":%zu,\"limit_min\":%u",
                  unit_count, out.units_on_network, places.size(), out.covered_count, out.covered_share,
                  g.node_count(), limit_ms / 60'000);
    print("live_coverage_compute", name, extra, coverage);
    std::snprintf(extra, sizeof extra, ",\"mismatches\":%zu,\"speedup_cpu_p50\":%.2f", mismatches,
                  spread_of(baseline.cpu).p50 / spread_of(coverage.cpu).p50);
    print("live_coverage_dijkstra", name, extra, baseline);
    std::snprintf(extra, sizeof extra, ",\"stations\":%zu,\"moved\":%s,\"gained\":%zu,\"lost\":%zu,"
                  "\"ratio_to_coverage_cpu_p50\":%.2f",
                  stations.size(), move ? "true" : "false", move ? move->places_gained.size() : 0,
                  move ? move->places_lost.size() : 0, spread_of(recommend.cpu).p50 / spread_of(coverage.cpu).p50);
    print("move_up_recommend", name, extra, recommend);
    print("move_up_index", name, ",\"stations\":" + std::to_string(stations.size()), build_move_up);
    return mismatches == 0 ? 0 : 1;
}
