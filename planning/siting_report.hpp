#pragma once
// The siting answer as a planner reads it (text) and as GIS tools and the planning report read it
// (GeoJSON, CSV; property names documented in docs/planning.md and kept stable).
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "maps/map_point.hpp"
#include "planning/coverage.hpp"
#include "planning/site_coverage.hpp"
#include "planning/siting_result.hpp"

namespace ems120 {

struct SitingReportInput {
    std::span<const MapPoint> places;
    std::span<const MapPoint> existing;    // sites [0, existing.size())
    std::span<const MapPoint> candidates;  // the sites after them
    std::string existing_origin;           // "emergency=ambulance_station in the map", "from stations.csv"
    std::string candidates_origin;
    const SiteCoverage& built;
    const SitingProblem& problem;
    const SitingResult& result;
    // Drive times from the existing stations, and from the sites chosen (minutes before / after).
    const CoverageResult& before;
    const CoverageResult& after;
    std::vector<std::string> notes;
};

// Per site: the MapPoint it stands for.
const MapPoint& site_point(const SitingReportInput& in, std::uint32_t site);

// Per chosen candidate: places it covers that no existing station covered.
std::uint32_t places_gained(const SitingReportInput& in, std::uint32_t site);

void print_siting_report(std::ostream& out, const SitingReportInput& in);

// FeatureCollection: one Point per existing and proposed site {"role": "existing"|"proposed",
// "name", "kind", "places_gained", "units"} (existing ones with "kept" under --relocate), then one
// per place {"role": "place", "name", "minutes_before", "minutes_after", "covered_before",
// "covered_after"}.
std::string siting_geojson(const SitingReportInput& in);

// One row per existing and proposed site: role,name,kind,lat,lon,places_gained,units.
std::string siting_csv(const SitingReportInput& in);

}  // namespace ems120
