// `ems120 report` end to end: the file it writes, the numbers in it, and every class of bad input.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "tests/cli/cli_test_support.hpp"

using namespace ems120::test;

namespace {

std::string data_file(const std::string& name) { return std::string(EMS120_SOURCE_DIR) + "/tests/planning/data/" + name; }

std::vector<std::string> report_args(const std::string& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"report", "--map", bundled_map(), "--stations", data_file("report_stations.csv"), "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

// "<td>places within 15 min</td><td class="num">48 (81.4%)</td><td class="num">53 (89.8%)</td>" -> {48, 53}.
std::pair<int, int> before_after_within(const std::string& html) {
    const std::regex row(R"(<td>places within 15 min</td><td class="num">(\d+) \([^)]*\)</td><td class="num">(\d+) )");
    std::smatch m;
    if (!std::regex_search(html, m, row)) return {-1, -1};
    return {std::stoi(m[1]), std::stoi(m[2])};
}

void expect_nothing_written(const TempDir& dir, const std::set<std::string>& before) {
    INFO("the folder must hold what it held before: no report, no temporary file");
    CHECK(entries_of(dir.path()) == before);
}

}  // namespace

TEST_CASE("report: one self-contained HTML file with the coverage, the sites recomputed and the simulation",
          "[report]") {
    TempDir dir;
    const std::string out = dir.file("andorra.html");
    const CommandResult r = run_ems120(report_args(out, {"--sites", data_file("report_sites.geojson"), "--simulation",
                                                         data_file("report_simulation.json")}));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("Wrote " + out));
    const std::string html = slurp(out);
    CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
    CHECK(contains(html, "<meta charset=\"utf-8\">"));
    CHECK(contains(html, "Noto Sans CJK SC"));
    CHECK(contains(html, "\xC2\xA9 OpenStreetMap contributors"));
    // Self-contained: nothing fetched from anywhere, nothing run.
    for (const char* outside : {"http://", "https://", "<script", "src=", "<link", "@import", "url("}) {
        INFO("the report must not contain " << outside);
        CHECK_FALSE(contains(html, outside));
    }
    // Names from files are text, never markup.
    CHECK(contains(html, "Andorra la Vella &lt;b&gt;central&lt;/b&gt; &amp; &quot;main&quot; station"));
    CHECK_FALSE(contains(html, "<b>central"));
    CHECK(contains(html, "索尔德乌急救分站 Soldeu"));
    // The map names the proposed sites and the slowest places outside the limit.
    CHECK(contains(html, ">Ordino north</text>"));
    CHECK(contains(html, ">Grau Roig</text>"));
    // The simulation's runs side by side.
    CHECK(contains(html, "<th class=\"num\">today</th><th class=\"num\">with 2 proposed sites</th>"));
    CHECK(contains(html, "<td>median response</td><td class=\"num\">13.0 min</td><td class=\"num\">9.0 min</td>"));
    CHECK(contains(html, "<td>busiest ambulance</td><td class=\"num\">A0 (31.0%)</td><td class=\"num\">A0 (19.0%)</td>"));
    CHECK(contains(html, "<td>slowest place (median response)</td><td class=\"num\">Soldeu (17.5 min)</td>"));

    // Before: what `ems120 coverage` says for the same station; after: what it says with the
    // proposed sites added as stations (the file's places_gained are not trusted).
    const auto [before, after] = before_after_within(html);
    const CommandResult now = run_ems120({"coverage", "--map", bundled_map(), "--stations", data_file("report_stations.csv")});
    REQUIRE(now.exit_code == 0);
    CHECK(before == within_counts(now.out, "15").first);
    const std::string both = dir.write("both.csv", "name,lat,lon\nA,42.5078,1.5211\nSoldeu,42.5770,1.6660\nOrdino,42.6000,1.5290\n");
    const CommandResult with_sites = run_ems120({"coverage", "--map", bundled_map(), "--stations", both});
    REQUIRE(with_sites.exit_code == 0);
    CHECK(after == within_counts(with_sites.out, "15").first);
    CHECK(after > before);
}

TEST_CASE("report: the worst places are listed slowest first, 30 of them and a count of the rest", "[report]") {
    TempDir dir;
    const std::string out = dir.file("r.html");
    const CommandResult r = run_ems120(report_args(out, {"--minutes", "5"}));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    const std::string html = slurp(out);
    const std::regex time_cell(R"(<td class="num">(\d+\.\d) min</td><td>)");
    std::vector<double> times;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), time_cell); it != std::sregex_iterator(); ++it)
        times.push_back(std::stod((*it)[1]));
    REQUIRE(times.size() == 30);
    CHECK(std::is_sorted(times.rbegin(), times.rend()));
    CHECK(times.front() == Approx(23.0).margin(0.05));  // Grau Roig, as `ems120 coverage` reports it
    CHECK(contains(html, "and 29 more places, faster than these"));
}

TEST_CASE("report: --help names every option", "[report]") {
    const CommandResult r = run_ems120({"report", "--help"});
    REQUIRE(r.exit_code == 0);
    for (const char* option : {"--out", "--sites", "--simulation", "--title", "--minutes", "--stations", "--places", "--map"})
        CHECK(contains(r.out, option));
}

TEST_CASE("report: a wrong command line is one usage error and no file", "[report]") {
    TempDir dir;
    const auto before = entries_of(dir.path());
    SECTION("missing --out") { expect_usage_error(run_ems120({"report", "--map", bundled_map()}), {"--out", "required"}); }
    SECTION("--out not .html") { expect_usage_error(run_ems120(report_args(dir.file("r.pdf"))), {"--out", "r.pdf", ".html"}); }
    SECTION("--minutes not a number") { expect_usage_error(run_ems120(report_args(dir.file("r.html"), {"--minutes", "soon"})), {"minutes"}); }
    SECTION("--minutes absurd") { expect_usage_error(run_ems120(report_args(dir.file("r.html"), {"--minutes", "0"})), {"minutes"}); }
    SECTION("unknown option") { expect_usage_error(run_ems120(report_args(dir.file("r.html"), {"--colour", "red"})), {"--colour"}); }
    expect_nothing_written(dir, before);
}

TEST_CASE("report: bad files are one input error naming the file and field, and no report", "[report]") {
    TempDir dir;
    const std::string out = dir.file("r.html");
    const std::string sites_bad_json = dir.write("bad.geojson", "{\"type\": \"FeatureCollection\", \"features\": [");
    const std::string sites_bad_role = dir.write(
        "role.geojson", R"({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point",
        "coordinates": [1.6, 42.55]}, "properties": {"role": "maybe", "name": "X", "kind": "k", "places_gained": 1}}]})");
    const std::string site_outside = dir.write(
        "outside.geojson", R"({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point",
        "coordinates": [2.5, 41.0]}, "properties": {"role": "proposed", "name": "Far away", "kind": "k", "places_gained": 1}}]})");
    const std::string simulation_missing = dir.write("sim.json", R"({"map": "a", "days": 1, "seed": 1, "runs": []})");
    const auto before = entries_of(dir.path());

    SECTION("missing sites file") {
        expect_input_error(run_ems120(report_args(out, {"--sites", dir.file("none.geojson")})), {"none.geojson"});
    }
    SECTION("sites file not JSON") {
        expect_input_error(run_ems120(report_args(out, {"--sites", sites_bad_json})), {"bad.geojson", "invalid JSON"});
    }
    SECTION("sites file with an unknown role") {
        expect_input_error(run_ems120(report_args(out, {"--sites", sites_bad_role})),
                           {"role.geojson", "features[0].properties.role"});
    }
    SECTION("a proposed site outside the map") {
        expect_input_error(run_ems120(report_args(out, {"--sites", site_outside})), {"outside.geojson", "Far away", "no road within"});
    }
    SECTION("simulation file missing a field") {
        expect_input_error(run_ems120(report_args(out, {"--simulation", simulation_missing})), {"sim.json", "limit_min: missing"});
    }
    SECTION("stations file missing") {
        expect_input_error(run_ems120({"report", "--map", bundled_map(), "--stations", dir.file("none.csv"), "--out", out}),
                           {"none.csv"});
    }
    expect_nothing_written(dir, before);
}

TEST_CASE("report: an output folder that does not exist or cannot be written is an error before the map is read",
          "[report]") {
    TempDir dir;
    const std::string file = dir.write("plain-file", "x");
    SECTION("no such folder") {
        const CommandResult r = run_ems120(report_args(dir.file("missing/r.html")));
        expect_input_error(r, {"missing", "not an existing folder"});
        CHECK_FALSE(contains(r.err, "reading map"));
    }
    SECTION("a file where the folder should be") {
        expect_input_error(run_ems120(report_args(file + "/r.html")), {"plain-file", "not an existing folder"});
    }
    SECTION("a folder where the report should be") {
        std::filesystem::create_directory(dir.file("r.html"));
        expect_input_error(run_ems120(report_args(dir.file("r.html"))), {"r.html", "is a folder"});
    }
}

TEST_CASE("report: a failed run leaves an earlier report untouched", "[report]") {
    TempDir dir;
    const std::string out = dir.write("r.html", "<p>last week's report</p>");
    const CommandResult r = run_ems120(report_args(out, {"--simulation", dir.write("s.json", "[]")}));
    CHECK(r.exit_code == 1);
    CHECK(slurp(out) == "<p>last week's report</p>");
}

TEST_CASE("report: the Malta report stays small enough to mail", "[report][malta]") {
    TempDir dir;
    const std::string out = dir.file("malta.html");
    const CommandResult r = run_ems120({"report", "--map", shared_map("malta"), "--out", out}, 300);
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    const auto size = std::filesystem::file_size(out);
    INFO("malta report: " << size << " bytes");
    CHECK(size < 2 * 1024 * 1024);
    CHECK(contains(slurp(out), "<path class=\"road\""));
}

TEST_CASE("report: with the population of the places known, the share of people within the limit is shown",
          "[report]") {
    TempDir dir;
    const std::string out = dir.file("r.html");
    // Escaldes, next to the station, and Grau Roig, 23 minutes away (see the slowest-places test).
    const std::string places = dir.write("places.csv", "name,lat,lon,kind,population\n"
                                                       "埃斯卡尔德 Escaldes,42.5100,1.5380,town,1000\n"
                                                       "Grau Roig,42.53690,1.70179,village,250\n");
    const CommandResult r = run_ems120(report_args(out, {"--places", places}));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "1 of 2 places within 15.0 minutes (50.0%)"));
    const std::string html = slurp(out);
    CHECK(contains(html, "<div class=\"value\">80.0%</div><div class=\"label\">of the population within 15 min "
                         "(1,000 of 1,250; known for 2 of 2 places)</div>"));
    CHECK(contains(html, "埃斯卡尔德 Escaldes"));
}
