// Benchmark: writing the HTML coverage report (`ems120 report`), against the coverage pass it
// shows (the hierarchy's PHAST sweep, measured in the same run), with the file's size and how
// far the major roads were simplified.
//
//   build/bin/bench_report [--runs N] MAP.osm.pbf...
//
// One JSON line per map on stdout. Target (issue 7): Malta's report under 2 MB. The time is
// given as a ratio to the coverage pass for scale; both are small beside loading the map.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "planning/coverage.hpp"
#include "planning/report_html.hpp"
#include "planning/report_map_projection.hpp"
#include "planning/report_map_svg.hpp"
#include "planning/report_road_lines.hpp"
#include "routing/routable_map.hpp"

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

std::size_t major_segments(const RoadGraph& graph) {
    std::size_t n = 0;
    for (const auto& s : graph.segments) {
        const EdgeId e = s.a_to_b.valid() ? s.a_to_b : s.b_to_a;
        n += major_road_rank(graph.road_class_names[graph.road_class[e.value()]]) ? 1 : 0;
    }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::vector<std::string> maps;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--help") {
            std::puts("usage: bench_report [--runs N] MAP.osm.pbf...");
            return 0;
        } else maps.push_back(a);
    }
    if (maps.empty()) {
        std::fprintf(stderr, "usage: bench_report [--runs N] MAP.osm.pbf...\n");
        return 2;
    }
    for (const auto& path : maps) {
        const std::string name = std::filesystem::path(path).stem().stem().string();
        const RoutableMap routable = build_routable_map(path, RoadProfile::ambulance_default(), GraphOptions{});
        const OsmMap& map = routable.map;
        const std::vector<MapPoint>& stations = !map.stations.empty() ? map.stations : map.hospitals;
        if (stations.empty() || map.places.empty()) {
            std::fprintf(stderr, "bench_report: %s has no stations/hospitals or no places\n", path.c_str());
            return 1;
        }
        const SegmentIndex index(map.graph);
        CoverageResult coverage;
        const double coverage_s = median_seconds(runs, [&] {
            coverage = compute_coverage(map.graph, index, map.places, stations, CoverageOptions{}, &routable.ch);
        });
        const ReportInput input{"bench", "bench_report", name, map.graph, map.places, stations, "the map",
                                "station", coverage, {}, std::nullopt, nullptr, ""};
        std::string html;
        const double report_s = median_seconds(runs, [&] { html = coverage_report_html(input); });
        const MapProjection projection(report_map_extent(input), 1120, 780);
        std::size_t points = 0;
        const auto lines = major_road_lines(map.graph, projection, 0.6);
        for (const auto& line : lines) points += line.points.size();
        std::printf("{\"bench\":\"report_html\",\"map\":\"%s\",\"places\":%zu,\"stations\":%zu,\"seconds\":%.4f,"
                    "\"coverage_seconds\":%.4f,\"ratio_to_coverage\":%.2f,\"bytes\":%zu,\"target_bytes\":2097152,"
                    "\"major_road_segments\":%zu,\"road_lines\":%zu,\"road_points\":%zu,\"runs\":%d}\n",
                    name.c_str(), map.places.size(), stations.size(), report_s, coverage_s, report_s / coverage_s,
                    html.size(), major_segments(map.graph), lines.size(), points, runs);
        std::fflush(stdout);
    }
    return 0;
}
