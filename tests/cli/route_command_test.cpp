// `ems120 route` end to end: minutes, kilometres and the GeoJSON line of the fastest route.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "maps/geodesy.hpp"
#include "tests/cli/cli_test_support.hpp"

using namespace ems120;
using namespace ems120::test;
using nlohmann::json;

namespace {

struct RouteOutput {
    double minutes = -1.0;
    double km = -1.0;
    double from_snap_m = -1.0;
    double to_snap_m = -1.0;
    json feature;
};

RouteOutput route_ok(std::vector<std::string> args) {
    args.insert(args.begin(), "route");
    const CommandResult r = run_ems120(args);
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    check_no_crash_text(r.err);
    CHECK(error_lines(r.err).empty());
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 4);
    RouteOutput o;
    REQUIRE(std::sscanf(lines[0].c_str(), "minutes: %lf", &o.minutes) == 1);
    REQUIRE(std::sscanf(lines[1].c_str(), "km: %lf", &o.km) == 1);
    REQUIRE(std::sscanf(lines[2].c_str(), "from snapped %lf m, to snapped %lf m", &o.from_snap_m, &o.to_snap_m) == 2);
    REQUIRE_NOTHROW(o.feature = json::parse(lines[3]));
    return o;
}

LatLon lat_lon(const std::string& text) {
    LatLon p;
    REQUIRE(std::sscanf(text.c_str(), "%lf,%lf", &p.lat, &p.lon) == 2);
    return p;
}

LatLon coordinate(const json& c) { return {c[1].get<double>(), c[0].get<double>()}; }

// Checks the Feature's shape and agreement with the text lines; returns its polyline length.
double check_route_feature(const RouteOutput& o, LatLon from, LatLon to) {
    const json& f = o.feature;
    INFO(f.dump().substr(0, 2000));
    CHECK(f.value("type", "") == "Feature");
    REQUIRE(f.contains("geometry"));
    CHECK(f["geometry"].value("type", "") == "LineString");
    const json& coords = f["geometry"]["coordinates"];
    REQUIRE(coords.is_array());
    REQUIRE(coords.size() >= 2);
    for (const auto& c : coords) {
        REQUIRE(c.is_array());
        REQUIRE(c.size() == 2);
        REQUIRE(c[0].is_number());
        REQUIRE(c[1].is_number());
    }
    // The line starts and ends where the endpoints were snapped onto the road.
    CHECK(geodesic_distance_m(coordinate(coords.front()), from) == Approx(o.from_snap_m).margin(1.0));
    CHECK(geodesic_distance_m(coordinate(coords.back()), to) == Approx(o.to_snap_m).margin(1.0));
    CHECK(geodesic_distance_m(coordinate(coords.front()), from) < 50.0);
    CHECK(geodesic_distance_m(coordinate(coords.back()), to) < 50.0);

    const json& props = f["properties"];
    CHECK(props["minutes"].get<double>() == Approx(o.minutes).margin(0.006));
    CHECK(props["km"].get<double>() == Approx(o.km).margin(0.006));
    CHECK(props["travel_time_ms"].get<double>() / 60000.0 == Approx(o.minutes).margin(0.006));

    double polyline_m = 0.0;
    for (std::size_t i = 1; i < coords.size(); ++i)
        polyline_m += geodesic_distance_m(coordinate(coords[i - 1]), coordinate(coords[i]));
    return polyline_m;
}

}  // namespace

TEST_CASE("a dispatcher routes an ambulance from Andorra la Vella up to Ordino and gets minutes, km and the line") {
    const LatLon from = lat_lon(kAndorraLaVella), to = lat_lon(kOrdinoRoad);
    const RouteOutput o = route_ok({"--from", kAndorraLaVella, "--to", kOrdinoRoad});
    CHECK(o.minutes > 0.0);
    CHECK(o.km > 0.0);
    CHECK(o.from_snap_m < 50.0);
    CHECK(o.to_snap_m < 50.0);
    // Roads wind up the valley: longer than the crow flies.
    const double straight_m = geodesic_distance_m(from, to);
    CHECK(o.km * 1000.0 > straight_m);
    // A plausible ambulance average speed.
    const double kmh = o.km / (o.minutes / 60.0);
    CHECK(kmh > 10.0);
    CHECK(kmh < 120.0);
    // The line drawn is the distance driven.
    const double polyline_m = check_route_feature(o, from, to);
    CHECK(polyline_m == Approx(o.km * 1000.0).epsilon(0.01).margin(10.0));
}

TEST_CASE("a dispatcher can route the way back down, and write options as --name=value") {
    const LatLon from = lat_lon(kOrdinoRoad), to = lat_lon(kAndorraLaVella);
    const RouteOutput o = route_ok({std::string("--from=") + kOrdinoRoad, std::string("--to=") + kAndorraLaVella});
    CHECK(o.minutes > 0.0);
    CHECK(o.km * 1000.0 > geodesic_distance_m(from, to));
    check_route_feature(o, from, to);
}

TEST_CASE("a dispatcher routing to the point they start from gets a zero-minute route, not an error") {
    const LatLon p = lat_lon(kAndorraLaVella);
    const RouteOutput o = route_ok({"--from", kAndorraLaVella, "--to", kAndorraLaVella});
    CHECK(o.minutes == 0.0);
    CHECK(o.km == 0.0);
    check_route_feature(o, p, p);
}

TEST_CASE("a dispatcher on a hand-made straight road gets its length in km") {
    const TempDir dir;
    std::string body;
    for (int i = 0; i <= 10; ++i)
        body += "<node id='" + std::to_string(i + 1) + "' lat='0' lon='" + std::to_string(i * 0.001) + "' version='1'/>\n";
    body += "<way id='100' version='1'>";
    for (int i = 1; i <= 11; ++i) body += "<nd ref='" + std::to_string(i) + "'/>";
    body += "<tag k='highway' v='primary'/></way>\n";
    const std::string map = dir.write("straight.osm", osm_xml(body));
    const RouteOutput o = route_ok({"--map", map, "--min-component", "1", "--from", "0,0", "--to", "0,0.01"});
    CHECK(o.km == Approx(1.11).margin(0.011));
    CHECK(o.minutes > 0.5);
    CHECK(o.minutes < 3.0);
    check_route_feature(o, {0, 0}, {0, 0.01});
}

TEST_CASE("a dispatcher on Malta asking for a route from Gozo to Valletta is told the islands are not connected by road") {
    const CommandResult r =
        run_ems120({"route", "--map", shared_map("malta"), "--from", "36.0428,14.2400", "--to", "35.8989,14.5146"});
    expect_input_error(r, {"no route by road"});
}

TEST_CASE("a dispatcher who asks for help gets the route options and exit code 0") {
    const CommandResult r = run_ems120({"route", "--help"});
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    for (const char* option : {"--from", "--to", "--map"}) CHECK(contains(r.out, option));
}
