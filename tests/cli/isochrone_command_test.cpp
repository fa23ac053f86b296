// ems120 isochrone and coverage --isochrones, end to end on the bundled map.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_support.hpp"

using namespace ems120::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json parsed(const std::string& path) {
    json doc;
    REQUIRE_NOTHROW(doc = json::parse(slurp(path)));
    return doc;
}

// Area and roads features, one pair per limit, in RFC 7946 shape.
void check_isochrone_file(const json& doc, const std::vector<double>& minutes) {
    REQUIRE(doc["type"] == "FeatureCollection");
    REQUIRE(doc["features"].size() == 2 * minutes.size());
    double last_area = 0;
    for (std::size_t i = 0; i < minutes.size(); ++i) {
        const json& area = doc["features"][2 * i];
        const json& roads = doc["features"][2 * i + 1];
        CHECK(area["geometry"]["type"] == "MultiPolygon");
        CHECK(area["properties"]["kind"] == "area");
        CHECK(area["properties"]["minutes"] == minutes[i]);
        CHECK(area["properties"]["area_km2"].get<double>() > last_area);
        last_area = area["properties"]["area_km2"].get<double>();
        for (const json& polygon : area["geometry"]["coordinates"])
            for (const json& ring : polygon) {
                REQUIRE(ring.size() >= 4);
                CHECK(ring.front() == ring.back());
            }
        CHECK(roads["geometry"]["type"] == "MultiLineString");
        CHECK(roads["properties"]["kind"] == "roads");
        CHECK(roads["properties"]["road_km"].get<double>() > 0);
    }
}

}  // namespace

TEST_CASE("a planner gets the 5, 10 and 15 minute areas around a point as GeoJSON and a summary") {
    const TempDir dir;
    const std::string out = dir.file("iso.geojson");
    const CommandResult r = run_ems120({"isochrone", "--at", kAndorraLaVella, "--out", out});
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "Origin: 42.507800,1.521100"));
    CHECK(contains(r.out, "Wrote " + out));
    check_isochrone_file(parsed(out), {5, 10, 15});
}

TEST_CASE("a planner names a station and chooses the limits, in any order") {
    const TempDir dir;
    const std::string stations = dir.write("stations.csv", "name,lat,lon\nCanillo substation,42.5668,1.5986\nLa Massana,42.5450,1.5150\n");
    const std::string out = dir.file("canillo.geojson");
    const CommandResult r = run_ems120({"isochrone", "--station", "canillo", "--stations", stations, "--minutes", "12,4,12",
                                        "--out", out});
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    const json doc = parsed(out);
    check_isochrone_file(doc, {4, 12});
    CHECK(doc["features"][0]["properties"]["origin"] == "Canillo substation");
}

TEST_CASE("coverage --isochrones writes one isochrone file per station used") {
    const TempDir dir;
    const std::string target = (dir.path() / "isochrones").string();
    const CommandResult r = run_ems120({"coverage", "--isochrones", target, "--minutes", "10"});
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "Wrote 5 isochrones (one per used station, 10 minutes) to " + target));
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(target)) {
        ++files;
        CHECK(entry.path().extension() == ".geojson");
        check_isochrone_file(parsed(entry.path().string()), {10});
    }
    CHECK(files == 5);
}

TEST_CASE("a planner who gets the isochrone options wrong gets one line naming the problem and no file") {
    const TempDir dir;
    const std::string out = dir.file("iso.geojson");
    const auto usage = [&](std::vector<std::string> args, std::vector<std::string> mentions) {
        args.insert(args.begin(), "isochrone");
        args.insert(args.end(), {"--out", out});
        expect_usage_error(run_ems120(args), mentions);
    };
    usage({}, {"--at", "--station"});
    usage({"--at", kAndorraLaVella, "--station", "x"}, {"exactly one"});
    usage({"--at", "91,1.5"}, {"--at"});
    usage({"--at", "nan,1.5"}, {"--at"});
    usage({"--at", kAndorraLaVella, "--minutes", "0"}, {"--minutes"});
    usage({"--at", kAndorraLaVella, "--minutes", "-5"}, {"--minutes"});
    usage({"--at", kAndorraLaVella, "--minutes", "abc"}, {"--minutes"});
    usage({"--at", kAndorraLaVella, "--minutes", "500"}, {"--minutes"});
    usage({"--at", kAndorraLaVella, "--minutes", "5,,10"}, {"--minutes"});
    CHECK(entries_of(dir.path()).empty());
    expect_usage_error(run_ems120({"isochrone", "--at", kAndorraLaVella, "--out", dir.file("iso.txt")}), {"--out", ".geojson"});

    expect_input_error(run_ems120({"isochrone", "--station", "no such place", "--out", out}), {"no such station"});
    expect_input_error(run_ems120({"isochrone", "--at", "42.0,1.0", "--out", out}), {"--at", "no road within"});
    expect_input_error(run_ems120({"isochrone", "--at", kAndorraLaVella, "--out", dir.file("missing/iso.geojson")}),
                       {"missing/iso.geojson"});
    CHECK(entries_of(dir.path()).empty());
}

TEST_CASE("a planner naming a station that several match is asked for the full name") {
    const TempDir dir;
    const std::string stations = dir.write("s.csv", "name,lat,lon\nEast post,42.5668,1.5986\nWest post,42.5450,1.5150\n");
    expect_input_error(run_ems120({"isochrone", "--station", "post", "--stations", stations}), {"ambiguous", "East post"});
}
