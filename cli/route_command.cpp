// ems120 route: the fastest ambulance route between two coordinates.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/map_session.hpp"
#include "cli/value_parsers.hpp"
#include "planning/coverage.hpp"
#include "routing/ch_query.hpp"

namespace ems120::cli {

namespace {

Snap snap_endpoint(const LoadedMap& loaded, const std::string& option, LatLon p, double max_snap_m) {
    const Snap snap = loaded.index.nearest(p);
    const std::string problem = snap_problem(snap, max_snap_m);
    if (!problem.empty()) {
        char where[64];
        std::snprintf(where, sizeof where, "%.6f,%.6f", p.lat, p.lon);
        throw InputError("--" + option + " " + where + " cannot be routed from: " + problem);
    }
    return snap;
}

std::string route_geojson(const Route& route) {
    nlohmann::json coordinates = nlohmann::json::array();
    for (const LatLon& p : route.geometry)
        coordinates.push_back({std::round(p.lon * 1e7) / 1e7, std::round(p.lat * 1e7) / 1e7});
    const nlohmann::json feature = {
        {"type", "Feature"},
        {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coordinates)}}},
        {"properties",
         {{"minutes", std::round(to_minutes(route.time) * 100) / 100},
          {"km", std::round(route.length_m / 10) / 100},
          {"travel_time_ms", route.time}}}};
    return feature.dump();
}

}  // namespace

int run_route(std::span<const std::string> args) {
    auto specs = map_option_specs();
    specs.push_back({"from", "LAT,LON", "start (e.g. the ambulance station)"});
    specs.push_back({"to", "LAT,LON", "destination (e.g. the patient)"});
    CommandLine line("route",
                     "Fastest ambulance route between two coordinates, each snapped onto the nearest road. Prints\n"
                     "the minutes and kilometres, then the route as a GeoJSON LineString Feature on one line.",
                     specs);
    if (!line.parse(args)) return 0;
    if (!line.has("from") || !line.has("to")) throw UsageError("route: both --from LAT,LON and --to LAT,LON are needed");
    const LatLon from = parse_lat_lon("from", *line.value("from"));
    const LatLon to = parse_lat_lon("to", *line.value("to"));
    const MapOptions map_options = map_options_from(line);

    const auto loaded = load_map(map_options);
    const Snap from_snap = snap_endpoint(*loaded, "from", from, map_options.max_snap_m);
    const Snap to_snap = snap_endpoint(*loaded, "to", to, map_options.max_snap_m);
    ChQuery query(loaded->map.graph, loaded->ch);
    const Route route = query.route(from_snap, to_snap);
    if (!route.found)
        throw InputError("no route by road from --from to --to: they lie in road networks not connected for driving");
    char summary[160];
    std::snprintf(summary, sizeof summary, "minutes: %.2f\nkm: %.2f\nfrom snapped %.0f m, to snapped %.0f m\n",
                  to_minutes(route.time), route.length_m / 1000.0, from_snap.distance_m, to_snap.distance_m);
    std::cout << summary << route_geojson(route) << "\n";
    return 0;
}

}  // namespace ems120::cli
