#pragma once
// Everything one coverage report shows: the coverage of the places from the stations, and
// optionally the proposed sites (with coverage recomputed) and simulated response times.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "maps/map_point.hpp"
#include "maps/road_graph.hpp"
#include "planning/coverage.hpp"
#include "planning/report_simulation.hpp"

namespace ems120 {

struct SitesComparison {
    std::string path;                 // the --sites file, as the report names it
    std::vector<MapPoint> proposed;   // the proposed sites
    const CoverageResult& after;      // from the stations then the proposed sites, in that order
};

struct ReportInput {
    std::string title;
    std::string generated_by;  // "ems120 0.1.0 on 2026-11-30 00:41 UTC"
    std::string map_name;      // the map file's name
    const RoadGraph& graph;
    std::span<const MapPoint> places;
    std::span<const MapPoint> stations;
    std::string stations_origin;
    std::string station_label;  // the map legend's word for a station, e.g. "ambulance station"
    const CoverageResult& coverage;
    std::vector<std::string> notes;  // said near the top, e.g. hospitals standing in as stations
    std::optional<SitesComparison> sites;
    const SimulationFile* simulation = nullptr;
    std::string simulation_path;
};

}  // namespace ems120
