#pragma once
// Building the siting index from the road graph: the places snapped once (dispatch's
// LiveCoverageIndex), then for every site one RPHAST one-to-many search to all places (dispatch's
// MoveUpIndex, which answers the same question for the live move-up) — so the planner's "covered"
// is the dispatcher's "covered", to the millisecond.
//
//   dispatch::LiveCoverageIndex places(routing, map.places, {limit, max_snap_m, {max_snap_m}});
//   SiteCoverage built = build_site_coverage(places, existing_stations, candidates);
//   built.sets -> solve_siting(...)
#include <span>
#include <vector>

#include "dispatch/live_coverage.hpp"
#include "maps/map_point.hpp"
#include "planning/coverage_sets.hpp"

namespace ems120 {

struct SiteCoverage {
    CoverageSets sets;              // existing stations first, then the candidates, in the order given
    std::vector<Snap> snaps;        // per site: its nearest road point
    std::vector<bool> on_road;      // per site: within the index's unit_max_snap_m (else it reaches nothing)
};

SiteCoverage build_site_coverage(const dispatch::LiveCoverageIndex& places, std::span<const MapPoint> existing,
                                 std::span<const MapPoint> candidates);

}  // namespace ems120
