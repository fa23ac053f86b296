// bench_console_roads: the browser console's road layer (GET /api/map/roads) on a real map —
// building the road tiles index once, then answering boxes at the zooms a dispatcher uses.
// Baseline, measured in the same run: the same answers found by scanning every road piece
// instead of the grid. One JSON line per measurement.
//
//   build/bin/bench_console_roads [--runs N] [MAP.osm.pbf | MAP.ems]   (default ../shared/maps/malta.osm.pbf)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "dispatch/road_tiles.hpp"
#include "maps/binary_file.hpp"
#include "routing/routable_map.hpp"

using namespace ems120;
using namespace ems120::dispatch;

namespace {

using Clock = std::chrono::steady_clock;

struct Samples {
    std::vector<double> ms;
    template <class F>
    void time(F&& f) {
        const auto start = Clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    double at(double q) {
        std::sort(ms.begin(), ms.end());
        return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    }
};

// A box about `width_deg` wide centred on a random road point.
LatLonBox random_box(const RoadGraph& g, double width_deg, std::mt19937& rng) {
    std::uniform_int_distribution<std::size_t> node(0, g.node_count() - 1);
    const LatLon c = g.location[node(rng)];
    LatLonBox b;
    b.extend({c.lat - width_deg * 0.35, c.lon - width_deg / 2});
    b.extend({c.lat + width_deg * 0.35, c.lon + width_deg / 2});
    return b;
}

// The baseline: every piece's box tested, as a query without the grid would.
std::size_t scan_count(const RoadTilesIndex& index, const LatLonBox& box, int zoom) {
    std::size_t n = 0;
    for (std::uint32_t p = 0; p < index.piece_count(); ++p) {
        if (zoom < kMinorRoadsZoom && index.minor(index.piece_class(p))) continue;
        const LatLonBox& b = index.piece_box(p);
        n += b.min_lat <= box.max_lat && box.min_lat <= b.max_lat && b.min_lon <= box.max_lon && box.min_lon <= b.max_lon;
    }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    std::string path = "../shared/maps/malta.osm.pbf";
    std::size_t runs = 200;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) runs = static_cast<std::size_t>(std::max(1, std::atoi(argv[++i])));
        else if (!a.starts_with("--")) path = a;
        else {
            std::fprintf(stderr, "usage: bench_console_roads [--runs N] [MAP.osm.pbf | MAP.ems]\n");
            return 2;
        }
    }
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "bench_console_roads: %s not found (run from the source tree, or give a map)\n", path.c_str());
        return 2;
    }
    const std::string name = std::filesystem::path(path).stem().stem().string();
    const RoutableMap routable = path.ends_with(".ems") ? decode_routable_map(read_whole_file(path), path)
                                                        : build_routable_map(path, RoadProfile::ambulance_default(), GraphOptions{});
    const RoadGraph& g = routable.map.graph;

    Samples build;
    std::unique_ptr<RoadTilesIndex> index;
    for (int i = 0; i < 3; ++i) build.time([&] { index = std::make_unique<RoadTilesIndex>(g); });
    std::printf("{\"bench\":\"console_roads_index\",\"map\":\"%s\",\"segments\":%zu,\"polylines\":%zu,\"pieces\":%zu,\"build_p50_ms\":%.1f}\n",
                name.c_str(), g.segments.size(), index->polyline_count(), index->piece_count(), build.at(0.5));

    std::mt19937 rng(120);
    // (zoom, box width): the whole island, a town, a street view.
    for (const auto& [zoom, width] : std::vector<std::pair<int, double>>{{10, 0.6}, {12, 0.15}, {14, 0.04}, {16, 0.01}}) {
        Samples grid, scan;
        std::size_t polylines = 0, points = 0, bytes = 0, mismatches = 0;
        bool truncated = false;
        for (std::size_t r = 0; r < runs; ++r) {
            const LatLonBox box = random_box(g, width, rng);
            RoadsAnswer answer;
            grid.time([&] { answer = road_polylines(*index, box, zoom, 30'000); });
            std::size_t scanned = 0;
            scan.time([&] { scanned = scan_count(*index, box, zoom); });
            mismatches += !answer.truncated && scanned != answer.polylines;
            polylines += answer.polylines;
            points += answer.points;
            bytes += answer.json.size();
            truncated = truncated || answer.truncated;
        }
        std::printf("{\"bench\":\"console_roads_query\",\"map\":\"%s\",\"zoom\":%d,\"box_deg\":%.2f,\"samples\":%zu,"
                    "\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"baseline_scan_p50_ms\":%.3f,\"mean_polylines\":%zu,\"mean_points\":%zu,"
                    "\"mean_kb\":%.1f,\"truncated_any\":%s,\"count_mismatches\":%zu}\n",
                    name.c_str(), zoom, width, runs, grid.at(0.5), grid.at(0.95), scan.at(0.5), polylines / runs, points / runs,
                    static_cast<double>(bytes) / static_cast<double>(runs) / 1024.0, truncated ? "true" : "false", mismatches);
        std::fflush(stdout);
    }
    return 0;
}
