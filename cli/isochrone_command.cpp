// ems120 isochrone: the area an ambulance reaches from a point or a station within each limit.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/map_session.hpp"
#include "cli/station_choice.hpp"
#include "cli/value_parsers.hpp"
#include "maps/ascii_text.hpp"
#include "maps/point_list_reader.hpp"
#include "planning/coverage.hpp"
#include "planning/isochrone_geojson.hpp"
#include "routing/isochrone.hpp"

namespace ems120::cli {

namespace {

// "5,10,15" -> sorted, distinct limits; each in (0, 180] minutes.
std::vector<TravelTime> parse_minutes_list(const std::string& text) {
    std::vector<TravelTime> limits;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        if (item.empty()) throw UsageError("--minutes '" + text + "': an empty entry (write e.g. 5,10,15)");
        limits.push_back(static_cast<TravelTime>(std::llround(parse_number("minutes", item, 0.1, 180.0) * 60000.0)));
    }
    if (limits.empty()) throw UsageError("--minutes needs at least one number of minutes");
    std::sort(limits.begin(), limits.end());
    limits.erase(std::unique(limits.begin(), limits.end()), limits.end());
    return limits;
}

// The station called `name`: an exact match of name, name:zh or name:en, else the only one
// whose name contains it (ignoring case). Unknown or ambiguous names list candidates.
const MapPoint& find_station(const std::vector<MapPoint>& stations, const std::string& name) {
    std::vector<const MapPoint*> found;
    for (const auto& s : stations)
        if (s.name == name || s.name_zh == name || s.name_en == name || s.display_name() == name) found.push_back(&s);
    if (found.empty())
        for (const auto& s : stations)
            if (ascii_lower(s.display_name()).find(ascii_lower(name)) != std::string::npos) found.push_back(&s);
    if (found.size() == 1) return *found.front();
    std::vector<const MapPoint*> listed = found;
    if (found.empty())
        for (const auto& s : stations) listed.push_back(&s);
    std::string names;
    for (std::size_t i = 0; i < listed.size() && i < 5; ++i) {
        if (i > 0) names.append(", ");
        names.append(1, '\'').append(listed[i]->display_name()).append(1, '\'');
    }
    if (found.empty())
        throw InputError("--station '" + name + "': no such station (" + std::to_string(stations.size()) +
                         " known, e.g. " + names + ")");
    throw InputError("--station '" + name + "' is ambiguous: " + std::to_string(found.size()) + " stations match (" +
                     names + "); give the full name");
}

}  // namespace

int run_isochrone(std::span<const std::string> args) {
    auto specs = map_option_specs();
    specs.push_back({"at", "LAT,LON", "where the ambulance starts"});
    specs.push_back({"station", "NAME", "start at this station instead (the map's, or from --stations)"});
    specs.push_back({"stations", "FILE", "stations as CSV (name,lat,lon) or GeoJSON points, for --station"});
    specs.push_back({"minutes", "LIST", "time limits in minutes, comma-separated (default 5,10,15; each at most 180)"});
    specs.push_back({"out", "FILE.geojson", "write the areas and reachable roads as GeoJSON (docs/isochrones.md)"});
    specs.push_back({"cell-m", "M", "grid resolution of the areas in metres (default: from the area's size, 25-250)"});
    CommandLine line("isochrone",
                     "The area an ambulance reaches within each time limit, from a point or a station: polygons\n"
                     "with holes where the road network has them, plus the reachable road pieces. Prints the\n"
                     "area, road length and junctions reached per limit.",
                     specs);
    if (!line.parse(args)) return 0;
    if (line.has("at") == line.has("station"))
        throw UsageError("isochrone: give exactly one of --at LAT,LON and --station NAME");
    std::optional<LatLon> at;
    if (auto v = line.value("at")) at = parse_lat_lon("at", *v);
    const std::vector<TravelTime> limits = parse_minutes_list(line.value("minutes").value_or("5,10,15"));
    const std::string out_path = line.value("out").value_or("");
    if (!out_path.empty() && !out_path.ends_with(".geojson") && !out_path.ends_with(".json"))
        throw UsageError("--out " + out_path + ": the file name must end in .geojson or .json");
    const double cell_m = line.value("cell-m") ? parse_number("cell-m", *line.value("cell-m"), 5.0, 1000.0) : 0.0;
    if (line.has("stations") && !line.has("station")) throw UsageError("--stations is only used with --station NAME");
    std::vector<MapPoint> file_stations;
    if (auto f = line.value("stations")) file_stations = read_point_list(*f, "ambulance_station");
    const MapOptions map_options = map_options_from(line);

    const auto loaded = load_map(map_options);
    std::string origin_name;
    if (auto name = line.value("station")) {
        const StationChoice choice = choose_stations(line.value("stations"), std::move(file_stations), *loaded, map_options);
        const MapPoint& station = find_station(choice.stations, *name);
        at = station.location;
        origin_name = station.display_name();
    } else {
        char text[64];
        std::snprintf(text, sizeof text, "%.6f,%.6f", at->lat, at->lon);
        origin_name = text;
    }
    const Snap snap = loaded->index.nearest(*at);
    if (const std::string problem = snap_problem(snap, map_options.max_snap_m); !problem.empty())
        throw InputError((line.has("station") ? "--station '" + *line.value("station") + "'" : "--at " + origin_name) +
                         " cannot be used: " + problem);

    IsochroneQuery query(loaded->map.graph, loaded->ch);
    const std::vector<Isochrone> isochrones = query.compute(snap, limits, cell_m);
    if (!out_path.empty()) write_file_atomically(out_path, isochrone_geojson(isochrones, origin_name, snap.point));

    std::printf("Origin: %s (snapped %.0f m onto the road)\n", origin_name.c_str(), snap.distance_m);
    std::printf("%8s  %10s  %9s  %10s  %8s\n", "minutes", "area km2", "road km", "junctions", "polygons");
    for (const Isochrone& iso : isochrones)
        std::printf("%8.1f  %10.2f  %9.1f  %10zu  %8zu\n", to_minutes(iso.limit), iso.area_km2, iso.road_km,
                    iso.junctions_reached, iso.polygons.size());
    if (!out_path.empty()) std::printf("Wrote %s\n", out_path.c_str());
    return 0;
}

}  // namespace ems120::cli
