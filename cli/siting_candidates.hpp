#pragma once
// Where `ems120 plan sites` may put a new substation (--candidates):
//   clinics      (default) the map's township health centres, clinics, doctors and hospitals
//   grid[:M]     a road point in every M-metre cell of the map that has a road (default 2000 m)
//   FILE         a planner's CSV (name,lat,lon[,kind,...]) or GeoJSON points
// A file's row farther than the snap limit from any road is an error naming the row (a typo or a
// swapped lat/lon, not a site); the map's own points that far off are left out and counted.
#include <optional>
#include <string>
#include <vector>

#include "cli/map_session.hpp"
#include "maps/map_point.hpp"

namespace ems120::cli {

struct CandidateSpec {
    enum class Source { clinics, grid, file } source = Source::clinics;
    double grid_m = 2000.0;
    std::string path;
};

// Throws UsageError for "grid:abc", a cell size out of [100, 100000] m or an empty value.
CandidateSpec parse_candidate_spec(const std::string& text);

struct CandidateSites {
    std::vector<MapPoint> sites;
    std::string origin;                   // "clinics and hospitals of the map", "a 2000 m grid of road points", "FILE"
    std::size_t left_out_off_road = 0;    // map points beyond the snap limit
    std::size_t left_out_as_stations = 0; // the same point as an existing station
};

// Reads a candidate file before the map is loaded (so a typo fails fast); nothing for the others.
std::vector<MapPoint> read_candidate_file(const CandidateSpec& spec);

// The candidate sites; `file_sites` from read_candidate_file. Candidates at an existing station's
// very spot (within 1 m) are left out: a site cannot be added where one stands. Throws InputError
// for a file row off the roads, and when no candidate is left.
CandidateSites gather_candidates(const CandidateSpec& spec, std::vector<MapPoint> file_sites, const LoadedMap& loaded,
                                 const std::vector<MapPoint>& stations, double max_snap_m);

}  // namespace ems120::cli
