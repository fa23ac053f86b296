#pragma once
// The planner's first question: drive time from the nearest station to every place, in one
// multi-source pass, and why a place cannot be reached at all.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "maps/map_point.hpp"
#include "maps/road_graph.hpp"
#include "routing/contraction_hierarchy.hpp"
#include "routing/multi_source_dijkstra.hpp"
#include "routing/segment_index.hpp"

namespace ems120 {

struct CoverageOptions {
    TravelTime limit = 15 * 60000;  // the response radius
    double max_snap_m = 2000.0;     // a point farther from any road is not snapped
};

struct PlaceCoverage {
    Snap snap;
    Reach reach;         // time and index of the nearest station; unreached when unreachable
    std::string reason;  // why it is unreachable; empty when reached

    bool reached() const { return reach.reached(); }
};

struct StationSnap {
    Snap snap;
    std::string problem;  // why the station is not used; empty when it is
    bool used() const { return problem.empty(); }
};

struct CoverageResult {
    std::vector<StationSnap> stations;  // same order as the stations given
    std::vector<PlaceCoverage> places;  // same order as the places given
    CoverageOptions options;

    bool within_limit(const PlaceCoverage& p) const { return p.reached() && p.reach.time <= options.limit; }
};

// Snaps stations and places and runs one many-to-all search from every usable station: the
// hierarchy's PHAST sweep when `ch` is given, multi-source Dijkstra otherwise.
CoverageResult compute_coverage(const RoadGraph& graph, const SegmentIndex& index, std::span<const MapPoint> places,
                                std::span<const MapPoint> stations, const CoverageOptions& options,
                                const ContractionHierarchy* ch = nullptr);

// "no road within 2000 m (nearest 3412 m)" when a snap is too far, empty otherwise.
std::string snap_problem(const Snap& snap, double max_snap_m);

}  // namespace ems120
