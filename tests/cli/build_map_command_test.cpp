// ems120 build-map and the graph cache, end to end: an .ems file gives the same answers as the
// OSM file it was built from; a stale cache is rebuilt; a bad .ems file is refused in one line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tests/cli/cli_test_support.hpp"
#include "tests/maps/osm_fixture.hpp"

using namespace ems120::test;
namespace fs = std::filesystem;

namespace {

// Builds the bundled map into `dir` and returns the .ems path.
std::string built_andorra(const TempDir& dir) {
    const std::string ems = dir.file("andorra.ems");
    const CommandResult r = run_ems120({"build-map", bundled_map(), "-o", ems});
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "wrote " + ems));
    CHECK(contains(r.out, "shortcut edges"));
    return ems;
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("a planner who builds the map once gets the same coverage report from the .ems file") {
    const TempDir dir;
    const std::string ems = built_andorra(dir);
    const CommandResult from_osm = run_ems120({"coverage", "--no-cache"});
    const CommandResult from_ems = run_ems120({"coverage", "--map", ems});
    INFO(describe(from_ems));
    REQUIRE(from_osm.exit_code == 0);
    REQUIRE(from_ems.exit_code == 0);
    CHECK(within_counts(from_ems.out, "15") == within_counts(from_osm.out, "15"));
    // Everything after the first line (which names the map file) is the same report.
    CHECK(from_ems.out.substr(from_ems.out.find('\n')) == from_osm.out.substr(from_osm.out.find('\n')));
}

TEST_CASE("a dispatcher routing on the .ems file gets the route the OSM file gives") {
    const TempDir dir;
    const std::string ems = built_andorra(dir);
    const CommandResult a = run_ems120({"route", "--map", ems, "--from", kAndorraLaVella, "--to", kOrdinoRoad});
    const CommandResult b = run_ems120({"route", "--no-cache", "--from", kAndorraLaVella, "--to", kOrdinoRoad});
    INFO(describe(a));
    REQUIRE(a.exit_code == 0);
    CHECK(lines_of(a.out).at(0) == lines_of(b.out).at(0));  // minutes
    CHECK(lines_of(a.out).at(1) == lines_of(b.out).at(1));  // km
}

TEST_CASE("the second run on an OSM file loads its graph from the cache, and a changed file is rebuilt") {
    const TempDir dir, cache;
    const std::string map = dir.write("town.osm", osm_xml(equator_node(1, 0, tag("amenity", "hospital")) + equator_node(2, 1) +
                                                          equator_node(3, 2, tag("place", "village") + tag("name", "Zero")) +
                                                          way(100, {1, 2, 3}, tag("highway", "primary"))));
    const std::vector<std::string> args = {"coverage", "--map", map, "--min-component", "2", "--cache-dir", cache.path().string()};
    const CommandResult first = run_ems120(args);
    INFO(describe(first));
    REQUIRE(first.exit_code == 0);
    CHECK(contains(first.err, "graph built and cached in " + cache.path().string()));
    const CommandResult second = run_ems120(args);
    REQUIRE(second.exit_code == 0);
    CHECK(contains(second.err, "graph from the cache"));
    CHECK(second.out == first.out);

    // The village moves to the end of a longer road: the cache must not answer for the old map.
    write_bytes(map, osm_xml(equator_node(1, 0, tag("amenity", "hospital")) + equator_node(2, 1) + equator_node(3, 2) +
                             equator_node(4, 3, tag("place", "village") + tag("name", "Zero")) +
                             way(100, {1, 2, 3, 4}, tag("highway", "primary"))));
    const CommandResult third = run_ems120(args);
    INFO(describe(third));
    REQUIRE(third.exit_code == 0);
    CHECK(contains(third.err, "graph built and cached"));
    CHECK(third.out != first.out);
}

TEST_CASE("a corrupt cache is noticed, rebuilt and replaced, and the answer is still right") {
    const TempDir cache;
    const std::vector<std::string> args = {"coverage", "--cache-dir", cache.path().string()};
    const CommandResult first = run_ems120(args);
    REQUIRE(first.exit_code == 0);
    std::string cached_path;
    for (const auto& e : fs::directory_iterator(cache.path())) cached_path = e.path().string();
    REQUIRE(cached_path.ends_with(".ems"));
    std::string bytes = slurp(cached_path);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x55);
    write_bytes(cached_path, bytes);

    const CommandResult second = run_ems120(args);
    INFO(describe(second));
    REQUIRE(second.exit_code == 0);
    CHECK(contains(second.err, "ems120: note: ignoring the cached graph"));
    CHECK(contains(second.err, "checksum"));
    CHECK(second.out == first.out);
    const CommandResult third = run_ems120(args);
    CHECK(contains(third.err, "graph from the cache"));
}

TEST_CASE("a planner handing over a broken .ems file gets one line saying what is wrong with it") {
    const TempDir dir;
    const std::string good = slurp(built_andorra(dir));
    struct Case {
        std::string story, bytes, mention;
    };
    std::string flipped = good;
    flipped[good.size() - 100] = static_cast<char>(flipped[good.size() - 100] ^ 1);
    std::string newer = good;
    newer[8] = 77;  // format version
    const std::vector<Case> cases = {
        {"truncated", good.substr(0, good.size() / 3), "truncated"},
        {"a flipped bit", flipped, "checksum"},
        {"a newer format version", newer, "format version 77"},
        {"not a graph at all", "hello, this is not a graph file\n", "not an ems120 map file"},
        {"empty", "", "too short"},
    };
    for (const auto& c : cases) {
        SECTION(c.story) {
            const std::string path = dir.write("bad.ems", c.bytes);
            expect_input_error(run_ems120({"coverage", "--map", path}), {path, c.mention});
            expect_input_error(run_ems120({"route", "--map", path, "--from", kAndorraLaVella, "--to", kOrdinoRoad}),
                               {path, c.mention});
        }
    }
}

TEST_CASE("a planner who gives --profile with an .ems file is told the profile was fixed when it was built") {
    const TempDir dir;
    const std::string ems = built_andorra(dir);
    const std::string profile = dir.write("slow.profile", "residential = 10\n");
    expect_usage_error(run_ems120({"coverage", "--map", ems, "--profile", profile}), {"--profile", "build-map"});
}

TEST_CASE("build-map refuses a missing input, a wrong output name and an unknown flag") {
    const TempDir dir;
    expect_usage_error(run_ems120({"build-map"}), {"OSM file"});
    expect_usage_error(run_ems120({"build-map", bundled_map(), "-o", dir.file("x.txt")}), {"x.txt", ".ems"});
    expect_usage_error(run_ems120({"build-map", bundled_map(), "--fast"}), {"--fast"});
    expect_usage_error(run_ems120({"build-map", bundled_map(), bundled_map()}), {"unexpected argument"});
    expect_input_error(run_ems120({"build-map", dir.file("missing.osm.pbf"), "-o", dir.file("x.ems")}),
                       {"missing.osm.pbf"});
    CHECK(entries_of(dir.path()).empty());
}

TEST_CASE("build-map --help shows the input file and -o") {
    const CommandResult r = run_ems120({"build-map", "--help"});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "usage: ems120 build-map FILE.osm.pbf"));
    CHECK(contains(r.out, "-o, --out FILE.ems"));
}
