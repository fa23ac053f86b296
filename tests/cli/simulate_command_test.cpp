// `ems120 simulate` end to end on the bundled map: the side-by-side report, the JSON the report
// tool reads (same seed, same bytes), the per-call CSV, replayed calls, proposed sites, and one
// clear error for each class of bad input.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_support.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120::test;
using nlohmann::json;

namespace {

CommandResult simulate(std::vector<std::string> args) {
    args.insert(args.begin(), "simulate");
    return run_ems120(args);
}

std::string simulate_ok(std::vector<std::string> args) {
    const CommandResult r = simulate(std::move(args));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    check_no_crash_text(r.err);
    CHECK(error_lines(r.err).empty());
    return r.out;
}

constexpr const char* kFleet = "id,station,lat,lon,shift\n"
                               "A1,Andorra la Vella,42.5063,1.5218,\n"
                               "A2,Andorra la Vella,42.5063,1.5218,08:00-20:00\n"
                               "E1,Encamp,42.5347,1.5800,\n";

}  // namespace

TEST_CASE("simulate: a week on the bundled map, same seed same JSON bytes, another seed other results", "[simulation]") {
    TempDir dir;
    const std::string out = simulate_ok({"--days", "2", "--seed", "11", "--json", dir.file("a.json"), "--csv", dir.file("a.csv")});
    CHECK(contains(out, "current fleet, nearest unit"));
    CHECK(contains(out, "response median (min)"));
    CHECK(contains(out, "within 15 min"));
    simulate_ok({"--days", "2", "--seed", "11", "--json", dir.file("b.json")});
    simulate_ok({"--days", "2", "--seed", "12", "--json", dir.file("c.json")});
    CHECK(slurp(dir.file("a.json")) == slurp(dir.file("b.json")));
    CHECK(slurp(dir.file("a.json")) != slurp(dir.file("c.json")));

    const json doc = json::parse(slurp(dir.file("a.json")));
    CHECK(doc["map"] == "andorra.osm.pbf");
    CHECK(doc["days"] == 2);
    CHECK(doc["seed"] == 11);
    CHECK(doc["limit_min"] == 15.0);
    REQUIRE(doc["runs"].size() == 1);
    const json& run = doc["runs"][0];
    CHECK(run["policy"] == "nearest");
    CHECK(run["fleet"] == "current");
    CHECK(run["response_histogram_min"].size() == 61);
    int histogram = 0;
    for (const auto& n : run["response_histogram_min"]) histogram += n.get<int>();
    CHECK(histogram == run["reached"].get<int>());
    CHECK(run["calls"].get<int>() > 40);
    CHECK(run["within_limit_share"].get<double>() <= 1.0);
    for (const auto& u : run["per_unit"]) CHECK(u["utilisation"].get<double>() <= 1.0);
    for (const char* key : {"name", "units", "reached", "response_median_min", "response_p90_min",
                            "dispatched_within_3_min_share", "mean_utilisation", "queued_calls", "per_place"})
        CHECK(run.contains(key));

    const auto rows = parse_csv(slurp(dir.file("a.csv")));
    REQUIRE(rows.size() == run["calls"].get<std::size_t>() + 1);
    CHECK(rows[0] == std::vector<std::string>{"run", "call", "time", "lat", "lon", "priority", "unit", "dispatch_s", "response_s"});
}

TEST_CASE("simulate: both policies and the proposed sites run side by side on the same calls", "[simulation]") {
    TempDir dir;
    const std::string fleet = dir.write("fleet.csv", kFleet);
    const std::string sites = dir.write("sites.geojson", R"({"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[1.5218,42.5063]},"properties":{"role":"existing","name":"Andorra la Vella"}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[1.5976,42.5667]},"properties":{"role":"proposed","name":"Canillo"}}]})");
    const std::string out = simulate_ok({"--fleet", fleet, "--extra-stations", sites, "--policy", "both", "--days", "3",
                                         "--calls-per-day", "60", "--json", dir.file("r.json")});
    CHECK(contains(out, "with proposed sites, move-up"));
    const json doc = json::parse(slurp(dir.file("r.json")));
    REQUIRE(doc["runs"].size() == 4);
    const std::vector<std::pair<std::string, std::string>> expected{
        {"nearest", "current"}, {"move-up", "current"}, {"nearest", "with proposed sites"}, {"move-up", "with proposed sites"}};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(doc["runs"][i]["policy"] == expected[i].first);
        CHECK(doc["runs"][i]["fleet"] == expected[i].second);
        CHECK(doc["runs"][i]["calls"] == doc["runs"][0]["calls"]);
    }
    CHECK(doc["runs"][0]["units"] == 3);
    CHECK(doc["runs"][2]["units"] == 4);
    CHECK(doc["runs"][2]["per_unit"][3]["station"] == "Canillo");
}

TEST_CASE("simulate: last year's calls replayed from a CSV", "[simulation]") {
    TempDir dir;
    const std::string calls = dir.write("calls.csv", "time,lat,lon,priority\n"
                                                     "2024-05-01T08:30:00+01:00,42.5097,1.5386,critical\n"
                                                     "2024-05-01T08:40:00+01:00,42.4636,1.4914,3\n"
                                                     "1714560000,42.5347,1.5800,non_urgent\n");
    const std::string out = simulate_ok({"--calls", calls, "--fleet", dir.write("fleet.csv", kFleet), "--json", dir.file("r.json")});
    CHECK(contains(out, "3 calls replayed from"));
    const json doc = json::parse(slurp(dir.file("r.json")));
    CHECK(doc["days"] == 1);
    CHECK(doc["runs"][0]["calls"] == 3);
    CHECK(doc["runs"][0]["reached"] == 3);
}

TEST_CASE("simulate: each class of bad input is one error line and a non-zero exit, with no output file", "[simulation]") {
    TempDir dir;
    const std::string json_out = dir.file("never.json");
    expect_usage_error(simulate({"--days", "0", "--json", json_out}), {"--days 0"});
    expect_usage_error(simulate({"--priority-mix", "10,20,30", "--json", json_out}), {"--priority-mix", "four numbers"});
    expect_usage_error(simulate({"--priority-mix", "0,0,0,0"}), {"all zero"});
    expect_usage_error(simulate({"--policy", "fastest"}), {"--policy", "fastest"});
    expect_usage_error(simulate({"--calls", "x.csv", "--days", "3"}), {"--days is for generated calls"});
    expect_input_error(simulate({"--fleet", dir.write("empty.csv", "id,station,lat,lon\n"), "--json", json_out}),
                       {"empty.csv", "the fleet is empty"});
    expect_input_error(simulate({"--fleet", dir.write("bad.csv", "id,station,lat,lon\nA1,X,42.5,east\n")}), {"bad.csv:2", "longitude"});
    expect_input_error(simulate({"--fleet", dir.write("far.csv", "id,station,lat,lon\nA1,Centre,42.5063,1.5218\nB1,Barcelona,41.3874,2.1686\n"),
                                 "--json", json_out}),
                       {"far.csv:3", "B1", "outside the map?"});
    expect_input_error(simulate({"--calls", dir.write("calls.csv", "time,lat,lon,priority\n1714552200,42.5,1.5,critical\nsoon,42.5,1.5,urgent\n")}),
                       {"calls.csv:3", "time 'soon'"});
    expect_input_error(simulate({"--calls", dir.write("swapped.csv", "time,lat,lon,priority\n1714552200,42.5097,1.5386,critical\n1714552300,1.5386,42.5097,urgent\n")}),
                       {"swapped.csv:3", "from the nearest road", "swapped?"});
    expect_input_error(simulate({"--times", dir.write("times.json", R"({"on_scene_s": {"dist": "lognormal", "median": 600}})")}),
                       {"times.json", "on_scene_s", "\"p90\" is missing"});
    expect_input_error(simulate({"--daily-pattern", dir.write("pattern.txt", "1 2 3")}), {"pattern.txt", "24 numbers"});
    expect_input_error(simulate({"--extra-stations", dir.write("sites.csv", "role,name,lat,lon\nexisting,A,42.5,1.5\n")}),
                       {"sites.csv", "proposed"});
    CHECK_FALSE(std::filesystem::exists(json_out));
}
