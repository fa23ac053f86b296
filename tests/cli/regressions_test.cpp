// Regressions: each of these once failed (found by an end-to-end review of the CLI).
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/cli/cli_test_support.hpp"
#include "tests/maps/osm_fixture.hpp"

using namespace ems120::test;

namespace {

// Runs ems120 with stdout on /dev/full (every write fails with ENOSPC).
CommandResult run_into_full_disk(const std::vector<std::string>& args) {
    std::vector<std::string> sh = {"-c", "exec \"$0\" \"$@\" >/dev/full", EMS120_BIN};
    sh.insert(sh.end(), args.begin(), args.end());
    return run_command("/bin/sh", sh);
}

}  // namespace

TEST_CASE("a planner whose report cannot be written to stdout (disk full) is told so, not given exit 0",
          "[regression]") {
    REQUIRE(std::filesystem::exists("/dev/full"));
    const CommandResult coverage = run_into_full_disk({"coverage"});
    expect_input_error(coverage, {"stdout"});
    const CommandResult route = run_into_full_disk({"route", "--from", kAndorraLaVella, "--to", kOrdinoRoad});
    expect_input_error(route, {"stdout"});
}

TEST_CASE("a GIS analyst's coverage GeoJSON holds rounded numbers, not 4.6000000000000005", "[regression]") {
    const TempDir dir;
    const CommandResult r = run_ems120({"coverage", "--out", dir.file("c.geojson")});
    REQUIRE(r.exit_code == 0);
    const std::string text = slurp(dir.file("c.geojson"));
    // coordinates have 7 decimals, minutes 2, snap_m 1: never 8 or more
    std::smatch m;
    const bool noisy = std::regex_search(text, m, std::regex(R"([0-9]\.[0-9]{8,})"));
    INFO("first noisy number: " << (noisy ? m.str() : ""));
    CHECK_FALSE(noisy);
}

TEST_CASE("a village cut off from the hospital only by a one-way street is reported as a one-way problem",
          "[regression]") {
    // hospital (node 1) <- 2 <- village (node 3): the only road is one-way towards the hospital.
    const TempDir dir;
    const std::string map = dir.write(
        "oneway.osm", osm_xml(equator_node(1, 0, tag("amenity", "hospital")) + equator_node(2, 1) +
                              equator_node(3, 2, tag("place", "village") + tag("name", "Cut Off")) +
                              way(100, {3, 2, 1}, tag("highway", "primary") + tag("oneway", "yes"))));
    const CommandResult r = run_ems120({"coverage", "--map", map, "--min-component", "1"});
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "Cut Off: no road path from any station (one-way roads)"));
}

TEST_CASE("a user who mistypes the subcommand gets an error line like every other mistake", "[regression]") {
    const CommandResult r = run_ems120({"covrage"});
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(error_lines(r.err).size() == 1);
    CHECK_THAT(r.err, Catch::StartsWith("ems120: error: "));
}
