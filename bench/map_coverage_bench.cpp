// Benchmark: reading a map, building the road graph, and the coverage pass, each against the
// floor measured in the same run (libosmium reading the file and doing nothing else), so the
// ratios hold on a noisy shared machine even when absolute times drift.
//
//   build/bin/bench_map_coverage [--runs N] MAP.osm.pbf...
//
// One JSON line per measurement on stdout. Targets (issue 2): graph build <= 3x the bare read;
// the coverage pass for all places faster than the map load.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <osmium/io/any_input.hpp>
#include <string>
#include <vector>

#include "maps/osm_map.hpp"
#include "planning/coverage.hpp"

using namespace ems120;

namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
double median_seconds(int runs, F&& f) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        f();
        times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// The floor: every object decoded by libosmium, nothing else done with it.
std::uint64_t bare_read(const std::string& path) {
    osmium::io::Reader reader{path, osmium::io::read_meta::no};
    std::uint64_t objects = 0;
    while (osmium::memory::Buffer buffer = reader.read())
        for (auto it = buffer.begin<osmium::OSMObject>(); it != buffer.end<osmium::OSMObject>(); ++it) ++objects;
    reader.close();
    return objects;
}

// Maps without stations or places (rnv-roads) get a deterministic stand-in: every k-th graph
// node as a station (about 20), and every m-th node nudged 30 m north as a place (about 2000).
void stand_ins(const OsmMap& map, std::vector<MapPoint>& stations, std::vector<MapPoint>& places) {
    stations = !map.stations.empty() ? map.stations : map.hospitals;
    places = map.places;
    const std::size_t n = map.graph.node_count();
    if (stations.empty())
        for (std::size_t v = n / 40; v < n; v += std::max<std::size_t>(1, n / 20))
            stations.push_back({"node" + std::to_string(v), "", "", "", "station", map.graph.location[v], {}});
    if (places.empty())
        for (std::size_t v = 0; v < n; v += std::max<std::size_t>(1, n / 2000)) {
            LatLon p = map.graph.location[v];
            p.lat += 30.0 / 111320.0;
            places.push_back({"node" + std::to_string(v), "", "", "", "place", p, {}});
        }
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::vector<std::string> maps;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--help") {
            std::puts("usage: bench_map_coverage [--runs N] MAP.osm.pbf...");
            return 0;
        } else maps.push_back(a);
    }
    if (maps.empty()) {
        std::fprintf(stderr, "usage: bench_map_coverage [--runs N] MAP.osm.pbf...\n");
        return 2;
    }
    for (const auto& path : maps) {
        const std::string name = std::filesystem::path(path).stem().stem().string();
        std::uint64_t objects = 0;
        const double read_s = median_seconds(runs, [&] { objects = bare_read(path); });
        OsmMap map;
        const double build_s = median_seconds(runs, [&] {
            map = read_osm_map(path, RoadProfile::ambulance_default(), GraphOptions{});
        });
        std::vector<MapPoint> stations, places;
        stand_ins(map, stations, places);
        double index_s = 0.0;
        const double coverage_s = median_seconds(runs, [&] {
            const auto start = Clock::now();
            const SegmentIndex index(map.graph);
            index_s = std::chrono::duration<double>(Clock::now() - start).count();
            const CoverageResult r = compute_coverage(map.graph, index, places, stations, CoverageOptions{});
            if (r.places.size() != places.size()) std::abort();
        });
        std::printf("{\"bench\":\"bare_read\",\"map\":\"%s\",\"objects\":%llu,\"seconds\":%.4f,\"runs\":%d}\n",
                    name.c_str(), static_cast<unsigned long long>(objects), read_s, runs);
        std::printf("{\"bench\":\"graph_build\",\"map\":\"%s\",\"graph_nodes\":%zu,\"graph_edges\":%zu,\"places\":%zu,"
                    "\"seconds\":%.4f,\"ratio_to_bare_read\":%.2f,\"target_ratio\":3}\n",
                    name.c_str(), map.graph.node_count(), map.graph.edge_count(), map.places.size(), build_s,
                    build_s / read_s);
        std::printf("{\"bench\":\"coverage\",\"map\":\"%s\",\"stations\":%zu,\"places\":%zu,\"seconds\":%.4f,"
                    "\"index_seconds\":%.4f,\"ratio_to_map_load\":%.3f,\"target_ratio\":1}\n",
                    name.c_str(), stations.size(), places.size(), coverage_s, index_s, coverage_s / build_s);
        std::fflush(stdout);
    }
    return 0;
}
