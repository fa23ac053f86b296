// Benchmark: the routing engine on a real map, every figure against a baseline from the same
// run (plain Dijkstra), because this shared machine drifts in absolute speed but not in ratios.
//
//   build/bin/bench_routing [--pairs N] [--runs R] MAP.osm.pbf...
//
// Per map, JSON lines on stdout: preprocessing (OSM file -> graph + CH) time and peak memory,
// loading the .ems cache, point-to-point query times (Dijkstra, bidirectional Dijkstra, CH;
// node-to-node and coordinate-to-coordinate with snapping), one-to-many tables, the coverage
// pass and a 15-minute isochrone. CH answers are checked against Dijkstra on every pair.
//
// Targets (issue 3): CH median >= 200x faster than Dijkstra; 1x100 <= 3x one CH query; a
// 15-minute isochrone faster than one full Dijkstra; vs OSRM 26.4.1 on the same files:
// preprocessing <= 1/3, coordinate route <= 1/3, 1x50 <= 1/10, 20x1000 <= 1/4.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "maps/binary_file.hpp"
#include "maps/osm_map.hpp"
#include "routing/bidirectional_dijkstra.hpp"
#include "routing/ch_many_to_all.hpp"
#include "routing/ch_one_to_many.hpp"
#include "routing/ch_query.hpp"
#include "routing/multi_source_dijkstra.hpp"
#include "routing/dijkstra.hpp"
#include "routing/isochrone.hpp"
#include "routing/routable_map.hpp"
#include "routing/segment_index.hpp"

using namespace ems120;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Spread {
    double median = 0, p95 = 0, p99 = 0, min = 0, max = 0;
};

Spread spread_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))]; };
    return {at(0.5), at(0.95), at(0.99), v.front(), v.back()};
}

void print_spread(const char* bench, const std::string& map, const char* extra, const Spread& s, std::size_t samples) {
    std::printf("{\"bench\":\"%s\",\"map\":\"%s\"%s,\"samples\":%zu,\"median_ms\":%.4f,\"p95_ms\":%.4f,"
                "\"p99_ms\":%.4f,\"min_ms\":%.4f,\"max_ms\":%.4f}\n",
                bench, map.c_str(), extra, samples, s.median * 1e3, s.p95 * 1e3, s.p99 * 1e3, s.min * 1e3, s.max * 1e3);
    std::fflush(stdout);
}

// Peak resident memory of this process since the last reset, in MiB (Linux /proc).
double peak_rss_mib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return -1;
}

void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

// Preprocessing in a child process, so its peak memory is its own and not the benchmark's.
void measure_preprocessing(const std::string& path, const std::string& name, const std::string& ems_path) {
    std::fflush(stdout);
    const pid_t child = fork();
    if (child == 0) {
        reset_peak_rss();
        const auto start = Clock::now();
        const RoutableMap routable = build_routable_map(path, RoadProfile::ambulance_default(), GraphOptions{});
        const double total = seconds_since(start);
        const double peak = peak_rss_mib();
        const std::string bytes = encode_routable_map(routable, map_file_identity(hash_file(path), RoadProfile::ambulance_default(), {}));
        std::ofstream(ems_path, std::ios::binary) << bytes;
        std::printf("{\"bench\":\"preprocess\",\"map\":\"%s\",\"graph_nodes\":%zu,\"graph_edges\":%zu,"
                    "\"shortcuts\":%zu,\"seconds\":%.3f,\"peak_mib\":%.1f,\"ems_mb\":%.1f}\n",
                    name.c_str(), routable.map.graph.node_count(), routable.map.graph.edge_count(),
                    routable.ch.shortcut_count(), total, peak, bytes.size() / 1e6);
        std::fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "bench_routing: preprocessing %s failed\n", path.c_str());
        std::exit(1);
    }
}

}  // namespace

namespace {

// OSRM 26.4.1 (car profile, CH, in-process, one thread) on the same files and this kind of
// machine, medians in ms, as given in issue 3 — the peer figures the targets are set against.
struct OsrmFigures {
    double preprocess_s, route_ms, table_1x50_ms, table_50x50_ms, table_20x1000_ms;
};
const OsrmFigures* osrm_figures(const std::string& map) {
    static const OsrmFigures rnv{16.6, 0.311, 4.5, 9.3, 88.6}, malta{8.2, 0.203, 3.9, 8.1, 73.2};
    return map == "rnv-roads" ? &rnv : map == "malta" ? &malta : nullptr;
}

// A random point near the road network: a random graph node moved up to 100 m in a random
// direction (as a caller's GPS fix or address would be).
LatLon random_point(const RoadGraph& g, std::mt19937& rng) {
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(g.node_count() - 1));
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    LatLon p = g.location[pick(rng)];
    p.lat += unit(rng) * 100.0 / 111320.0;
    p.lon += unit(rng) * 100.0 / (111320.0 * std::cos(p.lat * M_PI / 180.0));
    return p;
}

struct Bench {
    std::string name;
    const RoadGraph& g;
    const ContractionHierarchy& ch;
    const SegmentIndex& index;
    std::mt19937 rng{20261124};
};

double ms(double seconds) { return seconds * 1e3; }

// Results written here cannot be optimised away with the work that made them.
volatile std::uint64_t observed_ = 0;

// Node-to-node point-to-point: Dijkstra, bidirectional Dijkstra and CH on the same pairs; CH
// must equal Dijkstra on every pair. Returns the CH median in seconds.
double point_to_point(Bench& b, std::size_t pairs) {
    DijkstraQuery dijkstra(b.g);
    const ReverseAdjacency reverse(b.g);
    BidirectionalDijkstra bidirectional(b.g, reverse);
    ChQuery ch(b.g, b.ch);
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(b.g.node_count() - 1));
    std::vector<std::pair<NodeSeed, NodeSeed>> queries(pairs);
    for (auto& [s, t] : queries) {
        s = {NodeId(pick(b.rng)), 0};
        t = {NodeId(pick(b.rng)), 0};
    }
    // Each algorithm runs all its queries back to back, as a server would, so one algorithm's
    // memory traffic does not cool the caches of another.
    const auto run_all = [&](auto&& query, std::vector<double>& times, std::vector<TravelTime>& answers) {
        for (const auto& [s, t] : queries) {
            const auto start = Clock::now();
            answers.push_back(query.shortest_time({&s, 1}, {&t, 1}));
            times.push_back(seconds_since(start));
        }
    };
    std::vector<double> t_dijkstra, t_bidirectional, t_ch;
    std::vector<TravelTime> a_dijkstra, a_bidirectional, a_ch;
    run_all(dijkstra, t_dijkstra, a_dijkstra);
    run_all(bidirectional, t_bidirectional, a_bidirectional);
    run_all(ch, t_ch, a_ch);
    std::size_t mismatches = 0, reachable = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
        mismatches += (a_ch[i] != a_dijkstra[i]) + (a_bidirectional[i] != a_dijkstra[i]);
        reachable += a_dijkstra[i] != kUnreachable;
    }
    const Spread d = spread_of(t_dijkstra), bi = spread_of(t_bidirectional), c = spread_of(t_ch);
    print_spread("p2p_dijkstra", b.name, "", d, pairs);
    print_spread("p2p_bidirectional_dijkstra", b.name, "", bi, pairs);
    char extra[200];
    std::snprintf(extra, sizeof extra, ",\"speedup_vs_dijkstra\":%.0f,\"target_speedup\":200,\"mismatches\":%zu,\"reachable\":%zu",
                  d.median / c.median, mismatches, reachable);
    print_spread("p2p_ch", b.name, extra, c, pairs);
    if (mismatches) {
        std::fprintf(stderr, "bench_routing: %zu CH/Dijkstra mismatches on %s\n", mismatches, b.name.c_str());
        std::exit(1);
    }
    return c.median;
}

// Coordinate to coordinate, as a dispatcher asks: snap both, CH route with geometry.
void coordinate_routes(Bench& b, std::size_t pairs) {
    ChQuery ch(b.g, b.ch);
    DijkstraQuery dijkstra(b.g);
    std::vector<double> times, snap_times;
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
        const LatLon from = random_point(b.g, b.rng), to = random_point(b.g, b.rng);
        const auto start = Clock::now();
        const Snap a = b.index.nearest(from), z = b.index.nearest(to);
        snap_times.push_back(seconds_since(start) / 2);
        const Route route = ch.route(a, z);
        times.push_back(seconds_since(start));
        if (i < pairs / 10 && dijkstra.route(a, z).time != route.time) ++mismatches;
    }
    const Spread s = spread_of(times);
    char extra[240];
    const OsrmFigures* osrm = osrm_figures(b.name);
    std::snprintf(extra, sizeof extra, ",\"snap_median_ms\":%.4f,\"osrm_median_ms\":%.3f,\"ratio_to_osrm\":%.3f,\"target_ratio\":0.333,\"mismatches\":%zu",
                  ms(spread_of(snap_times).median), osrm ? osrm->route_ms : 0.0, osrm ? ms(s.median) / osrm->route_ms : 0.0,
                  mismatches);
    print_spread("route_coordinates_ch", b.name, extra, s, pairs);
}

// S x T table from coordinates (snapping included), RPHAST; checked against CH point-to-point
// on the first repetition.
Spread table(Bench& b, std::size_t sources, std::size_t targets, int repetitions, double osrm_ms, double target_ratio,
             double p2p_median_s) {
    ChOneToMany many(b.ch);
    ChQuery check(b.g, b.ch);
    std::vector<TravelTime> row;
    std::vector<double> times;
    std::size_t mismatches = 0;
    for (int rep = 0; rep < repetitions; ++rep) {
        std::vector<LatLon> from(sources), to(targets);
        for (auto& p : from) p = random_point(b.g, b.rng);
        for (auto& p : to) p = random_point(b.g, b.rng);
        const auto start = Clock::now();
        std::vector<NodeSeeds> arrivals(targets);
        for (std::size_t t = 0; t < targets; ++t) arrivals[t] = arrivals_at(b.g, b.index.nearest(to[t]));
        many.select_targets(arrivals);
        std::vector<NodeSeeds> departures(sources);
        for (std::size_t s = 0; s < sources; ++s) departures[s] = departures_from(b.g, b.index.nearest(from[s]));
        std::uint64_t sum = 0;  // keeps the work observable
        for (std::size_t s = 0; s < sources; ++s) {
            many.from({departures[s].begin(), departures[s].end()}, row);
            for (const TravelTime t : row) sum += t;
            if (rep == 0 && s < 3)
                for (std::size_t t = 0; t < std::min<std::size_t>(targets, 50); ++t)
                    mismatches += row[t] != check.shortest_time({departures[s].begin(), departures[s].end()},
                                                                {arrivals[t].begin(), arrivals[t].end()});
        }
        times.push_back(seconds_since(start));
        observed_ = sum;
    }
    const Spread s = spread_of(times);
    char bench[40], extra[320];
    std::snprintf(bench, sizeof bench, "table_%zux%zu", sources, targets);
    int n = std::snprintf(extra, sizeof extra, ",\"ratio_to_ch_p2p\":%.2f,\"mismatches\":%zu", s.median / p2p_median_s,
                          mismatches);
    if (osrm_ms > 0)
        std::snprintf(extra + n, sizeof extra - n, ",\"osrm_median_ms\":%.1f,\"ratio_to_osrm\":%.3f,\"target_ratio\":%.3f",
                      osrm_ms, ms(s.median) / osrm_ms, target_ratio);
    print_spread(bench, b.name, extra, s, static_cast<std::size_t>(repetitions));
    if (mismatches) std::exit(1);
    return s;
}

// 1 x 100 without coordinates (node seeds, selection included), against one CH query: the
// issue's "one-to-many at most 3x one point-to-point" target.
void one_to_hundred(Bench& b, double p2p_median_s, int repetitions) {
    ChOneToMany many(b.ch);
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(b.g.node_count() - 1));
    std::vector<TravelTime> row;
    std::vector<double> times;
    for (int rep = 0; rep < repetitions; ++rep) {
        std::vector<NodeSeeds> targets(100);
        for (auto& t : targets) {
            t.items[0] = {NodeId(pick(b.rng)), 0};
            t.count = 1;
        }
        const NodeSeed source{NodeId(pick(b.rng)), 0};
        const auto start = Clock::now();
        many.select_targets(targets);
        many.from({&source, 1}, row);
        times.push_back(seconds_since(start));
    }
    const Spread s = spread_of(times);
    char extra[160];
    std::snprintf(extra, sizeof extra, ",\"ratio_to_ch_p2p\":%.2f,\"target_ratio\":3", s.median / p2p_median_s);
    print_spread("one_to_many_1x100_nodes", b.name, extra, s, static_cast<std::size_t>(repetitions));

    // The fleet case: the 100 are selected once (when positions change), then every query from
    // a new point reuses the selection.
    std::vector<NodeSeeds> targets(100);
    for (auto& t : targets) {
        t.items[0] = {NodeId(pick(b.rng)), 0};
        t.count = 1;
    }
    many.select_targets(targets);
    times.clear();
    for (int rep = 0; rep < repetitions; ++rep) {
        const NodeSeed source{NodeId(pick(b.rng)), 0};
        const auto start = Clock::now();
        many.from({&source, 1}, row);
        times.push_back(seconds_since(start));
    }
    const Spread q = spread_of(times);
    std::snprintf(extra, sizeof extra, ",\"ratio_to_ch_p2p\":%.2f,\"target_ratio\":3,\"selected_ranks\":%zu",
                  q.median / p2p_median_s, many.selected_ranks());
    print_spread("one_to_many_1x100_nodes_selected_once", b.name, extra, q, static_cast<std::size_t>(repetitions));
}

// Coverage: every station to every node, PHAST against multi-source Dijkstra.
void coverage(Bench& b, int repetitions) {
    std::vector<Snap> stations;
    for (int i = 0; i < 20; ++i) stations.push_back(b.index.nearest(random_point(b.g, b.rng)));
    const auto seeds = seeds_for(b.g, stations);
    MultiSourceDijkstra dijkstra(b.g);
    ChManyToAll phast(b.ch);
    std::vector<double> t_dijkstra, t_phast;
    std::size_t mismatches = 0;
    for (int rep = 0; rep < repetitions; ++rep) {
        auto start = Clock::now();
        dijkstra.run(seeds);
        t_dijkstra.push_back(seconds_since(start));
        start = Clock::now();
        phast.run(seeds);
        t_phast.push_back(seconds_since(start));
    }
    for (std::uint32_t v = 0; v < b.g.node_count(); ++v)
        mismatches += dijkstra.at(NodeId(v)).time != phast.at(NodeId(v)).time ||
                      dijkstra.at(NodeId(v)).source != phast.at(NodeId(v)).source;
    const Spread d = spread_of(t_dijkstra), p = spread_of(t_phast);
    print_spread("many_to_all_dijkstra_20_stations", b.name, "", d, static_cast<std::size_t>(repetitions));
    char extra[160];
    std::snprintf(extra, sizeof extra, ",\"speedup_vs_dijkstra\":%.1f,\"mismatches\":%zu", d.median / p.median, mismatches);
    print_spread("many_to_all_phast_20_stations", b.name, extra, p, static_cast<std::size_t>(repetitions));
    if (mismatches) std::exit(1);
}

// A 15-minute isochrone (sweep, road pieces, polygons) against one full Dijkstra from the same
// point (the target: the isochrone must take less).
void isochrone(Bench& b, int repetitions) {
    IsochroneQuery query(b.g, b.ch);
    MultiSourceDijkstra full(b.g);
    std::vector<double> t_iso, t_full;
    double area = 0, cells = 0;
    const TravelTime limit = 15 * 60000;
    for (int rep = 0; rep < repetitions; ++rep) {
        const Snap origin = b.index.nearest(random_point(b.g, b.rng));
        auto start = Clock::now();
        const auto isos = query.compute(origin, {&limit, 1});
        t_iso.push_back(seconds_since(start));
        area += isos.at(0).area_km2;
        cells = isos.at(0).cell_m;
        start = Clock::now();
        full.run(seeds_for(b.g, std::span<const Snap>(&origin, 1)));
        t_full.push_back(seconds_since(start));
    }
    const Spread f = spread_of(t_full), i = spread_of(t_iso);
    print_spread("one_to_all_dijkstra", b.name, "", f, static_cast<std::size_t>(repetitions));
    char extra[200];
    std::snprintf(extra, sizeof extra, ",\"ratio_to_full_dijkstra\":%.2f,\"target_ratio\":1,\"mean_area_km2\":%.1f,\"last_cell_m\":%.0f",
                  i.median / f.median, area / repetitions, cells);
    print_spread("isochrone_15min", b.name, extra, i, static_cast<std::size_t>(repetitions));
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t pairs = 10000;
    int runs = 30;
    std::vector<std::string> maps;
    const char* usage = "usage: bench_routing [--pairs N] [--runs R] MAP.osm.pbf...";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--pairs" && i + 1 < argc) pairs = std::max(10, std::atoi(argv[++i]));
        else if (a == "--runs" && i + 1 < argc) runs = std::max(3, std::atoi(argv[++i]));
        else if (a == "--help") {
            std::puts(usage);
            return 0;
        } else maps.push_back(a);
    }
    if (maps.empty()) {
        std::fprintf(stderr, "%s\n", usage);
        return 2;
    }
    for (const auto& path : maps) {
        const std::string name = std::filesystem::path(path).stem().stem().string();
        const std::string ems = (std::filesystem::temp_directory_path() / ("bench-routing-" + name + ".ems")).string();
        measure_preprocessing(path, name, ems);

        auto start = Clock::now();
        const RoutableMap routable = decode_routable_map(read_whole_file(ems), ems);
        const double load_s = seconds_since(start);
        start = Clock::now();
        const SegmentIndex index(routable.map.graph);
        const double index_s = seconds_since(start);
        std::filesystem::remove(ems);
        std::printf("{\"bench\":\"load_ems\",\"map\":\"%s\",\"seconds\":%.4f,\"segment_index_seconds\":%.4f}\n",
                    name.c_str(), load_s, index_s);

        Bench b{name, routable.map.graph, routable.ch, index};
        const double p2p = point_to_point(b, pairs);
        coordinate_routes(b, pairs);
        one_to_hundred(b, p2p, runs * 10);
        const OsrmFigures* osrm = osrm_figures(name);
        table(b, 1, 50, runs * 10, osrm ? osrm->table_1x50_ms : 0, 0.1, p2p);
        table(b, 1, 1000, runs, 0, 0, p2p);
        table(b, 50, 50, runs, osrm ? osrm->table_50x50_ms : 0, 0, p2p);
        table(b, 20, 1000, runs, osrm ? osrm->table_20x1000_ms : 0, 0.25, p2p);
        coverage(b, std::max(3, runs / 3));
        isochrone(b, std::max(3, runs / 3));
    }
    return 0;
}
