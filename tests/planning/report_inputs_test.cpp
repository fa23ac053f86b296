#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "maps/input_error.hpp"
#include "planning/report_simulation.hpp"
#include "planning/report_sites.hpp"

using namespace ems120;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(EMS120_SOURCE_DIR) + "/tests/planning/data/" + name);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The error's message for `text`, or "" when it parses.
template <class Parse>
std::string error_of(Parse parse, const std::string& text) {
    try {
        parse(text, "input.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

std::string sites_error(const std::string& text) { return error_of(parse_sites_geojson, text); }
std::string simulation_error(const std::string& text) { return error_of(parse_simulation_json, text); }

// The simulation fixture with one field replaced (a JSON path like /runs/0/calls) or removed.
std::string simulation_with(const std::string& pointer, const std::string& value_json) {
    const std::string text = fixture("report_simulation.json");
    // A tiny edit through the same library the reader uses would hide its bugs; edit the text.
    const std::string key = "\"" + pointer + "\": ";
    const std::size_t at = text.find(key);
    REQUIRE(at != std::string::npos);
    std::size_t end = at + key.size();
    int depth = 0;
    for (; end < text.size(); ++end) {
        const char c = text[end];
        if (c == '[' || c == '{') ++depth;
        if (c == ']' || c == '}') {
            if (depth == 0) break;
            --depth;
        }
        if (c == ',' && depth == 0) break;
    }
    if (value_json.empty()) {  // remove the member with its comma
        std::size_t from = at;
        while (from > 0 && text[from - 1] != ',' && text[from - 1] != '{') --from;
        return text.substr(0, from) + text.substr(end + (text[end] == ',' ? 1 : 0));
    }
    return text.substr(0, at + key.size()) + value_json + text.substr(end);
}

}  // namespace

TEST_CASE("report: the sites fixture gives its proposed sites, counting the others", "[report]") {
    const SitesFile sites = parse_sites_geojson(fixture("report_sites.geojson"), "sites.geojson");
    REQUIRE(sites.proposed.size() == 2);
    CHECK(sites.proposed[0].name == "索尔德乌急救分站 Soldeu");
    CHECK(sites.proposed[0].kind == "substation");
    CHECK(sites.proposed[0].location.lat == Approx(42.5770));
    CHECK(sites.proposed[0].location.lon == Approx(1.6660));
    CHECK(sites.existing == 1);
    CHECK(sites.places == 1);
}

TEST_CASE("report: a bad sites file is one error naming the field", "[report]") {
    const std::string proposed_props = R"("properties": {"role": "proposed", "name": "A", "kind": "substation", "places_gained": 2})";
    const auto collection = [](const std::string& feature) {
        return R"({"type": "FeatureCollection", "features": [)" + feature + "]}";
    };
    const auto point = [](const std::string& coordinates, const std::string& props) {
        return R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": )" + coordinates + "}, " + props + "}";
    };
    CHECK_THAT(sites_error(""), Catch::Contains("input.json: empty file"));
    CHECK_THAT(sites_error("{\"type\": "), Catch::Contains("input.json: invalid JSON"));
    CHECK_THAT(sites_error("[1, 2]"), Catch::Contains("input.json: type: not a GeoJSON FeatureCollection"));
    CHECK_THAT(sites_error(R"({"type": "Feature"})"), Catch::Contains("not a GeoJSON FeatureCollection"));
    CHECK_THAT(sites_error(R"({"type": "FeatureCollection"})"), Catch::Contains("features: missing"));
    CHECK_THAT(sites_error(R"({"type": "FeatureCollection", "features": []})"), Catch::Contains("features: empty"));
    CHECK_THAT(sites_error(collection(R"({"type": "Feature", "geometry": {"type": "LineString", "coordinates": []}, )" +
                                      proposed_props + "}")),
               Catch::Contains("features[0].geometry.type: must be \"Point\""));
    CHECK_THAT(sites_error(collection(point("[1.5]", proposed_props))),
               Catch::Contains("features[0].geometry.coordinates: must be [lon, lat] numbers"));
    CHECK_THAT(sites_error(collection(point("[1.5, 95]", proposed_props))),
               Catch::Contains("features[0].geometry.coordinates: latitude"));
    CHECK_THAT(sites_error(collection(point("[1.5, 42.5]", R"("properties": {"role": "hub"})"))),
               Catch::Contains("features[0].properties.role: must be \"existing\", \"proposed\" or \"place\""));
    CHECK_THAT(sites_error(collection(point("[1.5, 42.5]", R"("properties": {"role": 3})"))),
               Catch::Contains("features[0].properties.role: must be a string"));
    CHECK_THAT(sites_error(collection(point("[1.5, 42.5]", R"("properties": {"role": "proposed", "kind": "x", "places_gained": 1})"))),
               Catch::Contains("features[0].properties.name: missing"));
    CHECK_THAT(sites_error(collection(point("[1.5, 42.5]", R"("properties": {"role": "proposed", "name": "A", "kind": "x", "places_gained": -1})"))),
               Catch::Contains("features[0].properties.places_gained: must be a non-negative integer"));
    CHECK_THAT(sites_error(collection(point("[1.5, 42.5]", R"("properties": null)"))),
               Catch::Contains("features[0].properties: must not be null"));
    CHECK(sites_error(collection(point("[1.5, 42.5]", proposed_props))).empty());
}

TEST_CASE("report: the simulation fixture reads whole", "[report]") {
    const SimulationFile sim = parse_simulation_json(fixture("report_simulation.json"), "sim.json");
    CHECK(sim.map == "andorra.osm.pbf");
    CHECK(sim.days == 7);
    CHECK(sim.seed == "42");
    CHECK(sim.limit_min == 15);
    REQUIRE(sim.runs.size() == 2);
    const SimulationRun& today = sim.runs[0];
    CHECK(today.name == "today");
    CHECK(today.fleet == "3 units at 1 station");
    CHECK(today.units == 3);
    std::int64_t histogram_total = 0;
    for (auto n : today.response_histogram_min) histogram_total += n;
    CHECK(histogram_total == today.calls);
    CHECK(today.response_histogram_min.back() == 2);
    REQUIRE(today.per_place.size() == 2);
    CHECK_FALSE(today.per_place[1].response_median_min);  // null: no calls there
    CHECK(today.per_unit.size() == 3);
}

TEST_CASE("report: a bad simulation file is one error naming the field", "[report]") {
    CHECK_THAT(simulation_error("not json"), Catch::Contains("input.json: invalid JSON"));
    CHECK_THAT(simulation_error(simulation_with("map", "")), Catch::Contains("input.json: map: missing"));
    CHECK_THAT(simulation_error(simulation_with("days", "\"seven\"")), Catch::Contains("days: must be a number"));
    CHECK_THAT(simulation_error(simulation_with("days", "0")), Catch::Contains("days: must be more than 0"));
    CHECK_THAT(simulation_error(simulation_with("seed", "1.5")), Catch::Contains("seed: must be an integer"));
    CHECK_THAT(simulation_error(simulation_with("runs", "[]")), Catch::Contains("runs: empty"));
    CHECK_THAT(simulation_error(simulation_with("runs", "{}")), Catch::Contains("runs: must be an array"));
    CHECK_THAT(simulation_error(simulation_with("calls", "")), Catch::Contains("runs[0].calls: missing"));
    CHECK_THAT(simulation_error(simulation_with("calls", "-3")), Catch::Contains("runs[0].calls: must be a non-negative integer"));
    CHECK_THAT(simulation_error(simulation_with("reached", "100000")), Catch::Contains("runs[0].reached: more than the calls"));
    CHECK_THAT(simulation_error(simulation_with("within_limit_share", "1.5")),
               Catch::Contains("runs[0].within_limit_share: must be a share between 0 and 1"));
    CHECK_THAT(simulation_error(simulation_with("policy", "null")), Catch::Contains("runs[0].policy: must not be null"));
    CHECK_THAT(simulation_error(simulation_with("fleet", "[1]")), Catch::Contains("runs[0].fleet: must be a string or an integer"));
    CHECK_THAT(simulation_error(simulation_with("response_histogram_min", "[1, 2, 3]")),
               Catch::Contains("runs[0].response_histogram_min: must have 61 counts"));
    CHECK_THAT(simulation_error(simulation_with("per_place", "[{\"name\": \"Pal\"}]")),
               Catch::Contains("runs[0].per_place[0].lat: missing"));
    CHECK_THAT(simulation_error(simulation_with("per_unit", "[{\"id\": \"A1\", \"station\": \"S\", \"calls\": 1, \"utilisation\": 2}]")),
               Catch::Contains("runs[0].per_unit[0].utilisation: must be a share between 0 and 1"));
    // A median of null (nothing reached) is allowed; a string is not.
    CHECK(simulation_error(simulation_with("response_median_min", "null")).empty());
    CHECK_THAT(simulation_error(simulation_with("response_median_min", "\"12\"")),
               Catch::Contains("runs[0].response_median_min: must be a number"));
}

TEST_CASE("report: one bad count inside a histogram is named by its index", "[report]") {
    std::string histogram = "[";
    for (int i = 0; i < 61; ++i) histogram += std::string(i ? "," : "") + (i == 17 ? "2.5" : "1");
    histogram += "]";
    CHECK_THAT(simulation_error(simulation_with("response_histogram_min", histogram)),
               Catch::Contains("runs[0].response_histogram_min[17]: must be a non-negative integer, found 2.5"));
}
