// Bad input to the real binary: a wrong map, a wrong stations/places file, a wrong flag. Every
// one exits non-zero with exactly one error line naming the culprit, never crashes, and never
// leaves the --out file (or its temporary) behind.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/cli/cli_test_support.hpp"
#include "tests/maps/osm_fixture.hpp"

using namespace ems120::test;
namespace fs = std::filesystem;

namespace {

enum class Kind { usage, input };

struct BadRun {
    std::string story;
    std::vector<std::string> args;  // after "coverage --out OUT"
    Kind kind;
    std::vector<std::string> mentions;  // the error line names these
};

// Runs `coverage --out DIR/report.geojson ARGS` and checks the failure and that DIR stays empty.
void check_bad_coverage_run(const BadRun& bad) {
    const TempDir out_dir;
    std::vector<std::string> args = {"coverage", "--out", out_dir.file("report.geojson")};
    args.insert(args.end(), bad.args.begin(), bad.args.end());
    const CommandResult r = run_ems120(args);
    if (bad.kind == Kind::usage) expect_usage_error(r, bad.mentions);
    else expect_input_error(r, bad.mentions);
    CHECK(entries_of(out_dir.path()).empty());
}

// A small drivable map on the equator with a hospital and a village, for fast negative runs.
std::string equator_map(const TempDir& dir) {
    std::string body = equator_node(1, 0, tag("amenity", "hospital")) + equator_node(2, 1) + equator_node(3, 2) +
                       equator_node(4, 3, tag("place", "village") + tag("name", "Zero"));
    body += way(100, {1, 2, 3, 4}, tag("highway", "primary"));
    return dir.write("equator.osm", osm_xml(body));
}

}  // namespace

// ---- the map ---------------------------------------------------------------------------------

TEST_CASE("a planner pointing --map at files that are not usable maps gets one line naming the file") {
    const TempDir in;
    const std::string andorra = slurp(bundled_map());
    REQUIRE(andorra.size() > 100000);

    std::string corrupt = andorra;
    for (std::size_t i = 1000; i < corrupt.size(); i += 997) corrupt[i] = static_cast<char>(~corrupt[i]);
    const std::string truncated = in.write("truncated.osm.pbf", andorra.substr(0, andorra.size() / 2));
    const std::string flipped = in.write("corrupt.osm.pbf", corrupt);
    const std::string empty_pbf = in.write("empty.osm.pbf", "");
    const std::string text = in.write("andorra.txt", andorra);
    const std::string garbage_xml = in.write("broken.osm", "<?xml version='1.0'?>\n<osm version='0.6'><node id='1'");
    const std::string footway_only =
        in.write("footway.osm", osm_xml(equator_node(1, 0) + equator_node(2, 1) + equator_node(3, 2) +
                                        way(10, {1, 2, 3}, tag("highway", "footway"))));
    fs::create_directory(in.path() / "maps.osm.pbf");

    const std::vector<BadRun> cases = {
        {"a map file that does not exist", {"--map", in.file("missing.osm.pbf")}, Kind::input,
         {in.file("missing.osm.pbf"), "no such file"}},
        {"a directory instead of a map", {"--map", in.file("maps.osm.pbf")}, Kind::input,
         {in.file("maps.osm.pbf"), "directory"}},
        {"the first half of the Andorra PBF", {"--map", truncated}, Kind::input, {truncated, "truncated"}},
        {"the Andorra PBF with bytes flipped", {"--map", flipped}, Kind::input, {flipped, "corrupt"}},
        {"an empty .osm.pbf", {"--map", empty_pbf}, Kind::input, {empty_pbf}},
        {"a map with the unknown extension .txt", {"--map", text}, Kind::input, {text}},
        {"an OSM XML file cut off mid-element", {"--map", garbage_xml, "--min-component", "1"}, Kind::input,
         {garbage_xml}},
        {"a map whose only way is a footway", {"--map", footway_only, "--min-component", "1"}, Kind::input,
         {footway_only, "no drivable roads"}},
    };
    for (const auto& bad : cases) {
        DYNAMIC_SECTION(bad.story) { check_bad_coverage_run(bad); }
    }
}

TEST_CASE("a planner whose map file cannot be opened for reading is told so") {
    if (geteuid() == 0) {
        WARN("running as root: a mode 000 file is still readable, nothing to test");
        return;
    }
    const TempDir in;
    const std::string locked = in.write("locked.osm.pbf", slurp(bundled_map()));
    REQUIRE(chmod(locked.c_str(), 0) == 0);
    check_bad_coverage_run({"unreadable map", {"--map", locked}, Kind::input, {locked}});
    chmod(locked.c_str(), 0600);
}

TEST_CASE("a planner whose map has roads only in networks smaller than --min-component is told to lower it") {
    const TempDir in;
    const std::string map = equator_map(in);
    check_bad_coverage_run({"tiny network", {"--map", map}, Kind::input, {map, "--min-component"}});
}

TEST_CASE("a planner with the north Bayreuth map, which has no stations or hospitals, is told to give --stations") {
    const TempDir out_dir;
    const CommandResult r =
        run_ems120({"coverage", "--map", shared_map("north-bayreuth"), "--out", out_dir.file("report.csv")});
    expect_input_error(r, {"north-bayreuth.osm.pbf", "no ambulance stations", "no hospitals", "--stations"});
    CHECK(entries_of(out_dir.path()).empty());
}

// ---- stations and places files ---------------------------------------------------------------

TEST_CASE("a planner with a broken stations or places file gets one line naming the file and the row") {
    const TempDir in;
    const auto csv = [&](const std::string& name, const std::string& content) { return in.write(name, content); };
    const std::string no_lon = csv("no-lon.csv", "name,lat\nA,42.5\n");
    const std::string short_row = csv("short-row.csv", "name,lat,lon\nA,42.5078,1.5211\nB,42.5\n");
    const std::string word_lat = csv("word-lat.csv", "name,lat,lon\nA,north,1.5211\n");
    const std::string nan_lat = csv("nan-lat.csv", "name,lat,lon\nA,NaN,1.5211\n");
    const std::string lat_91 = csv("lat-91.csv", "name,lat,lon\nA,91,1.5211\n");
    const std::string lon_181 = csv("lon-181.csv", "name,lat,lon\nA,42.5078,-181\n");
    const std::string empty = csv("empty.csv", "");
    const std::string header_only = csv("header-only.csv", "name,lat,lon\n");
    const std::string unclosed = csv("unclosed.csv", "name,lat,lon\n\"A,42.5078,1.5211\n");
    const std::string bad_json = csv("bad.geojson", "{\"type\": \"FeatureCollection\", \"features\": [");
    const std::string single = csv("single.geojson",
                                   R"({"type":"Feature","geometry":{"type":"Point","coordinates":[1.5211,42.5078]}})");
    const std::string line = csv("line.geojson", R"({"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1.52,42.50],[1.53,42.51]]},"properties":{}}]})");
    const std::string no_features = csv("none.geojson", R"({"type":"FeatureCollection","features":[]})");
    const std::string wrong_ext = csv("stations.txt", "name,lat,lon\nA,42.5078,1.5211\n");
    fs::create_directory(in.path() / "folder.csv");

    std::vector<BadRun> cases;
    for (const std::string option : {"--stations", "--places"}) {
        const std::vector<BadRun> per_option = {
            {"a missing file", {option, in.file("missing.csv")}, Kind::input, {in.file("missing.csv"), "cannot read"}},
            {"a directory", {option, in.file("folder.csv")}, Kind::input, {in.file("folder.csv"), "directory"}},
            {"a header without lon", {option, no_lon}, Kind::input, {no_lon + ":1:", "lon"}},
            {"a row with too few columns", {option, short_row}, Kind::input, {short_row + ":3:", "fields"}},
            {"a latitude that is a word", {option, word_lat}, Kind::input, {word_lat + ":2:", "'north'"}},
            {"a latitude NaN", {option, nan_lat}, Kind::input, {nan_lat + ":2:", "NaN"}},
            {"latitude 91", {option, lat_91}, Kind::input, {lat_91 + ":2:", "91"}},
            {"longitude -181", {option, lon_181}, Kind::input, {lon_181 + ":2:", "-181"}},
            {"an empty file", {option, empty}, Kind::input, {empty, "empty"}},
            {"a header and no rows", {option, header_only}, Kind::input, {header_only}},
            {"a quote never closed", {option, unclosed}, Kind::input, {unclosed + ":2:", "quote"}},
            {"invalid JSON", {option, bad_json}, Kind::input, {bad_json, "invalid JSON"}},
            {"a single Feature, not a FeatureCollection", {option, single}, Kind::input, {single, "FeatureCollection"}},
            {"a LineString feature", {option, line}, Kind::input, {line, "feature 0", "Point"}},
            {"a FeatureCollection without features", {option, no_features}, Kind::input, {no_features}},
            {"an unknown extension", {option, wrong_ext}, Kind::input, {wrong_ext, ".txt"}},
        };
        for (auto bad : per_option) {
            bad.story = option + " " + bad.story;
            cases.push_back(bad);
        }
    }
    for (const auto& bad : cases) {
        DYNAMIC_SECTION(bad.story) {
            check_bad_coverage_run(bad);
            // A broken file is found before the map is read.
            const TempDir out_dir;
            std::vector<std::string> args = {"coverage"};
            args.insert(args.end(), bad.args.begin(), bad.args.end());
            const CommandResult r = run_ems120(args);
            INFO(describe(r));
            CHECK_FALSE(contains(r.err, "ems120: loaded "));
        }
    }
}

TEST_CASE("a planner whose station or place lies far outside the map is told which row, after the map is read") {
    const TempDir in;
    const std::string far_station = in.write("far-stations.csv", "name,lat,lon\nNear,42.5078,1.5211\nGulf of Guinea,10,10\n");
    const std::string far_place = in.write("far-places.csv", "name,lat,lon\nNear,42.5078,1.5211\nSwapped,1.5165,42.5446\n");
    const std::string far_station_geojson = in.write(
        "far-stations.geojson",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[10,10]},"properties":{"name":"Sahel"}}]})");
    const std::vector<BadRun> cases = {
        {"a station at 10,10", {"--stations", far_station}, Kind::input, {"far-stations.csv:3", "Gulf of Guinea"}},
        {"a station at 10,10 in GeoJSON", {"--stations", far_station_geojson}, Kind::input,
         {"far-stations.geojson", "feature 0", "Sahel"}},
        {"a place with lat and lon swapped", {"--places", far_place}, Kind::input,
         {"far-places.csv:3", "Swapped", "outside the map"}},
    };
    for (const auto& bad : cases) {
        DYNAMIC_SECTION(bad.story) { check_bad_coverage_run(bad); }
    }
}

// ---- flags -----------------------------------------------------------------------------------

TEST_CASE("a planner who mistypes a coverage flag gets one line naming the flag and exit code 2") {
    const std::vector<BadRun> cases = {
        {"an unknown option", {"--radius", "15"}, Kind::usage, {"--radius"}},
        {"a stray argument", {"andorra.osm.pbf"}, Kind::usage, {"andorra.osm.pbf"}},
        {"an option without its value", {"--minutes"}, Kind::usage, {"--minutes"}},
        {"an option given twice", {"--minutes", "10", "--minutes", "20"}, Kind::usage, {"--minutes", "twice"}},
        {"--out given twice", {"--out", "again.csv"}, Kind::usage, {"--out", "twice"}},
        {"--minutes -5", {"--minutes", "-5"}, Kind::usage, {"--minutes", "-5"}},
        {"--minutes 0", {"--minutes", "0"}, Kind::usage, {"--minutes", "0"}},
        {"--minutes 100000", {"--minutes", "100000"}, Kind::usage, {"--minutes", "100000"}},
        {"--minutes abc", {"--minutes", "abc"}, Kind::usage, {"--minutes", "abc"}},
        {"--minutes nan", {"--minutes", "nan"}, Kind::usage, {"--minutes", "nan"}},
        {"--minutes inf", {"--minutes", "inf"}, Kind::usage, {"--minutes", "inf"}},
        {"--minutes with an empty value", {"--minutes="}, Kind::usage, {"--minutes"}},
        {"--min-component 0", {"--min-component", "0"}, Kind::usage, {"--min-component", "0"}},
        {"--min-component 2.5", {"--min-component", "2.5"}, Kind::usage, {"--min-component", "2.5"}},
        {"--max-snap-m -1", {"--max-snap-m", "-1"}, Kind::usage, {"--max-snap-m", "-1"}},
        {"--help with a value", {"--help=yes"}, Kind::usage, {"--help"}},
    };
    for (const auto& bad : cases) {
        DYNAMIC_SECTION(bad.story) { check_bad_coverage_run(bad); }
    }
}

TEST_CASE("a planner asking for a report.txt is told which --out extensions exist, before anything is written") {
    const TempDir out_dir;
    const std::string path = out_dir.file("report.txt");
    const CommandResult r = run_ems120({"coverage", "--out", path});
    expect_usage_error(r, {"--out", path, ".geojson", ".csv"});
    CHECK(entries_of(out_dir.path()).empty());
}

TEST_CASE("a planner whose --out directory does not exist gets an error and no file anywhere") {
    const TempDir out_dir;
    const std::string path = out_dir.file("no-such-dir/x.geojson");
    const CommandResult r = run_ems120({"coverage", "--out", path});
    expect_input_error(r, {path, "cannot write"});
    CHECK(entries_of(out_dir.path()).empty());

    if (!fs::exists("/nonexistent-dir")) {
        const CommandResult root = run_ems120({"coverage", "--out", "/nonexistent-dir/x.geojson"});
        expect_input_error(root, {"/nonexistent-dir/x.geojson", "cannot write"});
        CHECK_FALSE(fs::exists("/nonexistent-dir"));
    }
}

TEST_CASE("a planner whose --out names an existing directory gets an error and no temporary file left beside it") {
    const TempDir out_dir;
    fs::create_directory(out_dir.path() / "taken.geojson");
    const CommandResult r = run_ems120({"coverage", "--out", out_dir.file("taken.geojson")});
    expect_input_error(r, {out_dir.file("taken.geojson"), "cannot write"});
    CHECK(entries_of(out_dir.path()) == std::set<std::string>{"taken.geojson"});
    CHECK(fs::is_directory(out_dir.path() / "taken.geojson"));
    CHECK(entries_of(out_dir.path() / "taken.geojson").empty());
}

// ---- route -----------------------------------------------------------------------------------

TEST_CASE("a dispatcher who gives route a wrong point gets one line naming it") {
    struct BadRoute {
        std::string story;
        std::vector<std::string> args;
        Kind kind;
        std::vector<std::string> mentions;
    };
    const std::vector<BadRoute> cases = {
        {"no --to", {"--from", kAndorraLaVella}, Kind::usage, {"--to"}},
        {"no --from", {"--to", kOrdinoRoad}, Kind::usage, {"--from"}},
        {"latitude 95", {"--from", "95,1", "--to", kOrdinoRoad}, Kind::usage, {"--from", "95,1"}},
        {"longitude 181", {"--from", kAndorraLaVella, "--to", "42.5,181"}, Kind::usage, {"--to", "42.5,181"}},
        {"a latitude without longitude", {"--from", "42.5", "--to", kOrdinoRoad}, Kind::usage, {"--from", "42.5"}},
        {"nan,1", {"--from", "nan,1", "--to", kOrdinoRoad}, Kind::usage, {"--from", "nan,1"}},
        {"three numbers", {"--from", "42.5,1.5,3", "--to", kOrdinoRoad}, Kind::usage, {"--from", "42.5,1.5,3"}},
        {"an empty point", {"--from=", "--to", kOrdinoRoad}, Kind::usage, {"--from"}},
        {"--from given twice", {"--from", kAndorraLaVella, "--from", kAndorraLaVella, "--to", kOrdinoRoad},
         Kind::usage, {"--from", "twice"}},
        {"an unknown option", {"--via", kAndorraLaVella}, Kind::usage, {"--via"}},
        {"a start 50 km from any Andorran road", {"--from", "41.95,1.5", "--to", kOrdinoRoad}, Kind::input,
         {"--from", "41.950000,1.500000", "no road within 2000 m"}},
        {"a destination 50 km from any Andorran road", {"--from", kAndorraLaVella, "--to", "42.5,0.8"}, Kind::input,
         {"--to", "42.500000,0.800000", "no road within 2000 m"}},
        {"a missing map", {"--map", "/nonexistent-dir/x.osm.pbf", "--from", kAndorraLaVella, "--to", kOrdinoRoad},
         Kind::input, {"/nonexistent-dir/x.osm.pbf"}},
        {"--max-snap-m 0", {"--max-snap-m", "0", "--from", kAndorraLaVella, "--to", kOrdinoRoad}, Kind::usage,
         {"--max-snap-m"}},
    };
    for (const auto& bad : cases) {
        DYNAMIC_SECTION(bad.story) {
            std::vector<std::string> args = {"route"};
            args.insert(args.end(), bad.args.begin(), bad.args.end());
            const CommandResult r = run_ems120(args);
            if (bad.kind == Kind::usage) expect_usage_error(r, bad.mentions);
            else expect_input_error(r, bad.mentions);
        }
    }
}

TEST_CASE("a user who types an unknown subcommand gets one line naming it and exit code 2") {
    const CommandResult r = run_ems120({"covrage", "--minutes", "10"});
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    check_no_crash_text(r.err);
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == 1);
    CHECK(contains(lines[0], "'covrage'"));
    CHECK(r.out.empty());
}

// ---- no partial output -----------------------------------------------------------------------

TEST_CASE("a planner's earlier report survives a failed run that would have overwritten it") {
    const TempDir in;
    const std::string far_station = in.write("far.csv", "name,lat,lon\nGulf of Guinea,10,10\n");
    const std::string bad_row = in.write("bad.csv", "name,lat,lon\nA,91,1.5\n");
    const std::string earlier = "{\"type\":\"FeatureCollection\",\"features\":[],\"note\":\"yesterday's report\"}\n";

    const std::vector<BadRun> cases = {
        {"a flag error", {"--minutes", "0"}, Kind::usage, {"--minutes"}},
        {"a broken stations file", {"--stations", bad_row}, Kind::input, {"bad.csv:2"}},
        {"a missing map", {"--map", in.file("missing.osm.pbf")}, Kind::input, {"missing.osm.pbf"}},
        {"a station outside the map, found after the map is read", {"--stations", far_station}, Kind::input,
         {"far.csv:2"}},
        {"a map without stations", {"--map", shared_map("north-bayreuth")}, Kind::input, {"--stations"}},
    };
    for (const auto& bad : cases) {
        for (const char* name : {"report.geojson", "report.csv"}) {
            DYNAMIC_SECTION(bad.story << " with --out " << name) {
                const TempDir out_dir;
                const std::string path = out_dir.write(name, earlier);
                std::vector<std::string> args = {"coverage"};
                args.insert(args.end(), bad.args.begin(), bad.args.end());
                args.insert(args.end(), {"--out", path});
                const CommandResult r = run_ems120(args);
                if (bad.kind == Kind::usage) expect_usage_error(r, bad.mentions);
                else expect_input_error(r, bad.mentions);
                CHECK(slurp(path) == earlier);
                CHECK(entries_of(out_dir.path()) == std::set<std::string>{name});
            }
        }
    }
}

TEST_CASE("a planner re-running a successful report gets the old file replaced whole") {
    const TempDir out_dir;
    const std::string path = out_dir.write("report.csv", "old,content\n");
    const CommandResult r = run_ems120({"coverage", "--out", path});
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    const std::string content = slurp(path);
    CHECK(content.rfind("osm_id,name,", 0) == 0);
    CHECK_FALSE(contains(content, "old,content"));
    CHECK(lines_of(content).size() == 60);
    CHECK(entries_of(out_dir.path()) == std::set<std::string>{"report.csv"});
}
