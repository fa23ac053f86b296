// Each class of bad simulator input is refused with one message naming the file, line or value.
#include <catch2/catch.hpp>

#include "maps/input_error.hpp"
#include "planning/call_history.hpp"
#include "planning/call_model.hpp"
#include "planning/service_times.hpp"
#include "planning/simulation_fleet.hpp"
#include "tests/planning/simulation_test_support.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120;
using namespace ems120::planning;
using namespace ems120::test;
using Catch::Matchers::Contains;

TEST_CASE("a fleet file is read as CSV or JSON lines, with shifts", "[simulation]") {
    TempDir dir;
    const auto csv = read_fleet_file(dir.write("fleet.csv", "id,station,lat,lon,shift\nA1,Centre,42.5063,1.5218,\n"
                                                            "A2,Centre,42.5063,1.5218,08:00-20:00\nN1,North,42.5667,1.5976,20:00-08:00\n"));
    REQUIRE(csv.size() == 3);
    CHECK(csv[0].shift.all_day());
    CHECK(csv[1].shift.on_duty_at(8 * 3'600'000));
    CHECK_FALSE(csv[1].shift.on_duty_at(20 * 3'600'000));
    CHECK(csv[2].shift.on_duty_at(23 * 3'600'000));
    CHECK(csv[2].shift.on_duty_at(kDayMs + 3 * 3'600'000));
    CHECK(csv[2].shift.duty_within(0, kDayMs) == 12 * 3'600'000);
    const auto lines = read_fleet_file(dir.write("fleet.jsonl", "{\"id\":\"A1\",\"station\":\"Centre\",\"lat\":42.5063,\"lon\":1.5218}\n\n"
                                                                "{\"id\":\"A2\",\"lat\":42.5,\"lon\":1.5,\"shift\":\"07:00-19:00\"}\n"));
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].shift.minutes_per_day() == 12 * 60);
}

TEST_CASE("bad fleet files are refused naming the file and line", "[simulation]") {
    TempDir dir;
    auto refused = [&](const std::string& name, const std::string& content, const std::string& says) {
        const std::string path = dir.write(name, content);
        CHECK_THROWS_WITH(read_fleet_file(path), Contains(says));
    };
    refused("empty.csv", "id,station,lat,lon\n", "the fleet is empty");
    refused("columns.csv", "id,lat,lon\nA1,42.5,1.5\n", "columns.csv:1: header row lacks column(s) station (a header id,station,lat,lon[,shift] is required)");
    refused("lat.csv", "id,station,lat,lon\nA1,X,north,1.5\n", "lat.csv:2: ");
    refused("range.csv", "id,station,lat,lon\nA1,X,95,1.5\n", "latitude");
    refused("shift.csv", "id,station,lat,lon,shift\nA1,X,42.5,1.5,8-20\n", "shift '8-20' is not HH:MM-HH:MM");
    refused("same.csv", "id,station,lat,lon,shift\nA1,X,42.5,1.5,08:00-08:00\n", "starts when it ends");
    refused("twice.csv", "id,station,lat,lon\nA1,X,42.5,1.5\nA1,Y,42.5,1.5\n", "twice.csv:3: unit id 'A1' appears twice");
    refused("noid.csv", "id,station,lat,lon\n,X,42.5,1.5\n", "no id");
    refused("fields.csv", "id,station,lat,lon\nA1,X,42.5\n", "expected 4 fields");
    refused("bad.jsonl", "{\"id\":\"A1\",\"lat\":42.5,\"lon\":1.5}\n{not json\n", "bad.jsonl:2: not a JSON object");
    refused("nolat.jsonl", "{\"id\":\"A1\",\"lon\":1.5}\n", "\"lat\" must be a number");
    refused("fleet.txt", "id,station,lat,lon\n", "unknown fleet file type");
    CHECK_THROWS_WITH(read_fleet_file(dir.file("missing.csv")), Contains("missing.csv"));
}

TEST_CASE("a unit whose station is off the map is refused, naming it", "[simulation]") {
    const std::vector<FleetUnit> fleet{{"A1", "Centre", kAndorraLaVella, {}, "fleet.csv:2"},
                                       {"B1", "Barcelona", {41.3874, 2.1686}, {}, "fleet.csv:3"}};
    CHECK_THROWS_WITH(check_fleet_on_map(fleet, andorra().index, 500.0),
                      Contains("fleet.csv:3: unit B1's station 'Barcelona'") && Contains("outside the map?"));
    CHECK_NOTHROW(check_fleet_on_map(std::span(fleet).first(1), andorra().index, 500.0));
}

TEST_CASE("a call history is replayed from RFC 3339 or Unix times; bad rows name the line", "[simulation]") {
    TempDir dir;
    const auto history = read_call_history(dir.write("calls.csv", "time,lat,lon,priority,note\n"
                                                                  "2024-05-01T09:30:00+08:00,42.51,1.54,critical,x\n"
                                                                  "2024-05-01T08:15:00+08:00,42.50,1.52,3,\n"
                                                                  "2024-05-02T23:59:00+08:00,42.46,1.49,non_urgent,\n"));
    REQUIRE(history.calls.size() == 3);
    CHECK(history.calls[0].time_ms == (8 * 60 + 15) * 60'000);  // local midnight is the clock's 0
    CHECK(history.calls[0].priority == dispatch::CallPriority::urgent);
    CHECK(history.calls[1].time_ms == (9 * 60 + 30) * 60'000);
    CHECK(history.days == 2);
    const auto unix = read_call_history(dir.write("unix.csv", "time,lat,lon,priority\n1714552200,42.5,1.5,emergency\n"));
    CHECK(unix.calls[0].time_ms == (8 * 60 + 30) * 60'000);
    CHECK(unix.start_unix_ms == 1714521600000);

    auto refused = [&](const std::string& name, const std::string& content, const std::string& says) {
        CHECK_THROWS_WITH(read_call_history(dir.write(name, content)), Contains(says));
    };
    refused("header.csv", "when,lat,lon,priority\n1,42.5,1.5,critical\n", "header.csv:1: header row lacks column(s) time (a header time,lat,lon,priority is required)");
    refused("time.csv", "time,lat,lon,priority\n1714552200,42.5,1.5,critical\nyesterday,42.5,1.5,critical\n",
            "time.csv:3: time 'yesterday'");
    refused("zone.csv", "time,lat,lon,priority\n2024-05-01T08:30:00,42.5,1.5,critical\n", "zone.csv:2: time");
    refused("priority.csv", "time,lat,lon,priority\n1714552200,42.5,1.5,5\n", "priority '5' is not");
    refused("lat.csv", "time,lat,lon,priority\n1714552200,,1.5,urgent\n", "lat.csv:2: ");
    refused("none.csv", "time,lat,lon,priority\n", "no calls");
}

TEST_CASE("service times: defaults, a file of distributions, and bad files refused", "[simulation]") {
    TempDir dir;
    const ServiceTimes times = read_service_times(dir.write("times.json",
        R"({"turnout_s": 30, "on_scene_s": {"dist": "lognormal", "median": 600, "p90": 1200},
            "handover_s": {"dist": "exponential", "mean": 900}, "transport_share": 0.5})"));
    SimulationRandom random(1);
    CHECK(times.turnout.draw_ms(random) == 30'000);
    CHECK(times.transport_share == 0.5);
    // The lognormal's median and p90 come out of many draws.
    std::vector<std::int64_t> draws;
    for (int i = 0; i < 20'000; ++i) draws.push_back(times.on_scene.draw_ms(random));
    std::sort(draws.begin(), draws.end());
    CHECK(draws[10'000] == Approx(600'000).epsilon(0.03));
    CHECK(draws[18'000] == Approx(1'200'000).epsilon(0.03));

    auto refused = [&](const std::string& content, const std::string& says) {
        CHECK_THROWS_WITH(read_service_times(dir.write("bad.json", content)), Contains(says));
    };
    refused("{\"turnout\": 60}", "unknown key \"turnout\"");
    refused("{\"on_scene_s\": {\"dist\": \"lognormal\", \"median\": 600, \"p90\": 300}}", "\"p90\" must be at least the \"median\"");
    refused("{\"on_scene_s\": {\"dist\": \"gamma\", \"mean\": 600}}", "unknown \"dist\" \"gamma\"");
    refused("{\"handover_s\": {\"dist\": \"exponential\"}}", "\"mean\" is missing");
    refused("{\"turnout_s\": -5}", ">= 0");
    refused("{\"transport_share\": 1.5}", "transport_share must be a number from 0 to 1");
    refused("[1, 2]", "must be a JSON object");
    refused("{\"turnout_s\": ", "invalid JSON");
}

TEST_CASE("priority mix and daily pattern: accepted forms and refused ones", "[simulation]") {
    const PriorityMix mix = parse_priority_mix("10,30,40,20");
    CHECK(mix.shares[0] == Approx(0.1));
    CHECK(parse_priority_mix("0.25,0.25,0.25,0.25").shares[3] == Approx(0.25));
    CHECK_THROWS_WITH(parse_priority_mix("10,30,60"), Contains("expected four numbers"));
    CHECK_THROWS_WITH(parse_priority_mix("10,-30,40,20"), Contains("not a number >= 0"));
    CHECK_THROWS_WITH(parse_priority_mix("0,0,0,0"), Contains("all zero"));
    CHECK_THROWS_WITH(parse_priority_mix("a,b,c,d"), Contains("expected four numbers"));

    TempDir dir;
    const DailyPattern p = read_daily_pattern(dir.write("p.txt", "# hourly\n" + std::string("1,2,3,4,5,6,7,8,9,10,11,12\n13 14 15 16 17 18 19 20 21 22 23 24\n")));
    CHECK(p.factors[23] == 24);
    CHECK(read_daily_pattern("flat").factors[5] == 1.0);
    CHECK(read_daily_pattern("default").factors[4] < read_daily_pattern("default").factors[11]);
    CHECK_THROWS_WITH(read_daily_pattern(dir.write("short.txt", "1 2 3")), Contains("24 numbers") && Contains("found 3"));
    CHECK_THROWS_WITH(read_daily_pattern(dir.write("zero.txt", [] {
                          std::string zeros;
                          for (int h = 0; h < 24; ++h) zeros += "0\n";
                          return zeros;
                      }())),
                      Contains("all zero"));
    CHECK_THROWS_WITH(read_daily_pattern(dir.write("word.txt", "1 2 x")), Contains("'x' is not a number"));
}

TEST_CASE("proposed sites: only the features whose role is proposed; a plain CSV is all proposed", "[simulation]") {
    TempDir dir;
    const auto sites = read_proposed_sites(dir.write("sites.geojson", R"({"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[1.52,42.50]},"properties":{"role":"existing","name":"Old"}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[1.58,42.53]},"properties":{"role":"proposed","name":"New 1"}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[1.55,42.52]},"properties":{"role":"place","name":"Village"}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[1.49,42.46]},"properties":{"role":"proposed","name":"New 2"}}]})"));
    REQUIRE(sites.size() == 2);
    CHECK(sites[0].name == "New 1");
    CHECK(sites[1].name == "New 2");
    CHECK(read_proposed_sites(dir.write("sites.csv", "role,name,kind,lat,lon,places_gained\nexisting,A,station,42.5,1.5,0\nproposed,B,site,42.53,1.58,4\n")).size() == 1);
    CHECK(read_proposed_sites(dir.write("plain.csv", "name,lat,lon\nX,42.5,1.5\nY,42.6,1.6\n")).size() == 2);
    CHECK_THROWS_WITH(read_proposed_sites(dir.write("none.csv", "role,name,lat,lon\nexisting,A,42.5,1.5\n")), Contains("no site has the role \"proposed\""));
}
