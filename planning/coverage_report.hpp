#pragma once
// The coverage report a person reads (text) and the files GIS tools read (GeoJSON, CSV).
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "maps/map_point.hpp"
#include "maps/osm_map.hpp"
#include "planning/coverage.hpp"

namespace ems120 {

struct CoverageReportInput {
    const MapSummary& map;
    const RoadGraph& graph;
    std::span<const MapPoint> places;
    std::span<const MapPoint> stations;
    std::string stations_origin;  // e.g. "emergency=ambulance_station in the map", "stations.csv"
    const CoverageResult& result;
    std::vector<std::string> notes;  // said before the figures, e.g. hospitals standing in as stations
};

// "Turn restrictions: 49 honoured (42 junction copies), ..." or "" when the map has none.
std::string describe_turn_restrictions(const TurnRestrictionStats& stats);

void print_coverage_report(std::ostream& out, const CoverageReportInput& input);

// RFC 7946 FeatureCollection, one Point per place; properties documented in docs/coverage.md.
std::string coverage_geojson(const CoverageReportInput& input);

// Same columns as the GeoJSON properties plus lat, lon; RFC 4180 quoting.
std::string coverage_csv(const CoverageReportInput& input);

}  // namespace ems120
