// `ems120 plan sites` end to end: the real binary on the bundled Andorra map and on tiny inline
// maps, its report, the GeoJSON and CSV it writes, and every class of bad input.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_support.hpp"
#include "tests/maps/osm_fixture.hpp"

using namespace ems120::test;
using nlohmann::json;

namespace {

CommandResult plan_sites(std::vector<std::string> args) {
    args.insert(args.begin(), {"plan", "sites"});
    return run_ems120(args, 300);
}

std::string plan_sites_ok(std::vector<std::string> args) {
    const CommandResult r = plan_sites(std::move(args));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    check_no_crash_text(r.err);
    CHECK(error_lines(r.err).empty());
    return r.out;
}

// "  places   52 of 59 (88.1%)    57 of 59 (96.6%)" -> {52, 57}
std::pair<int, int> covered_places(const std::string& out) {
    const std::regex line(R"(\n  places +(\d+) of \d+ \(\S+\) +(\d+) of \d+ \()");
    std::smatch m;
    if (!std::regex_search(out, m, line)) return {-1, -1};
    return {std::stoi(m[1]), std::stoi(m[2])};
}

// A road of 8 nodes 111 m apart on the equator: a hospital (standing in as the station) at the
// west end, a clinic in the middle, villages in the middle and at the east end.
std::string equator_line_map(const TempDir& dir) {
    std::string body = equator_node(1, 0, tag("amenity", "hospital") + tag("name", "West Hospital"));
    for (int i = 2; i <= 8; ++i) {
        std::string tags;
        if (i == 4) tags = tag("amenity", "clinic") + tag("name", "Middle Clinic");
        if (i == 5) tags = tag("place", "village") + tag("name", "Middleton");
        if (i == 8) tags = tag("place", "village") + tag("name", "Eastend");
        body += equator_node(i, i - 1, tags);
    }
    body += way(100, {1, 2, 3, 4, 5, 6, 7, 8}, tag("highway", "primary"));
    return dir.write("line.osm", osm_xml(body));
}

// Runs plan sites with --out DIR/sites.geojson, expecting a failure, and checks DIR stays empty.
void check_bad_run(const std::vector<std::string>& args, bool usage, const std::vector<std::string>& mentions) {
    const TempDir out_dir;
    std::vector<std::string> all = {"--out", out_dir.file("sites.geojson")};
    all.insert(all.end(), args.begin(), args.end());
    const CommandResult r = plan_sites(all);
    if (usage) expect_usage_error(r, mentions);
    else expect_input_error(r, mentions);
    CHECK(entries_of(out_dir.path()).empty());
}

}  // namespace

TEST_CASE("a planner adds two substations in Andorra, sees coverage improve and gets a GeoJSON to map", "[siting]") {
    const TempDir dir;
    const std::string out_path = dir.file("sites.geojson");
    const std::string out = plan_sites_ok({"--add", "2", "--candidates", "grid:3000", "--out", out_path});
    INFO(out);
    CHECK(contains(out, "Siting: maximal covering (mclp), 2 new sites, within 15 minutes"));
    CHECK(contains(out, "\nProposed sites: 2\n"));
    CHECK(contains(out, "hospitals standing in as stations"));
    const auto [before, after] = covered_places(out);
    REQUIRE(before >= 0);
    CHECK(after > before);
    CHECK(std::regex_search(out, std::regex(R"(\nBound: \d+ \((MIP optimum \(proven\)|MIP best bound|LP relaxation))")));
    CHECK(std::regex_search(out, std::regex(R"(\nGap of the heuristic: \d+\.\d\d%)")));

    json doc;
    REQUIRE_NOTHROW(doc = json::parse(slurp(out_path)));
    CHECK(doc["type"] == "FeatureCollection");
    int existing = 0, proposed = 0, places = 0, covered_before = 0, covered_after = 0;
    for (const auto& f : doc["features"]) {
        INFO(f.dump());
        REQUIRE(f["geometry"]["type"] == "Point");
        const auto& p = f["properties"];
        const std::string role = p["role"];
        CHECK(p["name"].is_string());
        if (role == "existing" || role == "proposed") {
            CHECK(p["kind"].is_string());
            CHECK(p["places_gained"].is_number_unsigned());
            (role == "existing" ? existing : proposed) += 1;
            if (role == "existing") CHECK(p["places_gained"] == 0);
            continue;
        }
        REQUIRE(role == "place");
        ++places;
        for (const char* key : {"minutes_before", "minutes_after"}) {
            REQUIRE(p.contains(key));
            CHECK((p[key].is_number() || p[key].is_null()));
        }
        REQUIRE(p["covered_before"].is_boolean());
        REQUIRE(p["covered_after"].is_boolean());
        covered_before += p["covered_before"] == true;
        covered_after += p["covered_after"] == true;
        if (p["covered_before"] == true) CHECK(p["covered_after"] == true);
        // Covered means within the limit by the drive time (minutes rounded to 0.01).
        if (p["minutes_after"].is_number()) {
            const double m = p["minutes_after"];
            if (m < 15.0 - 0.01) CHECK(p["covered_after"] == true);
            if (m > 15.0 + 0.01) CHECK(p["covered_after"] == false);
            if (p["minutes_before"].is_number()) CHECK(m <= p["minutes_before"].get<double>() + 1e-9);
        } else {
            CHECK(p["covered_after"] == false);
        }
    }
    CHECK(existing == 7);
    CHECK(proposed == 2);
    CHECK(places == 59);
    CHECK(covered_before == before);
    CHECK(covered_after == after);
}

TEST_CASE("a planner gets the proposed sites as CSV rows", "[siting]") {
    const TempDir dir;
    const std::string out_path = dir.file("sites.csv");
    plan_sites_ok({"--add", "3", "--candidates", "grid:3000", "--out", out_path});
    const auto rows = parse_csv(slurp(out_path));
    REQUIRE(rows.size() == 1 + 7 + 3);
    CHECK(rows[0] == std::vector<std::string>{"role", "name", "kind", "lat", "lon", "places_gained", "units"});
    int proposed = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        REQUIRE(rows[i].size() == 7);
        CHECK((rows[i][0] == "existing" || rows[i][0] == "proposed"));
        proposed += rows[i][0] == "proposed";
        CHECK(std::stod(rows[i][3]) > 42.0);
    }
    CHECK(proposed == 3);
}

TEST_CASE("a planner asks for the fewest sites covering every reachable Andorran village", "[siting]") {
    const std::string out = plan_sites_ok({"--model", "lscp", "--candidates", "grid:3000"});
    INFO(out);
    CHECK(std::regex_search(out, std::regex(R"(\nSites needed: \d+ new to cover all \d+ places)")));
    CHECK(contains(out, "\nStill uncovered: 0 places"));
    CHECK(contains(out, "Unreachable within the limit by any candidate: "));
}

TEST_CASE("a planner adds two ambulances where a busy one leaves villages exposed (mexclp)", "[siting]") {
    const std::string out =
        plan_sites_ok({"--model", "mexclp", "--add", "2", "--busy-probability", "0.4", "--candidates", "grid:3000"});
    INFO(out);
    CHECK(contains(out, "maximal expected covering (mexclp), 2 more units, busy probability 0.40"));
    CHECK(contains(out, "  expected weight"));
}

TEST_CASE("on a tiny map the middle clinic is chosen and the far village becomes covered", "[siting]") {
    const TempDir dir;
    const std::string map = equator_line_map(dir);
    // 2 minutes reach about 3 nodes at primary speed: the hospital misses Eastend, the clinic reaches it.
    const std::string out = plan_sites_ok({"--map", map, "--min-component", "1", "--no-cache", "--add", "1", "--minutes", "0.5"});
    INFO(out);
    CHECK(contains(out, "Middle Clinic"));
    CHECK(contains(out, "\nProposed sites: 1\n"));
}

// ---- bad input ----------------------------------------------------------------------------------

TEST_CASE("a planner who mistypes a plan sites option gets one line naming it and exit code 2", "[siting]") {
    check_bad_run({"--add", "0"}, true, {"--add", "0"});
    check_bad_run({"--add", "two"}, true, {"--add", "two"});
    check_bad_run({}, true, {"--add K is required"});
    check_bad_run({"--model", "pmedian", "--add", "1"}, true, {"--model", "pmedian", "mclp, lscp or mexclp"});
    check_bad_run({"--model", "lscp", "--add", "2"}, true, {"--add does not apply to --model lscp"});
    check_bad_run({"--add", "1", "--busy-probability", "0.3"}, true, {"--busy-probability", "mexclp"});
    check_bad_run({"--model", "mexclp", "--add", "1", "--busy-probability", "1"}, true, {"--busy-probability"});
    check_bad_run({"--add", "1", "--minutes", "0"}, true, {"--minutes"});
    check_bad_run({"--add", "1", "--minutes", "abc"}, true, {"--minutes", "not a number"});
    check_bad_run({"--add", "1", "--exact", "sometimes"}, true, {"--exact", "auto, always or never"});
    check_bad_run({"--add", "1", "--time-limit", "-1"}, true, {"--time-limit"});
    check_bad_run({"--add", "1", "--candidates", "grid:abc"}, true, {"grid", "abc"});
    check_bad_run({"--add", "1", "--candidates", "grid:5"}, true, {"grid", "5"});
    check_bad_run({"--add", "1", "--relocate=yes"}, true, {"--relocate"});

    const CommandResult unknown_tool = run_ems120({"plan", "layout"});
    expect_usage_error(unknown_tool, {"unknown tool 'layout'", "plan --help"});
    const CommandResult no_tool = run_ems120({"plan"});
    expect_usage_error(no_tool, {"which tool"});
}

TEST_CASE("a planner asking for more sites than there are candidates is told both numbers", "[siting]") {
    const TempDir dir;
    const std::string candidates = dir.write("candidates.csv", "name,lat,lon\nA,42.5078,1.5211\nB,42.5446,1.5165\n");
    check_bad_run({"--add", "3", "--candidates", candidates}, false, {"--add 3 but only 2 candidate sites"});
}

TEST_CASE("a planner whose candidate row lies off the roads is told the row and the distance", "[siting]") {
    const TempDir dir;
    // Row 3 is in the Mediterranean, far from any Andorran road.
    const std::string candidates =
        dir.write("candidates.csv", "name,lat,lon\nCentre,42.5078,1.5211\nSea,41.0,3.0\nOrdino road,42.5446,1.5165\n");
    check_bad_run({"--add", "1", "--candidates", candidates}, false,
                  {"candidates.csv row 3", "'Sea'", "m from the nearest road (limit 2000 m)"});
}

TEST_CASE("a planner with a malformed or empty candidate file gets one line naming the file", "[siting]") {
    const TempDir dir;
    const std::string bad_lat = dir.write("bad.csv", "name,lat,lon\nA,42.5,1.52\nB,north,1.5\n");
    check_bad_run({"--add", "1", "--candidates", bad_lat}, false, {"bad.csv", "3", "latitude"});
    const std::string empty = dir.write("empty.csv", "name,lat,lon\n");
    check_bad_run({"--add", "1", "--candidates", empty}, false, {"empty.csv"});
    check_bad_run({"--add", "1", "--candidates", dir.file("missing.csv")}, false, {"missing.csv"});
}

TEST_CASE("a planner whose map has no clinics is told to give candidates another way", "[siting]") {
    const TempDir dir;
    // The only health facility is the hospital that stands in as the station.
    std::string body = equator_node(1, 0, tag("amenity", "hospital")) + equator_node(2, 1) +
                       equator_node(3, 2, tag("place", "village") + tag("name", "Zero"));
    body += way(100, {1, 2, 3}, tag("highway", "primary"));
    const std::string map = dir.write("bare.osm", osm_xml(body));
    check_bad_run({"--map", map, "--min-component", "1", "--no-cache", "--add", "1"}, false,
                  {"no usable clinics", "--candidates grid"});
}

TEST_CASE("a planner whose places file lies outside the map is told the row", "[siting]") {
    const TempDir dir;
    const std::string places = dir.write("villages.csv", "name,lat,lon\nEncamp,42.5347,1.5801\nSwapped,1.5211,42.5078\n");
    check_bad_run({"--add", "1", "--places", places, "--candidates", "grid:3000"}, false,
                  {"villages.csv:3", "'Swapped'", "outside the map"});
}

TEST_CASE("a planner who asks for help gets the plan sites options and exit code 0", "[siting]") {
    const CommandResult r = run_ems120({"plan", "sites", "--help"});
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    for (const char* option : {"--add K", "--model M", "--candidates SPEC", "--relocate", "--busy-probability Q",
                               "--exact MODE", "--time-limit S", "--out FILE", "docs/planning.md"})
        CHECK(contains(r.out, option));
    // Continuation lines of an option's help stay in its column.
    CHECK(contains(r.out, "\n                          expected covered weight when each is busy"));
    const CommandResult tools = run_ems120({"plan", "--help"});
    CHECK(tools.exit_code == 0);
    CHECK(contains(tools.out, "sites"));
}

TEST_CASE("a planner who lets the existing stations move sees which are kept and which are given up", "[siting]") {
    const TempDir dir;
    const std::string out_path = dir.file("moved.geojson");
    const std::string out = plan_sites_ok({"--add", "1", "--relocate", "--candidates", "grid:3000", "--out", out_path});
    INFO(out);
    CHECK(contains(out, "existing stations may move"));
    json doc;
    REQUIRE_NOTHROW(doc = json::parse(slurp(out_path)));
    int kept = 0, given_up = 0, proposed = 0;
    for (const auto& f : doc["features"]) {
        const auto& p = f["properties"];
        if (p["role"] == "existing") {
            REQUIRE(p["kept"].is_boolean());
            (p["kept"] == true ? kept : given_up) += 1;
        }
        proposed += p["role"] == "proposed";
    }
    CHECK(kept + given_up == 7);
    CHECK(kept + proposed == 8);  // existing + K sites in all
    if (given_up > 0) CHECK(contains(out, "Existing stations given up: " + std::to_string(given_up)));
    else CHECK_FALSE(contains(out, "given up"));
}

TEST_CASE("a planner who wants no integer program gets the heuristic and is told the gap is unknown", "[siting]") {
    const std::string out = plan_sites_ok({"--add", "2", "--candidates", "grid:3000", "--exact", "never"});
    CHECK(contains(out, "Method: greedy + 1-swap\n"));
    CHECK(contains(out, "Bound: none (--exact never): the gap is unknown"));
    CHECK_FALSE(contains(out, "Exact (GLPK)"));
}

TEST_CASE("a planner's own candidates file names the proposed sites", "[siting]") {
    const TempDir dir;
    // Two clinics on Andorran roads; Pas de la Casa is far east, where the hospitals do not reach.
    const std::string candidates = dir.write(
        "candidates.csv", "name,lat,lon,kind\nClinica Pas de la Casa,42.5425,1.7339,clinic\nCentre Escaldes,42.5097,1.5383,clinic\n");
    const std::string out = plan_sites_ok({"--add", "1", "--candidates", candidates});
    INFO(out);
    CHECK(contains(out, "Candidate sites: 2 (" + candidates + ")"));
    CHECK(contains(out, "\nProposed sites: 1\n"));
    CHECK(std::regex_search(out, std::regex(R"(\n   1  clinic .*(Clinica Pas de la Casa|Centre Escaldes)\n)")));
}
