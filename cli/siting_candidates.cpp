#include "cli/siting_candidates.hpp"

#include <cmath>

#include "cli/station_choice.hpp"
#include "cli/value_parsers.hpp"
#include "maps/geodesy.hpp"
#include "maps/input_error.hpp"
#include "maps/point_list_reader.hpp"
#include "planning/grid_candidates.hpp"

namespace ems120::cli {

namespace {

// "candidates.csv row 7" from a point read out of `path` (source_id "candidates.csv:7").
std::string row_of(const std::string& path, const MapPoint& p) {
    const std::string where = where_in(path, p);
    const auto colon = where.rfind(':');
    return colon == std::string::npos ? where : where.substr(0, colon) + " row " + where.substr(colon + 1);
}

bool at_a_station(const MapPoint& site, const std::vector<MapPoint>& stations) {
    for (const MapPoint& s : stations)
        if (s.source_id == site.source_id || geodesic_distance_m(s.location, site.location) < 1.0) return true;
    return false;
}

}  // namespace

CandidateSpec parse_candidate_spec(const std::string& text) {
    CandidateSpec spec;
    if (text.empty()) throw UsageError("--candidates: empty value (clinics, grid[:METRES] or a CSV/GeoJSON file)");
    if (text == "clinics") return spec;
    if (text == "grid" || text.rfind("grid:", 0) == 0) {
        spec.source = CandidateSpec::Source::grid;
        if (text.size() > 5) spec.grid_m = parse_number("candidates grid", text.substr(5), 100.0, 100000.0);
        else if (text != "grid") throw UsageError("--candidates grid: expected grid or grid:METRES");
        return spec;
    }
    spec.source = CandidateSpec::Source::file;
    spec.path = text;
    return spec;
}

std::vector<MapPoint> read_candidate_file(const CandidateSpec& spec) {
    if (spec.source != CandidateSpec::Source::file) return {};
    return read_point_list(spec.path, "candidate");
}

CandidateSites gather_candidates(const CandidateSpec& spec, std::vector<MapPoint> file_sites, const LoadedMap& loaded,
                                 const std::vector<MapPoint>& stations, double max_snap_m) {
    CandidateSites out;
    std::vector<MapPoint> found;
    switch (spec.source) {
        case CandidateSpec::Source::file:
            for (const MapPoint& p : file_sites) {
                const Snap snap = loaded.index.nearest(p.location);
                if (!snap.found() || snap.distance_m > max_snap_m)
                    throw InputError(row_of(spec.path, p) + ": candidate '" + p.display_name() + "' is " +
                                     std::to_string(std::lround(snap.distance_m)) + " m from the nearest road (limit " +
                                     std::to_string(std::lround(max_snap_m)) + " m)");
            }
            found = std::move(file_sites);
            out.origin = spec.path;
            break;
        case CandidateSpec::Source::grid:
            found = grid_candidates(loaded.map.graph, loaded.index, spec.grid_m, max_snap_m);
            out.origin = "road points on a " + std::to_string(std::lround(spec.grid_m)) + " m grid over the map";
            break;
        case CandidateSpec::Source::clinics:
            found = loaded.map.clinics;
            found.insert(found.end(), loaded.map.hospitals.begin(), loaded.map.hospitals.end());
            out.origin = "the map's clinics, health centres, doctors and hospitals";
            break;
    }
    for (MapPoint& p : found) {
        if (spec.source == CandidateSpec::Source::clinics) {
            const Snap snap = loaded.index.nearest(p.location);
            if (!snap.found() || snap.distance_m > max_snap_m) {
                ++out.left_out_off_road;
                continue;
            }
        }
        if (at_a_station(p, stations)) {
            ++out.left_out_as_stations;
            continue;
        }
        out.sites.push_back(std::move(p));
    }
    if (out.sites.empty()) {
        std::string why = spec.source == CandidateSpec::Source::clinics
                              ? loaded.map.summary.path + ": the map has no usable clinics, health centres, doctors or hospitals "
                                "(amenity=clinic|doctors|hospital, healthcare=centre|clinic|doctor)"
                              : "no candidate sites from " + out.origin;
        if (out.left_out_as_stations > 0) why += " besides the existing stations";
        throw InputError(why + "; give them with --candidates FILE (CSV name,lat,lon) or use --candidates grid");
    }
    return out;
}

}  // namespace ems120::cli
