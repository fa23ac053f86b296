// The console's API end to end (docs/http-api.md, "The browser console"): real HTTP on 127.0.0.1,
// the real gateway and dispatch center on the Andorra map, vehicles on the real ZeroMQ link.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <atomic>
#include <cmath>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>

#include "dispatch/console_map.hpp"
#include "dispatch/hospitals_file.hpp"
#include "dispatch/state_snapshot.hpp"
#include "dispatch/unit_isochrones.hpp"
#include "maps/geodesy.hpp"
#include "routing/isochrone.hpp"
#include "tests/dispatch/center_harness.hpp"

using namespace ems120;
using namespace ems120::test;
using nlohmann::json;

namespace {

// The console's fixed map data for the Andorra center, as the dispatcher command makes it.
std::shared_ptr<const dispatch::ConsoleMap> andorra_console_map() {
    static const std::vector<dispatch::Hospital> hospitals = dispatch::hospitals_from_map(andorra().map.hospitals);
    static const std::vector<MapPoint> stations = andorra().map.hospitals;  // the dispatcher's fallback without stations
    return dispatch::make_console_map({"maps/data/andorra.osm.pbf", andorra_routing_index(), andorra().map.places, stations, hospitals,
                                       15 * 60'000, 500.0});
}

// A center whose gateway listens on `port` (this suite's range 27300-27349) and serves the map.
std::unique_ptr<ApiCenter> console_center(int port, const std::function<void(dispatch::CenterSetup&, dispatch::IngestConfig&)>& tune = nullptr,
                                          bool with_map = true) {
    auto api = std::make_unique<ApiCenter>(tune, [port](dispatch::HttpGatewayConfig& http) { http.port = port; });
    if (with_map) api->gateway->serve_map(andorra_console_map());
    return api;
}

// Metres from `p` to the nearest point of a [[lon, lat], ...] polyline (flat earth: short distances).
double metres_to_polyline(LatLon p, const json& coords) {
    const double x_scale = std::cos(p.lat * M_PI / 180.0) * 111'320.0, y_scale = 110'540.0;
    double best = 1e18;
    for (std::size_t i = 0; i + 1 < coords.size() || i == 0; ++i) {
        const double ax = (coords[i][0].get<double>() - p.lon) * x_scale, ay = (coords[i][1].get<double>() - p.lat) * y_scale;
        if (coords.size() == 1) return std::hypot(ax, ay);
        const double bx = (coords[i + 1][0].get<double>() - p.lon) * x_scale, by = (coords[i + 1][1].get<double>() - p.lat) * y_scale;
        const double dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy;
        const double t = length2 == 0 ? 0 : std::clamp(-(ax * dx + ay * dy) / length2, 0.0, 1.0);
        best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
    }
    return best;
}

int status_of(const httplib::Result& r) {
    REQUIRE(r);
    return r->status;
}

}  // namespace

TEST_CASE("the map info names the dispatcher's map, its extent, the attribution and the response radius", "[console-api]") {
    auto api = console_center(27310);
    const json info = api->ok(api->get("/api/map/info"));
    CHECK(info["map"] == "andorra.osm.pbf");
    CHECK(info["attribution"] == "© OpenStreetMap contributors");
    CHECK(info["limit_min"] == 15.0);
    const auto& bbox = info["bbox"];
    REQUIRE(bbox.size() == 4);
    for (const LatLon& p : andorra().map.graph.location) {
        REQUIRE(p.lon >= bbox[0].get<double>());
        REQUIRE(p.lat >= bbox[1].get<double>());
        REQUIRE(p.lon <= bbox[2].get<double>());
        REQUIRE(p.lat <= bbox[3].get<double>());
    }
    CHECK(info["center"][0].get<double>() == Approx((bbox[1].get<double>() + bbox[3].get<double>()) / 2));
    CHECK(info["center"][1].get<double>() == Approx((bbox[0].get<double>() + bbox[2].get<double>()) / 2));
    CHECK(kAndorraLaVella.lat > bbox[1].get<double>());
    CHECK(kAndorraLaVella.lat < bbox[3].get<double>());
}

TEST_CASE("the map features list every place with its names, the stations and the hospitals with capabilities", "[console-api]") {
    auto api = console_center(27311);
    const json features = api->ok(api->get("/api/map/features"));
    REQUIRE(features["places"].size() == andorra().map.places.size());
    bool encamp = false;
    for (const auto& p : features["places"]) {
        REQUIRE(p["place_id"].is_string());
        REQUIRE(p["kind"].is_string());
        REQUIRE(p["lat"].is_number());
        if (p["name"] == "Encamp") encamp = true;
    }
    CHECK(encamp);
    const MapPoint& first = andorra().map.places.front();
    CHECK(features["places"][0]["place_id"] == first.source_id);
    CHECK(features["places"][0]["lat"] == first.location.lat);
    CHECK(features["places"][0].contains("population") == first.population.has_value());
    REQUIRE(features["hospitals"].size() == andorra().map.hospitals.size());
    REQUIRE_FALSE(features["hospitals"].empty());
    CHECK(features["hospitals"][0]["capabilities"].is_array());
    CHECK(features["hospitals"][0]["id"] == andorra().map.hospitals[0].source_id);
    CHECK(features["stations"].size() == andorra().map.hospitals.size());
}

TEST_CASE("roads in a box are the dispatcher's graph: each one meets the box, and the road nearest a known point is among them",
          "[console-api]") {
    auto api = console_center(27312);
    const RoadGraph& graph = andorra().map.graph;
    const std::string box = "1.515,42.502,1.530,42.512";  // Andorra la Vella's centre
    const json roads = api->ok(api->get("/api/map/roads?bbox=" + box + "&zoom=16"));
    CHECK(roads["truncated"] == false);
    REQUIRE(roads["classes"].get<std::vector<std::string>>() == graph.road_class_names);
    REQUIRE(roads["roads"].size() > 20);
    bool minor_seen = false;
    for (const auto& road : roads["roads"]) {
        const auto c = road["class"].get<std::size_t>();
        REQUIRE(c < graph.road_class_names.size());
        minor_seen = minor_seen || dispatch::is_minor_road_class(graph.road_class_names[c]);
        REQUIRE(road["coords"].size() >= 2);
        double w = 1e9, s = 1e9, e = -1e9, n = -1e9;
        for (const auto& point : road["coords"]) {
            w = std::min(w, point[0].get<double>());
            e = std::max(e, point[0].get<double>());
            s = std::min(s, point[1].get<double>());
            n = std::max(n, point[1].get<double>());
        }
        INFO("a road " << w << "," << s << "," << e << "," << n << " outside the box " << box);
        REQUIRE((w <= 1.530 + 1e-6 && e >= 1.515 - 1e-6 && s <= 42.512 + 1e-6 && n >= 42.502 - 1e-6));
    }
    CHECK(minor_seen);

    // The road a call at Andorra la Vella snaps to is drawn, within a pixel or so, with its class.
    const Snap snap = andorra().index.nearest(kAndorraLaVella);
    const RoadSegment& segment = graph.segment(snap.segment);
    const auto road_class = graph.road_class[(segment.a_to_b.valid() ? segment.a_to_b : segment.b_to_a).value()];
    double nearest = 1e18;
    for (const auto& road : roads["roads"])
        if (road["class"] == road_class) nearest = std::min(nearest, metres_to_polyline(snap.point, road["coords"]));
    CHECK(nearest < 3.0);
}

TEST_CASE("at low zoom minor roads are left out and the geometry is simplified; a capped answer says it is truncated",
          "[console-api]") {
    auto api = console_center(27313);
    const std::string whole = "1.40,42.42,1.79,42.66";
    const json near = api->ok(api->get("/api/map/roads?bbox=" + whole + "&zoom=14"));
    const json far = api->ok(api->get("/api/map/roads?bbox=" + whole + "&zoom=10.7"));
    const auto& names = near["classes"];
    std::size_t near_points = 0, far_points = 0;
    for (const auto& road : near["roads"]) near_points += road["coords"].size();
    for (const auto& road : far["roads"]) {
        far_points += road["coords"].size();
        INFO(names[road["class"].get<std::size_t>()]);
        REQUIRE_FALSE(dispatch::is_minor_road_class(names[road["class"].get<std::size_t>()]));
    }
    CHECK(far["roads"].size() > 10);
    CHECK(far["roads"].size() < near["roads"].size());
    CHECK(far_points * 3 < near_points);

    const dispatch::RoadTilesIndex index(andorra().map.graph);
    LatLonBox box;
    box.extend({42.42, 1.40});
    box.extend({42.66, 1.79});
    const auto capped = dispatch::road_polylines(index, box, 16, 25);
    CHECK(capped.truncated);
    CHECK(capped.polylines == 25);
    CHECK(json::parse(capped.json)["roads"].size() == 25);
    CHECK(json::parse(capped.json)["truncated"] == true);
    INFO("major classes come first when the answer is capped");
    for (const auto& road : json::parse(capped.json)["roads"])
        CHECK_FALSE(dispatch::is_minor_road_class(andorra().map.graph.road_class_names[road["class"].get<std::size_t>()]));
    INFO("a box beside the map has no roads");
    LatLonBox sea;
    sea.extend({10.0, 10.0});
    sea.extend({10.1, 10.1});
    CHECK(json::parse(dispatch::road_polylines(index, sea, 14, 100).json)["roads"].empty());
}

TEST_CASE("bad bbox and zoom values are 400 with a JSON error; other methods 405; before the map loads 503", "[console-api]") {
    auto api = console_center(27314);
    for (const std::string query : {"bbox=1.5,42.5,1.6&zoom=14", "bbox=a,b,c,d&zoom=14", "bbox=1.6,42.5,1.5,42.6&zoom=14",
                                    "bbox=1.5,42.6,1.6,42.5&zoom=14", "bbox=0,-91,1,0&zoom=14", "bbox=-181,0,1,1&zoom=14",
                                    "bbox=1.5,42.5,1.6,42.6,1.7&zoom=14", "bbox=nan,42.5,1.6,42.6&zoom=14",
                                    "bbox=1e400,42.5,1.6,42.6&zoom=14", "bbox=1.5,42.5,1.6,42.6&zoom=-1",
                                    "bbox=1.5,42.5,1.6,42.6&zoom=23", "bbox=1.5,42.5,1.6,42.6&zoom=ten", "bbox=1.5,42.5,1.6,42.6",
                                    "zoom=14", "bbox=1.5,,1.6,42.6&zoom=14", "bbox=1.5 ,42.5,1.6,42.6&zoom=14", "bbox=&zoom=14"}) {
        INFO(query);
        const auto r = api->get("/api/map/roads?" + query);
        REQUIRE(status_of(r) == 400);
        const json body = json::parse(r->body);
        CHECK(body["status"] == 400);
        CHECK(body["error"].is_string());
    }
    for (const char* path : {"/api/map/roads", "/api/map/info", "/api/map/features"}) {
        INFO(path);
        const auto r = api->post(path, "{}");
        CHECK(status_of(r) == 405);
        CHECK(json::parse(r->body)["status"] == 405);
    }
    auto loading = console_center(27315, nullptr, false);
    for (const char* path : {"/api/map/roads?bbox=1.5,42.5,1.6,42.6&zoom=14", "/api/map/info", "/api/map/features"}) {
        INFO(path);
        const auto r = loading->get(path);
        CHECK(status_of(r) == 503);
        CHECK(json::parse(r->body)["error"].get<std::string>().find("loading") != std::string::npos);
    }
}

TEST_CASE("a proposal ranks the units for a call without taking it, and the call then goes to the proposed unit", "[console-api]") {
    auto api = console_center(27316);
    api->vehicle("A", kNearAndorraLaVella);
    api->vehicle("B", kCanillo);
    const std::string call = R"({"lat":42.5075,"lon":1.5218,"priority":"emergency","complaint":"chest pain"})";

    const json proposal = api->ok(api->post("/api/proposals", call));
    CHECK(proposal["chosen"] == "A");
    CHECK(proposal["priority"] == "emergency");
    CHECK(proposal["outside_radius"] == false);
    CHECK(proposal["location"]["lat"] == 42.5075);
    REQUIRE(proposal["ranked"].size() == 2);
    CHECK(proposal["ranked"][0]["unit"] == "A");
    CHECK(proposal["ranked"][1]["unit"] == "B");
    CHECK(proposal["ranked"][0]["eta_ms"].get<std::int64_t>() < proposal["ranked"][1]["eta_ms"].get<std::int64_t>());
    CHECK(proposal["ranked"][0]["eligible"] == true);
    CHECK(proposal["ranked"][0]["reasons"] == "");
    CHECK(proposal["ranked"][0]["stale"] == false);
    INFO("nothing was created or journaled");
    CHECK(api->ok(api->get("/api/incidents"))["incidents"].empty());
    CHECK(api->center->server.center()->book().incidents().empty());

    const json created = api->ok(api->post("/api/incidents", call), 201);
    REQUIRE(created["incident"]["offers"].size() == 1);
    CHECK(created["incident"]["offers"][0]["unit"] == proposal["chosen"]);
    CHECK(created["incident"]["offers"][0]["eta_ms"] == proposal["ranked"][0]["eta_ms"]);
    CHECK(created["incident"]["offers"][0]["manual"] == false);

    INFO("with A on that call, the next proposal of the same priority says why A cannot go and proposes B");
    const json next = api->ok(api->post("/api/proposals", call));
    CHECK(next["chosen"] == "B");
    bool a_excluded = false;
    for (const auto& r : next["ranked"])
        if (r["unit"] == "A") a_excluded = r["eligible"] == false && r["reasons"] == "diversion not allowed";
    CHECK(a_excluded);

    INFO("by place name, the location carries the place");
    const json by_place = api->ok(api->post("/api/proposals", R"({"place":"Encamp","priority":"urgent"})"));
    CHECK(by_place["location"]["name"] == "Encamp");
    CHECK(by_place["location"]["place_id"].is_string());
}

TEST_CASE("a proposal answers bad calls as POST /api/incidents does", "[console-api]") {
    auto api = console_center(27317);
    api->vehicle("A", kNearAndorraLaVella);
    const std::vector<std::pair<std::string, int>> bad{{"not json", 400},
                                                       {"[1,2]", 400},
                                                       {R"({"lat":42.5,"lon":1.52})", 400},
                                                       {R"({"lat":42.5,"lon":1.52,"priority":"soon"})", 400},
                                                       {R"({"lat":42.5,"lon":1.52,"priority":"urgent","colour":"red"})", 400},
                                                       {R"({"lat":42.5,"lon":1.52,"priority":"urgent","unit":7})", 400},
                                                       {R"({"place":"Nowhereville","priority":"urgent"})", 404},
                                                       {R"({"lat":10.0,"lon":10.0,"priority":"urgent"})", 422}};
    for (const auto& [body, status] : bad) {
        INFO(body);
        const auto r = api->post("/api/proposals", body);
        REQUIRE(status_of(r) == status);
        const json answer = json::parse(r->body);
        CHECK(answer["status"] == status);
        CHECK(answer["error"].is_string());
    }
    CHECK(api->center->server.center()->book().incidents().empty());
    CHECK(status_of(api->get("/api/proposals")) == 405);
}

TEST_CASE("a call may name the dispatcher's pick: it is offered to that unit; an unknown or busy unit creates nothing", "[console-api]") {
    auto api = console_center(27318);
    api->vehicle("A", kNearAndorraLaVella);
    api->vehicle("B", kCanillo);
    const json picked = api->ok(api->post("/api/incidents", R"({"lat":42.5075,"lon":1.5218,"priority":"urgent","unit":"B"})"), 201);
    const std::string id = picked["incident"]["id"];
    REQUIRE(picked["incident"]["offers"].size() == 1);
    CHECK(picked["incident"]["offers"][0]["unit"] == "B");
    CHECK(picked["incident"]["offers"][0]["manual"] == true);
    CHECK(picked["incident"]["offers"][0]["eta_ms"].is_number());
    REQUIRE(api->pump_until([&] { return api->state_of(id) == "assigned"; }));
    CHECK(api->orders_shown["B"] == std::vector<std::string>{id + "-1"});
    CHECK(api->orders_shown["A"].empty());

    const auto unknown = api->post("/api/incidents", R"({"lat":42.5075,"lon":1.5218,"priority":"urgent","unit":"Z99"})");
    REQUIRE(status_of(unknown) == 404);
    CHECK(json::parse(unknown->body)["error"].get<std::string>().find("Z99") != std::string::npos);
    const auto busy = api->post("/api/incidents", R"({"lat":42.5075,"lon":1.5218,"priority":"urgent","unit":"B"})");
    REQUIRE(status_of(busy) == 409);
    CHECK(json::parse(busy->body)["status"] == 409);
    CHECK(api->center->server.center()->book().incidents().size() == 1);
    CHECK(api->ok(api->get("/api/incidents"))["incidents"].size() == 1);
}

namespace {

// A center with live coverage of Andorra's places, its hospitals as the move-up stations.
void with_coverage(dispatch::CenterSetup& setup, dispatch::IngestConfig&) {
    setup.coverage_places = andorra().map.places;
    setup.stations = andorra().map.hospitals;
    setup.coverage_interval_ms = 50;
}

const json* feature_of(const json& collection, const std::string& unit) {
    for (const auto& f : collection["features"])
        if (f["properties"]["unit"] == unit) return &f;
    return nullptr;
}

IsochronePolygon polygon_from(const json& rings) {
    IsochronePolygon polygon;
    for (std::size_t r = 0; r < rings.size(); ++r) {
        Ring ring;
        for (const auto& p : rings[r]) ring.push_back({p[1].get<double>(), p[0].get<double>()});
        if (r == 0) polygon.outer = std::move(ring);
        else polygon.holes.push_back(std::move(ring));
    }
    return polygon;
}

bool area_contains(const json& feature, LatLon p) {
    for (const auto& rings : feature["geometry"]["coordinates"])
        if (polygon_contains(polygon_from(rings), p)) return true;
    return false;
}

}  // namespace

TEST_CASE("isochrones: one area per free unit, the one routing computes from where it stands; a unit on a call has none",
          "[console-api]") {
    auto api = console_center(27319, with_coverage);
    api->vehicle("A", kNearAndorraLaVella);
    api->vehicle("B", kCanillo);
    INFO("the areas are those of the free units the last coverage update counted");
    REQUIRE(api->pump_until([&] { return api->ok(api->get("/api/coverage"))["free_units"] == 2; }));
    const json areas = api->ok(api->get("/api/coverage/isochrones?minutes=5"));
    CHECK(areas["type"] == "FeatureCollection");
    REQUIRE(areas["features"].size() == 2);
    const json* a = feature_of(areas, "A");
    const json* b = feature_of(areas, "B");
    REQUIRE(a);
    REQUIRE(b);
    CHECK((*a)["geometry"]["type"] == "MultiPolygon");
    CHECK((*a)["properties"]["minutes"] == 5.0);

    // The same isochrone `ems120 isochrone --at` computes from A's position.
    IsochroneQuery query(andorra().map.graph, andorra().ch);
    const std::vector<TravelTime> five{5 * 60'000};
    const Isochrone expected = query.compute(andorra().index.nearest(kNearAndorraLaVella), five).front();
    CHECK((*a)["properties"]["area_km2"].get<double>() == Approx(expected.area_km2).margin(0.001));
    CHECK((*a)["geometry"]["coordinates"].size() == expected.polygons.size());
    CHECK(area_contains(*a, kAndorraLaVella));
    CHECK(area_contains(*a, kNearAndorraLaVella));
    CHECK_FALSE(area_contains(*a, kCanillo));
    CHECK(area_contains(*b, kCanillo));
    CHECK_FALSE(area_contains(*b, kAndorraLaVella));

    INFO("the limit defaults to the response radius; A on a call is not free, so only B has an area");
    const json created = api->ok(api->post("/api/incidents", R"({"lat":42.5075,"lon":1.5218,"priority":"urgent"})"), 201);
    REQUIRE(created["incident"]["offers"][0]["unit"] == "A");
    REQUIRE(api->pump_until([&] { return api->ok(api->get("/api/coverage"))["free_units"] == 1; }));
    const json after = api->ok(api->get("/api/coverage/isochrones"));
    REQUIRE(after["features"].size() == 1);
    CHECK(after["features"][0]["properties"]["unit"] == "B");
    CHECK(after["features"][0]["properties"]["minutes"] == 15.0);

    for (const char* bad : {"0", "-5", "61", "ten", "", "1e999"}) {
        INFO(bad);
        const auto r = api->get(std::string("/api/coverage/isochrones?minutes=") + bad);
        CHECK(status_of(r) == 400);
        CHECK(json::parse(r->body)["status"] == 400);
    }
    CHECK(status_of(api->post("/api/coverage/isochrones", "{}")) == 405);
}

TEST_CASE("isochrones are computed once per coverage update and per limit, then served from the cache", "[console-api]") {
    const auto map = andorra_console_map();
    dispatch::UnitIsochroneCache cache;
    dispatch::FreeUnitPositions free{1000, {{"A", kNearAndorraLaVella}, {"far", {42.0, 1.0}}}};
    const std::string first = cache.get(*map, free, 15 * 60'000);
    CHECK(cache.get(*map, free, 15 * 60'000) == first);
    CHECK(cache.computations() == 1);
    CHECK(json::parse(first)["unplaced"] == json::array({"far"}));
    CHECK(json::parse(first)["features"].size() == 1);
    cache.get(*map, free, 5 * 60'000);
    CHECK(cache.computations() == 2);
    free.stamp = 2000;
    free.units.pop_back();
    const std::string next = cache.get(*map, free, 5 * 60'000);
    CHECK(cache.computations() == 3);
    CHECK(json::parse(next)["unplaced"].empty());
}

namespace {

// Two units in Andorra la Vella and a station at Canillo: moving one there covers the north-east.
void with_canillo_station(dispatch::CenterSetup& setup, dispatch::IngestConfig& config) {
    with_coverage(setup, config);
    MapPoint canillo;
    canillo.source_id = "test:1";
    canillo.name = "Canillo station";
    canillo.kind = "ambulance_station";
    canillo.location = kCanillo;
    MapPoint la_vella = canillo;
    la_vella.source_id = "test:2";
    la_vella.name = "La Vella station";
    la_vella.location = kAndorraLaVella;
    setup.stations = {la_vella, canillo};
}

}  // namespace

TEST_CASE("a move-up sends the recommended unit to the station, journaled; it stays free, is not recommended again, and "
          "its move-up survives a restart and ends at the station",
          "[console-api]") {
    auto api = console_center(27320, with_canillo_station);
    auto& a = api->vehicle("A", kNearAndorraLaVella);
    api->vehicle("B", kAndorraLaVella);
    json coverage;
    REQUIRE(api->pump_until([&] {
        coverage = api->ok(api->get("/api/coverage"));
        return coverage["free_units"] == 2 && coverage["move_up"].is_object();
    }));
    const json move = coverage["move_up"];
    INFO(move.dump());
    CHECK(move["station"] == 1);
    CHECK(move["station_name"] == "Canillo station");
    CHECK(move["lat"] == kCanillo.lat);
    CHECK(move["places_gained"].get<int>() > 0);
    CHECK(move["covered_share_after"].get<double>() > move["covered_share_before"].get<double>());
    const std::string unit = move["unit"];
    const std::string other = unit == "A" ? "B" : "A";

    const std::vector<std::pair<std::string, int>> refused{
        {R"({"unit":")" + unit + R"(","station":0})", 409},
        {R"({"unit":")" + other + R"(","station":1})", 409},
        {R"({"unit":"Z9","station":1})", 404},
        {R"({"unit":")" + unit + R"(","station":"Nowhere station"})", 404},
        {R"({"unit":")" + unit + R"(","station":7})", 400},
        {R"({"unit":")" + unit + R"(","station":-1})", 400},
        {R"({"unit":")" + unit + R"(","station":true})", 400},
        {R"({"unit":5,"station":1})", 400},
        {R"({"unit":")" + unit + R"("})", 400},
        {"[]", 400},
        {"not json", 400}};
    for (const auto& [body, status] : refused) {
        INFO(body);
        const auto r = api->post("/api/move-up", body);
        REQUIRE(status_of(r) == status);
        CHECK(json::parse(r->body)["status"] == status);
    }
    CHECK(api->center->server.center()->move_ups().active().empty());

    const json ordered = api->ok(api->post("/api/move-up", R"({"unit":")" + unit + R"(","station":"Canillo station"})"));
    CHECK(ordered["unit"] == unit);
    CHECK(ordered["station"] == 1);
    const std::string order = ordered["order"];
    CHECK(order.starts_with("move-up-" + unit + "-"));
    REQUIRE(api->pump_until([&] { return api->orders_shown[unit] == std::vector<std::string>{order}; }));
    INFO("the unit stays free and is not recommended again; the same move-up is now refused");
    const json after = api->ok(api->get("/api/coverage"));
    CHECK(after["free_units"] == 2);
    CHECK((after["move_up"].is_null() || after["move_up"]["unit"] != unit));
    CHECK(status_of(api->post("/api/move-up", R"({"unit":")" + unit + R"(","station":1})")) == 409);
    CHECK(status_of(api->get("/api/move-up")) == 405);

    INFO("after a restart the journal still says the unit is moving up");
    api->gateway.reset();
    api->center.reset();
    api->center = std::make_unique<Center>(api->config);
    CHECK(api->center->server.center()->move_ups().moving({unit}));
    CHECK(api->center->server.center()->move_ups().active().at({unit}).order_id == order);

    INFO("a fix at the station ends it");
    Vehicle& mover = unit == "A" ? a : api->vehicles[1];
    mover.uplink.submit(fix(now_ms(), kCanillo.lat, kCanillo.lon));
    REQUIRE(api->pump_until([&] { return !api->center->server.center()->move_ups().moving({unit}); }));
}

TEST_CASE("a move-up record reads back as written, from the journal and from a snapshot; a malformed one is refused", "[console-api]") {
    const dispatch::MoveUpOrdered move{1'795'990'000'000, {"A03"}, 2, "Canillo station", kCanillo, "move-up-A03-1795990000000"};
    const std::string record = dispatch::encode_center_event(move);
    CHECK(dispatch::is_center_event_record(record));
    CHECK(dispatch::encode_center_event(dispatch::decode_center_event(record)) == record);
    CHECK(dispatch::incident_of(dispatch::decode_center_event(record)).value.empty());
    CHECK_THROWS_AS(dispatch::decode_center_event(R"({"event":"move_up","time":1,"unit":"","station":0,"station_name":"",
        "lat":0,"lon":0,"order":"x"})"), std::invalid_argument);
    CHECK_THROWS_AS(dispatch::decode_center_event(R"({"event":"move_up","time":1,"unit":"A"})"), std::invalid_argument);

    dispatch::FleetState fleet;
    fleet.vehicle({"A03"});
    const std::string text = dispatch::encode_snapshot(fleet, {}, 4, {move});
    const dispatch::Snapshot read = dispatch::decode_snapshot(text);
    REQUIRE(read.move_ups.size() == 1);
    CHECK(dispatch::encode_center_event(read.move_ups[0]) == record);
    INFO("a snapshot that lost its move-up line is incomplete");
    CHECK_THROWS_AS(dispatch::decode_snapshot(text.substr(0, text.rfind('\n'))), std::invalid_argument);
}

namespace {

protocol::Vitals vitals_at(protocol::UnixMillis time, double heart_rate, double spo2) {
    protocol::Vitals v;
    v.time = time;
    v[protocol::VitalSign::heart_rate] = protocol::Measurement{heart_rate, true};
    v[protocol::VitalSign::spo2] = protocol::Measurement{spo2, true};
    return v;
}

// A console's GET /api/events, read on its own thread until the test hangs up.
struct EventStream {
    httplib::Client client;
    std::mutex mutex;
    std::string received;
    std::atomic<bool> done{false};
    std::future<httplib::Result> running;

    explicit EventStream(int port) : client("127.0.0.1", port) {
        client.set_read_timeout(30, 0);
        running = std::async(std::launch::async, [this] {
            return client.Get("/api/events", [this](const char* data, std::size_t size) {
                std::lock_guard lock(mutex);
                received.append(data, size);
                return !done.load();
            });
        });
    }
    // The data of every event of this type so far.
    std::vector<json> events(const std::string& type) {
        std::lock_guard lock(mutex);
        std::vector<json> found;
        const std::string head = "event: " + type + "\ndata: ";
        for (auto at = received.find(head); at != std::string::npos; at = received.find(head, at + 1)) {
            const auto data = at + head.size();
            const auto end = received.find('\n', data);
            if (end == std::string::npos) break;
            found.push_back(json::parse(received.substr(data, end - data), nullptr, false));
        }
        return found;
    }
};

}  // namespace

TEST_CASE("a unit's vital signs of the last 30 minutes, oldest first; unknown units and bad limits are refused", "[console-api]") {
    auto api = console_center(27321);
    auto& a = api->vehicle("A", kNearAndorraLaVella);
    api->vehicle("B", kCanillo);
    const auto now = now_ms();
    a.uplink.submit(vitals_at(now - 60'000, 118, 91));
    a.uplink.submit(vitals_at(now - 40 * 60'000, 80, 99));  // older than the 30 minutes kept
    a.uplink.submit(vitals_at(now - 10 * 60'000, 104, 95));
    REQUIRE(api->pump_until([&] { return a.outbox.pending().empty(); }));

    const json all = api->ok(api->get("/api/units/A/vitals"));
    CHECK(all["unit"] == "A");
    REQUIRE(all["vitals"].size() == 2);
    CHECK(all["vitals"][0]["time"] == now - 10 * 60'000);
    CHECK(all["vitals"][0]["hr"] == 104.0);
    CHECK(all["vitals"][0]["spo2"] == 95.0);
    CHECK_FALSE(all["vitals"][0].contains("sys"));
    CHECK(all["vitals"][1]["hr"] == 118.0);
    const json recent = api->ok(api->get("/api/units/A/vitals?minutes=5"));
    REQUIRE(recent["vitals"].size() == 1);
    CHECK(recent["vitals"][0]["time"] == now - 60'000);
    CHECK(api->ok(api->get("/api/units/B/vitals?minutes=30"))["vitals"].empty());

    const auto unknown = api->get("/api/units/Z9/vitals");
    REQUIRE(status_of(unknown) == 404);
    CHECK(json::parse(unknown->body)["status"] == 404);
    for (const char* bad : {"0", "31", "-1", "half", ""}) {
        INFO(bad);
        CHECK(status_of(api->get(std::string("/api/units/A/vitals?minutes=") + bad)) == 400);
    }
    CHECK(status_of(api->post("/api/units/A/vitals", "{}")) == 405);

    dispatch::VitalsHistory bounded(30 * 60'000, 3);
    for (int i = 0; i < 5; ++i) bounded.add({"A"}, vitals_at(1'000'000 + i * 1000, 100 + i, 98));
    bounded.add({"A"}, vitals_at(1'000'500, 99, 97));  // late, from a backlog: in its place, then the oldest go
    const auto kept = bounded.since({"A"}, 0);
    REQUIRE(kept.size() == 3);
    CHECK(kept[0].time == 1'002'000);
    CHECK(kept[2].time == 1'004'000);
}

TEST_CASE("the event stream carries vitals, when each event was sent, and whether a unit is stale", "[console-api]") {
    auto api = console_center(27322, [](dispatch::CenterSetup& setup, dispatch::IngestConfig&) {
        setup.options.assignment.stale_after_ms = 1500;
    });
    auto& a = api->vehicle("A", kNearAndorraLaVella);
    EventStream console(api->gateway->port());
    struct HangUp {
        ApiCenter& api;
        EventStream& console;
        ~HangUp() {
            console.done = true;
            api.gateway.reset();
        }
    } hang_up{*api, console};

    INFO("a fresh fix makes a unit event that is not stale");
    REQUIRE(api->pump_until([&, next = std::int64_t{0}]() mutable {
        if (now_ms() >= next) {
            a.uplink.submit(fix(now_ms(), kNearAndorraLaVella.lat, kNearAndorraLaVella.lon));
            next = now_ms() + 100;
        }
        for (const auto& e : console.events("unit"))
            if (e["stale"] == false) return true;
        return false;
    }));
    const auto before = now_ms();
    a.uplink.submit(vitals_at(now_ms(), 121, 90));
    REQUIRE(api->pump_until([&] { return !console.events("vitals").empty(); }));
    const json vitals = console.events("vitals").front();
    CHECK(vitals["unit"] == "A");
    CHECK(vitals["hr"] == 121.0);
    CHECK(vitals["spo2"] == 90.0);
    CHECK(vitals["time"].is_number());
    CHECK(vitals["sent_ms"].get<std::int64_t>() >= before - 5);
    CHECK(vitals["sent_ms"].get<std::int64_t>() <= now_ms());
    for (const auto& e : console.events("unit")) {
        CHECK(e["sent_ms"].is_number_integer());
        CHECK(e["stale"].is_boolean());
    }

    INFO("without fixes for longer than the stale-fix limit, a unit event says it is stale");
    REQUIRE(api->pump_until([&] {
        const auto units = console.events("unit");
        return !units.empty() && units.back()["stale"] == true;
    }));
}
