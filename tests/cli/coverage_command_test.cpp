// `ems120 coverage` end to end: the real binary on the bundled and shared maps, its text report,
// and the GeoJSON / CSV files written with --out.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/cli/cli_test_support.hpp"

using namespace ems120::test;
using nlohmann::json;

namespace {

const std::vector<std::string> kCsvColumns = {"osm_id", "name",   "name_zh",      "name_en",         "kind",
                                              "population", "lat", "lon",        "minutes", "within_limit",
                                              "nearest_station", "nearest_station_id", "snap_m", "reason"};

bool is_place_kind(const std::string& k) {
    return k == "city" || k == "town" || k == "village" || k == "hamlet" || k == "isolated_dwelling";
}

// Runs coverage, requiring success, and returns stdout.
std::string coverage_ok(std::vector<std::string> args, std::string* err = nullptr) {
    args.insert(args.begin(), "coverage");
    const CommandResult r = run_ems120(args);
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    check_no_crash_text(r.err);
    CHECK(error_lines(r.err).empty());
    if (err) *err = r.err;
    return r.out;
}

json read_json(const std::string& path) {
    const std::string text = slurp(path);
    INFO(path << ":\n" << text.substr(0, 2000));
    REQUIRE_FALSE(text.empty());
    json doc;
    REQUIRE_NOTHROW(doc = json::parse(text));
    return doc;
}

// Every feature of a coverage GeoJSON has the documented shape. Returns how many are within.
int check_coverage_features(const json& doc, double limit_minutes, bool osm_ids) {
    REQUIRE(doc.is_object());
    CHECK(doc.value("type", "") == "FeatureCollection");
    REQUIRE(doc.contains("features"));
    REQUIRE(doc["features"].is_array());
    int within = 0;
    std::set<std::string> ids;
    for (const auto& f : doc["features"]) {
        INFO(f.dump());
        CHECK(f.value("type", "") == "Feature");
        REQUIRE(f.contains("geometry"));
        CHECK(f["geometry"].value("type", "") == "Point");
        const auto& c = f["geometry"]["coordinates"];
        REQUIRE(c.is_array());
        REQUIRE(c.size() == 2);
        REQUIRE(c[0].is_number());
        REQUIRE(c[1].is_number());
        CHECK(std::fabs(c[0].get<double>()) <= 180.0);
        CHECK(std::fabs(c[1].get<double>()) <= 90.0);

        REQUIRE(f.contains("properties"));
        const auto& p = f["properties"];
        REQUIRE(p["osm_id"].is_string());
        const std::string id = p["osm_id"];
        if (osm_ids) CHECK(std::regex_match(id, std::regex("[nwr][1-9][0-9]*")));
        CHECK(ids.insert(id).second);
        CHECK(p["name"].is_string());
        REQUIRE(p["kind"].is_string());
        if (osm_ids) CHECK(is_place_kind(p["kind"]));
        REQUIRE(p.contains("minutes"));
        REQUIRE(p.contains("nearest_station"));
        REQUIRE(p.contains("snap_m"));
        REQUIRE(p["within_limit"].is_boolean());
        CHECK((p["snap_m"].is_number() || p["snap_m"].is_null()));
        if (p["minutes"].is_number()) {
            const double minutes = p["minutes"];
            CHECK(minutes >= 0.0);
            CHECK(p["nearest_station"].is_string());
            CHECK_FALSE(p["nearest_station"].get<std::string>().empty());
            CHECK_FALSE(p.contains("reason"));
            CHECK(p["snap_m"].is_number());
            // minutes are rounded to 0.01, the verdict uses exact milliseconds
            if (minutes < limit_minutes - 0.01) CHECK(p["within_limit"] == true);
            if (minutes > limit_minutes + 0.01) CHECK(p["within_limit"] == false);
        } else {
            CHECK(p["minutes"].is_null());
            CHECK(p["nearest_station"].is_null());
            CHECK(p["within_limit"] == false);
            REQUIRE(p.contains("reason"));
            CHECK(p["reason"].is_string());
            CHECK_FALSE(p["reason"].get<std::string>().empty());
        }
        if (p["within_limit"] == true) ++within;
    }
    return within;
}

// The stations listed in the report: display name -> latitude.
std::multimap<std::string, double> used_station_latitudes(const std::string& out) {
    std::multimap<std::string, double> stations;
    const std::regex line(R"(^  (-?[0-9.]+),(-?[0-9.]+)  road +[0-9]+ m  (.+)$)");
    for (const auto& l : lines_of(out)) {
        std::smatch m;
        if (std::regex_match(l, m, line)) stations.emplace(m[3].str(), std::stod(m[1].str()));
    }
    return stations;
}

}  // namespace

TEST_CASE("a planner runs coverage on the bundled Andorra map and reads every section of the report") {
    std::string err;
    const std::string out = coverage_ok({}, &err);
    INFO(out);

    // The sections come in reading order.
    std::size_t at = 0;
    for (const char* section : {"Map: ", "Roads: ", "Road graph: ", "\nPlaces: ", "\nStations: ", "\nWithin 15 minutes: ",
                                "\nOutside 15 minutes: ", "\nUnreachable: ", "\nDrive time from the nearest station"}) {
        INFO("section " << section);
        const std::size_t found = out.find(section, at);
        REQUIRE(found != std::string::npos);
        at = found;
    }
    CHECK(contains(out, "andorra.osm.pbf"));
    CHECK(contains(out, "\nPlaces: 59 ("));

    // Andorra has no ambulance stations in OSM: its hospitals stand in, and both streams say so.
    CHECK(contains(out, "hospitals standing in as stations"));
    CHECK(contains(out, "Note: the map has no ambulance stations (emergency=ambulance_station); using its hospitals "
                           "(amenity=hospital, 7 found) as stations"));
    CHECK(contains(err, "using its hospitals (amenity=hospital, 7 found) as stations"));
    CHECK(count_after(out, R"(\nStations: \d+ used of (\d+) )") == 7);

    // The counts add up: within + outside + unreachable = all places.
    const auto [within, total] = within_counts(out, "15");
    const int outside = count_after(out, R"(\nOutside 15 minutes: (\d+) places?)");
    const int unreachable = count_after(out, R"(\nUnreachable: (\d+) places?)");
    CHECK(total == 59);
    CHECK(within > 40);
    CHECK(outside >= 0);
    CHECK(unreachable >= 0);
    CHECK(within + outside + unreachable == total);

    // The histogram counts every reached place once and marks the limit.
    const std::regex bar(R"(^  +[0-9.]+-\s*[0-9.]+ \| (#*) ?(\d*).*$)");
    int histogram_total = 0, bars = 0;
    for (const auto& l : lines_of(out.substr(out.find("\nDrive time from the nearest station")))) {
        std::smatch m;
        if (!std::regex_match(l, m, bar)) continue;
        ++bars;
        if (!m[2].str().empty()) histogram_total += std::stoi(m[2].str());
    }
    CHECK(bars >= 3);
    CHECK(histogram_total == within + outside);
    CHECK(contains(out, "12.5- 15.0 | "));
    CHECK(std::regex_search(out, std::regex(R"(12\.5- 15\.0 \|[^\n]*<- limit)")));
}

TEST_CASE("a GIS analyst exports coverage as GeoJSON and gets one point per place with the documented properties") {
    const TempDir dir;
    const std::string path = dir.file("andorra-coverage.geojson");
    const std::string out = coverage_ok({"--out", path});
    CHECK(contains(out, "\nWrote " + path + " (one row per place, 59 rows)"));
    CHECK(entries_of(dir.path()) == std::set<std::string>{"andorra-coverage.geojson"});

    const json doc = read_json(path);
    REQUIRE(doc["features"].size() == 59);
    const int within = check_coverage_features(doc, 15.0, true);
    CHECK(within == within_counts(out, "15").first);
    CHECK(doc["ems120"]["limit_minutes"] == 15.0);

    // Andorra la Vella, the capital, is a town a couple of minutes from its hospital.
    bool capital = false;
    for (const auto& f : doc["features"]) {
        if (f["properties"]["name"] != "Andorra la Vella") continue;
        capital = true;
        CHECK(f["properties"]["kind"] == "town");
        CHECK(f["properties"]["minutes"].get<double>() < 5.0);
        CHECK(f["properties"]["within_limit"] == true);
        CHECK(f["geometry"]["coordinates"][1].get<double>() == Approx(42.507).margin(0.01));
        CHECK(f["geometry"]["coordinates"][0].get<double>() == Approx(1.521).margin(0.01));
    }
    CHECK(capital);
}

TEST_CASE("a spreadsheet user exports coverage as CSV and gets the same rows as the GeoJSON") {
    const TempDir dir;
    const std::string csv_path = dir.file("coverage.csv");
    const std::string geojson_path = dir.file("coverage.json");  // .json is GeoJSON too
    const std::string out = coverage_ok({"--out", csv_path});
    CHECK(contains(out, "\nWrote " + csv_path + " (one row per place, 59 rows)"));
    coverage_ok({"--out", geojson_path});

    const auto rows = parse_csv(slurp(csv_path));
    REQUIRE(rows.size() == 60);
    CHECK(rows[0] == kCsvColumns);
    const json doc = read_json(geojson_path);
    REQUIRE(doc["features"].size() == 59);

    int within = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        INFO("CSV row " << i << ": " << Catch::Detail::stringify(row));
        REQUIRE(row.size() == kCsvColumns.size());
        const auto& p = doc["features"][i - 1]["properties"];
        const auto& c = doc["features"][i - 1]["geometry"]["coordinates"];
        CHECK(row[0] == p["osm_id"].get<std::string>());
        CHECK(std::regex_match(row[0], std::regex("[nwr][1-9][0-9]*")));
        CHECK(row[1] == p["name"].get<std::string>());
        CHECK(row[4] == p["kind"].get<std::string>());
        CHECK(std::stod(row[6]) == Approx(c[1].get<double>()).margin(1e-6));
        CHECK(std::stod(row[7]) == Approx(c[0].get<double>()).margin(1e-6));
        CHECK((row[9] == "true" || row[9] == "false"));
        CHECK((row[9] == "true") == p["within_limit"].get<bool>());
        within += row[9] == "true" ? 1 : 0;
        if (row[8].empty()) {
            CHECK(p["minutes"].is_null());
            CHECK(row[10].empty());
            CHECK(row[11].empty());
            CHECK_FALSE(row[13].empty());
        } else {
            CHECK(std::stod(row[8]) == Approx(p["minutes"].get<double>()).margin(0.005));
            CHECK(row[10] == p["nearest_station"].get<std::string>());
            CHECK(row[11] == p["nearest_station_id"].get<std::string>());
            CHECK(row[13].empty());
        }
        if (!row[12].empty()) CHECK(std::stod(row[12]) == Approx(p["snap_m"].get<double>()).margin(0.05));
    }
    CHECK(within == within_counts(out, "15").first);
}

TEST_CASE("a planner asking for a 10 minute response radius sees fewer places covered than at 15 minutes") {
    const TempDir dir;
    const std::string out15 = coverage_ok({});
    const std::string out10 = coverage_ok({"--minutes", "10", "--out", dir.file("ten.geojson")});
    const auto [within15, total15] = within_counts(out15, "15");
    const auto [within10, total10] = within_counts(out10, "10");
    CHECK(total10 == 59);
    CHECK(total15 == 59);
    CHECK(within10 > 0);
    CHECK(within10 < within15);
    CHECK(contains(out10, "\nOutside 10 minutes: "));
    CHECK_FALSE(contains(out10, "15 minutes"));
    CHECK(std::regex_search(out10, std::regex(R"(7\.5- 10\.0 \|[^\n]*<- limit)")));

    const json doc = read_json(dir.file("ten.geojson"));
    CHECK(doc["ems120"]["limit_minutes"] == 10.0);
    CHECK(check_coverage_features(doc, 10.0, true) == within10);

    // A fractional radius works and is shown as given.
    const std::string out_fraction = coverage_ok({"--minutes=7.5"});
    const auto [within_fraction, total_fraction] = within_counts(out_fraction, "7.5");
    CHECK(total_fraction == 59);
    CHECK(within_fraction <= within10);
}

TEST_CASE("a planner brings the ambulance stations as a CSV file or as GeoJSON points") {
    const TempDir dir;
    // Two bases on the main valley road: Andorra la Vella and Encamp.
    const std::string csv = dir.write("stations.csv",
                                      "name,lat,lon\n"
                                      "Base Andorra la Vella,42.5078,1.5211\n"
                                      "\"Base Encamp, east\",42.5350,1.5800\n");
    const std::string geojson = dir.write(
        "stations.geojson",
        R"({"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[1.5211,42.5078]},"properties":{"name":"Base Andorra la Vella"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[1.5800,42.5350]},"properties":{"name":"Base Encamp, east"}}]})");

    const std::string from_csv = coverage_ok({"--stations", csv, "--out", dir.file("by-csv.geojson")});
    const std::string from_geojson = coverage_ok({"--stations", geojson, "--out", dir.file("by-geojson.geojson")});
    for (const auto& [out, file] : {std::pair{from_csv, csv}, std::pair{from_geojson, geojson}}) {
        INFO(out);
        CHECK(contains(out, "\nStations: 2 used of 2 (from " + file + ")"));
        CHECK(contains(out, "  Base Andorra la Vella\n"));
        CHECK(contains(out, "  Base Encamp, east\n"));
        CHECK_FALSE(contains(out, "hospitals standing in"));
        CHECK_FALSE(contains(out, "Note: the map has no ambulance stations"));
    }
    // Same stations, same coverage, whichever format they came in.
    CHECK(within_counts(from_csv, "15") == within_counts(from_geojson, "15"));
    CHECK(within_counts(from_csv, "15").second == 59);

    const json by_csv = read_json(dir.file("by-csv.geojson"));
    const json by_geojson = read_json(dir.file("by-geojson.geojson"));
    check_coverage_features(by_csv, 15.0, true);
    REQUIRE(by_csv["features"].size() == by_geojson["features"].size());
    std::set<std::string> nearest;
    for (std::size_t i = 0; i < by_csv["features"].size(); ++i) {
        const auto& a = by_csv["features"][i]["properties"];
        const auto& b = by_geojson["features"][i]["properties"];
        CHECK(a["minutes"] == b["minutes"]);
        CHECK(a["nearest_station"] == b["nearest_station"]);
        if (a["nearest_station"].is_string()) nearest.insert(a["nearest_station"]);
    }
    CHECK(nearest == std::set<std::string>{"Base Andorra la Vella", "Base Encamp, east"});
}

TEST_CASE("a planner measures their own list of places, including one on a mountain top far from any road") {
    const TempDir dir;
    const std::string places = dir.write("places.csv",
                                         "name,lat,lon,kind,population\n"
                                         "Coma Pedrosa summit,42.5917,1.4444,summit,\n"
                                         "Old town,42.5069,1.5212,town,1000\n"
                                         "\"Ordino road, km 3\",42.5446,1.5165,,\n");
    const std::string out = coverage_ok({"--places", places, "--out", dir.file("mine.geojson")});
    INFO(out);
    CHECK(contains(out, "\nPlaces: 3 ("));
    CHECK(within_counts(out, "15") == std::pair{2, 3});
    CHECK(count_after(out, R"(\nUnreachable: (\d+) places?)") == 1);
    CHECK(std::regex_search(out, std::regex(R"(Coma Pedrosa summit: no road within 2000 m \(nearest \d+ m\))")));

    const json doc = read_json(dir.file("mine.geojson"));
    REQUIRE(doc["features"].size() == 3);
    check_coverage_features(doc, 15.0, false);
    const auto& summit = doc["features"][0]["properties"];
    CHECK(summit["osm_id"] == "places.csv:2");
    CHECK(summit["kind"] == "summit");
    CHECK(summit["minutes"].is_null());
    CHECK(summit.contains("reason"));
    const auto& town = doc["features"][1]["properties"];
    CHECK(town["osm_id"] == "places.csv:3");
    CHECK(town["population"] == 1000);
    CHECK(town["minutes"].is_number());
    CHECK_FALSE(town.contains("reason"));
    const auto& road = doc["features"][2]["properties"];
    CHECK(road["name"] == "Ordino road, km 3");
    CHECK(road["kind"] == "place");  // no kind column value: the default
    CHECK(road["minutes"].is_number());

    // The same places as GeoJSON give the same figures.
    const std::string places_geojson = dir.write(
        "places.geojson",
        R"({"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[1.4444,42.5917]},"properties":{"name":"Coma Pedrosa summit","kind":"summit"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[1.5212,42.5069]},"properties":{"name":"Old town","kind":"town","population":1000}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[1.5165,42.5446]},"properties":{"name":"Ordino road, km 3"}}]})");
    const std::string out_geojson = coverage_ok({"--places", places_geojson});
    CHECK(within_counts(out_geojson, "15") == std::pair{2, 3});
    CHECK(count_after(out_geojson, R"(\nUnreachable: (\d+) places?)") == 1);
}

TEST_CASE("on Malta, the villages of Gozo are reached from a hospital on Gozo, not across the sea") {
    const TempDir dir;
    const std::string path = dir.file("malta.geojson");
    const std::string out = coverage_ok({"--map", shared_map("malta"), "--out", path});
    const auto stations = used_station_latitudes(out);
    REQUIRE(stations.size() > 10);

    const json doc = read_json(path);
    check_coverage_features(doc, 15.0, true);
    int gozo_places = 0;
    for (const auto& f : doc["features"]) {
        if (f["geometry"]["coordinates"][1].get<double>() <= 36.0) continue;
        ++gozo_places;
        const auto& p = f["properties"];
        INFO(f.dump());
        REQUIRE(p["minutes"].is_number());
        CHECK(p["minutes"].get<double>() < 30.0);
        const std::string station = p["nearest_station"];
        const auto [first, last] = stations.equal_range(station);
        REQUIRE(first != last);
        for (auto it = first; it != last; ++it) CHECK(it->second > 36.0);
    }
    CHECK(gozo_places >= 10);
}

TEST_CASE("in Shenzhen, Chinese station and village names come through byte for byte") {
    const TempDir dir;
    const std::string station = "\xe9\xbe\x99\xe5\xb2\x97\xe4\xb8\xad\xe5\xbf\x83\xe5\x8c\xbb\xe9\x99\xa2";  // 龙岗中心医院
    const std::string village = "\xe8\x8d\xb7\xe5\x9d\xb3\xe6\x9d\x91";                                      // 荷坳村
    REQUIRE(station == "龙岗中心医院");
    REQUIRE(village == "荷坳村");
    const std::string stations = dir.write("站点.csv", "name,lat,lon\n" + station + ",22.6900,114.2100\n");
    const std::vector<std::string> common = {"--map", shared_map("shenzhen-longgang"), "--stations", stations,
                                             "--min-component", "100"};

    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = common;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    // With a 1 minute radius the village is listed as outside, so its name is in the text too.
    const std::string out = coverage_ok(with({"--minutes", "1", "--out", dir.file("龙岗.geojson")}));
    CHECK(contains(out, "(from " + stations + ")"));
    CHECK(contains(out, "  " + station + "\n"));
    CHECK(contains(out, "  " + village + "  <-  " + station + "\n"));

    const json doc = read_json(dir.file("龙岗.geojson"));
    check_coverage_features(doc, 1.0, true);
    bool found = false;
    for (const auto& f : doc["features"]) {
        if (f["properties"]["name"] != village) continue;
        found = true;
        CHECK(f["properties"]["nearest_station"] == station);
        CHECK(f["properties"]["kind"] == "village");
    }
    CHECK(found);
    CHECK(contains(slurp(dir.file("龙岗.geojson")), village));  // raw UTF-8, not \u escapes

    coverage_ok(with({"--out", dir.file("龙岗.csv")}));
    const auto rows = parse_csv(slurp(dir.file("龙岗.csv")));
    REQUIRE(rows.size() >= 2);
    bool in_csv = false;
    for (const auto& row : rows) {
        if (row.size() == kCsvColumns.size() && row[1] == village) {
            in_csv = true;
            CHECK(row[10] == station);
            CHECK(row[9] == "true");
        }
    }
    CHECK(in_csv);
}

TEST_CASE("a planner on a tiny hand-made map with one road gets the village reached along it") {
    // hospital -- 1 km of primary road -- village, all on the equator
    const TempDir dir;
    std::string body;
    body += "<node id='1' lat='0' lon='0' version='1'><tag k='amenity' v='hospital'/><tag k='name' v='Equator Clinic'/></node>\n";
    for (int i = 2; i <= 10; ++i)
        body += "<node id='" + std::to_string(i) + "' lat='0' lon='" + std::to_string((i - 1) * 0.001) + "' version='1'/>\n";
    body += "<node id='11' lat='0' lon='0.01' version='1'><tag k='place' v='village'/><tag k='name' v='Far End'/></node>\n";
    body += "<way id='100' version='1'>";
    for (int i = 1; i <= 11; ++i) body += "<nd ref='" + std::to_string(i) + "'/>";
    body += "<tag k='highway' v='primary'/></way>\n";
    const std::string map = dir.write("line.osm", osm_xml(body));
    const std::string out = coverage_ok({"--map", map, "--min-component", "1", "--out", dir.file("line.csv")});
    CHECK(contains(out, "\nPlaces: 1 (village 1)"));
    CHECK(within_counts(out, "15") == std::pair{1, 1});
    const auto rows = parse_csv(slurp(dir.file("line.csv")));
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[1].size() == kCsvColumns.size());
    CHECK(rows[1][0] == "n11");
    CHECK(rows[1][1] == "Far End");
    CHECK(rows[1][10] == "Equator Clinic");
    // 1113 m at the default primary speed takes about a minute
    CHECK(std::stod(rows[1][8]) > 0.5);
    CHECK(std::stod(rows[1][8]) < 3.0);
}

TEST_CASE("a planner who asks for help gets the coverage options and exit code 0") {
    const CommandResult r = run_ems120({"coverage", "--help"});
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    for (const char* option : {"--map", "--stations", "--places", "--minutes", "--out", "--min-component", "--max-snap-m"})
        CHECK(contains(r.out, option));
}
