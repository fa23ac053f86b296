#include "maps/point_list_reader.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "maps/input_error.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Contains;
using ems120::InputError;
using ems120::read_point_list;

namespace {

// A FeatureCollection around the given features (already JSON text).
std::string collection(const std::string& features) {
    return R"({"type": "FeatureCollection", "features": [)" + features + "]}";
}

std::string point_feature(const std::string& coordinates, const std::string& properties = "{}") {
    return R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": )" + coordinates +
           R"(}, "properties": )" + properties + "}";
}

}  // namespace

// ---- CSV ------------------------------------------------------------------------------------

TEST_CASE("a planner's CSV of stations is read with names, coordinates and the default kind") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("stations.csv",
                                "name,lat,lon\n"
                                "Longgang Central,22.7208,114.2466\n"
                                "Henggang,22.6503,114.2098\n");
    const auto points = read_point_list(path, "ambulance_station");
    REQUIRE(points.size() == 2);
    CHECK(points[0].name == "Longgang Central");
    CHECK(points[0].location.lat == 22.7208);
    CHECK(points[0].location.lon == 114.2466);
    CHECK(points[0].kind == "ambulance_station");
    CHECK_FALSE(points[0].population);
    CHECK(points[0].source_id == "stations.csv:2");
    CHECK(points[1].source_id == "stations.csv:3");
}

TEST_CASE("CSV columns are found by name in any order and any case, unknown columns are ignored") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("villages.csv",
                                "Population,LON,note,Kind,Lat,NAME,name:zh,Name:EN\n"
                                "3200,114.25,old well,village,22.68,Hehao,荷坳村,Hehao Village\n");
    const auto points = read_point_list(path, "place");
    REQUIRE(points.size() == 1);
    const auto& p = points[0];
    CHECK(p.name == "Hehao");
    CHECK(p.name_zh == "荷坳村");
    CHECK(p.name_en == "Hehao Village");
    CHECK(p.kind == "village");
    CHECK(p.population == 3200);
    CHECK(p.location.lat == 22.68);
    CHECK(p.location.lon == 114.25);
}

TEST_CASE("a Chinese village name comes through a CSV byte for byte") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("places.csv", "name,lat,lon\n荷坳村,22.68,114.25\n\"大运, 龙岗\",22.69,114.22\n");
    const auto points = read_point_list(path, "village");
    REQUIRE(points.size() == 2);
    CHECK(points[0].name == "\xE8\x8D\xB7\xE5\x9D\xB3\xE6\x9D\x91");
    CHECK(points[1].name == "大运, 龙岗");
}

TEST_CASE("quoted CSV fields may hold commas, doubled quotes and line breaks") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("quoted.csv",
                                "name,lat,lon\n"
                                "\"Station \"\"North\"\", gate 2\",22.5,114.1\n"
                                "\"Two\nlines\",\"22.6\",\"114.2\"\n"
                                "After,22.7,114.3\n");
    const auto points = read_point_list(path, "ambulance_station");
    REQUIRE(points.size() == 3);
    CHECK(points[0].name == "Station \"North\", gate 2");
    CHECK(points[1].name == "Two\nlines");
    CHECK(points[1].location.lat == 22.6);
    CHECK(points[1].source_id == "quoted.csv:3");
    CHECK(points[2].source_id == "quoted.csv:5");  // the row after a two-line record keeps its real line
}

TEST_CASE("a CSV saved by Excel with a byte order mark and CRLF line ends is read") {
    const ems120::test::TempDir dir;
    const auto path =
        dir.write("excel.csv", "\xEF\xBB\xBFname,lat,lon\r\n\"Buji\",22.61,114.12\r\nBantian,22.63,114.06\r\n");
    const auto points = read_point_list(path, "ambulance_station");
    REQUIRE(points.size() == 2);
    CHECK(points[0].name == "Buji");
    CHECK(points[1].name == "Bantian");
    CHECK(points[1].location.lon == 114.06);
}

TEST_CASE("blank lines in a CSV are skipped but line numbers still count them") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("gaps.csv", "name,lat,lon\n\nA,1,2\n\n");
    const auto points = read_point_list(path, "village");
    REQUIRE(points.size() == 1);
    CHECK(points[0].source_id == "gaps.csv:3");
}

TEST_CASE("an unnamed CSV row gets an empty name and is shown by kind and row") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("unnamed.csv", "name,lat,lon\n,22.5,114.0\n");
    const auto points = read_point_list(path, "hamlet");
    REQUIRE(points.size() == 1);
    CHECK(points[0].name.empty());
    CHECK(points[0].display_name() == "hamlet unnamed.csv:2");
}

TEST_CASE("a CSV row without name falls back to name:zh, then name:en") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("fallback.csv", "name,name:zh,name:en,lat,lon\n,荷坳,Hehao,1,2\n,,Hehao,1,2\n");
    const auto points = read_point_list(path, "village");
    REQUIRE(points.size() == 2);
    CHECK(points[0].name == "荷坳");
    CHECK(points[1].name == "Hehao");
}

TEST_CASE("an empty kind cell in a CSV takes the default kind") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("kinds.csv", "name,lat,lon,kind\nA,1,2,\nB,1,2,hospital\n");
    const auto points = read_point_list(path, "ambulance_station");
    CHECK(points[0].kind == "ambulance_station");
    CHECK(points[1].kind == "hospital");
}

TEST_CASE("coordinates at the edges of the world are accepted") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("edges.csv", "name,lat,lon\nN,90,180\nS,-90,-180\nPlus,+1.5,-0\n");
    const auto points = read_point_list(path, "place");
    REQUIRE(points.size() == 3);
    CHECK(points[1].location.lat == -90.0);
    CHECK(points[2].location.lat == 1.5);
}

TEST_CASE("a CSV row with a latitude beyond 90 degrees is rejected with its line") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("far.csv", "name,lat,lon\nA,22,114\nB,95,114\n");
    CHECK_THROWS_AS(read_point_list(path, "place"), InputError);
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":3:") && Contains("latitude 95 is outside"));
}

TEST_CASE("a CSV row with a longitude beyond 180 degrees is rejected with its line") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("far.csv", "name,lat,lon\nA,22,-180.5\n");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":2:") && Contains("longitude -180.5"));
}

TEST_CASE("swapped lat and lon values are caught when the latitude is out of range") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("swapped.csv", "name,lat,lon\nA,114.2,22.7\n");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":2:") && Contains("latitude"));
}

TEST_CASE("an empty latitude or longitude in a CSV is rejected with its line") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("empty.csv", "name,lat,lon\nA,,114\n");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":2:") && Contains("latitude is empty"));
    const auto path2 = dir.write("empty2.csv", "name,lat,lon\nA,22, \n");
    CHECK_THROWS_WITH(read_point_list(path2, "place"), Contains(path2 + ":2:") && Contains("longitude is empty"));
}

TEST_CASE("a non-numeric latitude or longitude in a CSV is rejected with its line") {
    const ems120::test::TempDir dir;
    for (const char* value : {"abc", "22.5N", "22,5", "1e", "0x10"}) {
        INFO(value);
        const auto path = dir.write("text.csv", std::string("name,lat,lon\nA,\"") + value + "\",114\n");
        CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":2:") && Contains("not a number"));
    }
    const auto path = dir.write("text2.csv", "name,lat,lon\nA,22,east\n");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":2:") && Contains("longitude 'east'"));
}

TEST_CASE("NaN or infinite coordinates in a CSV are rejected with their line") {
    const ems120::test::TempDir dir;
    for (const char* row : {"A,nan,114", "A,22,inf", "A,-infinity,114", "A,22,NAN"}) {
        INFO(row);
        const auto path = dir.write("nan.csv", std::string("name,lat,lon\n") + row + "\n");
        CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":2:") && Contains("not a finite number"));
    }
}

TEST_CASE("a CSV population must be a non-negative integer") {
    const ems120::test::TempDir dir;
    for (const char* value : {"-1", "12.5", "many", "1,000", "99999999999999999999"}) {
        INFO(value);
        const auto path = dir.write("pop.csv", std::string("name,lat,lon,population\nA,1,2,\"") + value + "\"\n");
        CHECK_THROWS_WITH(read_point_list(path, "village"), Contains(path + ":2:") && Contains("population"));
    }
    const auto path = dir.write("pop_ok.csv", "name,lat,lon,population\nA,1,2,0\nB,1,2,\n");
    const auto points = read_point_list(path, "village");
    CHECK(points[0].population == 0);
    CHECK_FALSE(points[1].population);
}

TEST_CASE("a CSV row with too few or too many fields is rejected with its line") {
    const ems120::test::TempDir dir;
    const auto few = dir.write("few.csv", "name,lat,lon\nA,1,2\nB,1\n");
    CHECK_THROWS_WITH(read_point_list(few, "place"), Contains(few + ":3:") && Contains("expected 3 fields"));
    const auto many = dir.write("many.csv", "name,lat,lon\nA,1,2,extra\n");
    CHECK_THROWS_WITH(read_point_list(many, "place"), Contains(many + ":2:") && Contains("found 4"));
}

TEST_CASE("a CSV without a name, lat, lon header is rejected instead of guessing columns") {
    const ems120::test::TempDir dir;
    const auto headerless = dir.write("headerless.csv", "Buji,22.61,114.12\n");
    CHECK_THROWS_WITH(read_point_list(headerless, "place"),
                      Contains(headerless + ":1:") && Contains("name, lat, lon"));
    const auto no_lon = dir.write("no_lon.csv", "name,lat,longitude\nA,1,2\n");
    CHECK_THROWS_WITH(read_point_list(no_lon, "place"), Contains(no_lon + ":1:") && Contains("lacks column(s) lon"));
}

TEST_CASE("a CSV header naming a column twice is rejected") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("twice.csv", "name,lat,lon,LAT\nA,1,2,3\n");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":1:") && Contains("twice"));
}

TEST_CASE("an empty CSV file is rejected") {
    const ems120::test::TempDir dir;
    for (const char* content : {"", "\n\n", "\xEF\xBB\xBF"}) {
        const auto path = dir.write("empty.csv", content);
        CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": empty file"));
    }
}

TEST_CASE("a CSV with only a header row is rejected as having no points") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("header_only.csv", "name,lat,lon\n");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": no points"));
}

TEST_CASE("a CSV quote that is never closed is rejected with the line it opens on") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("open.csv", "name,lat,lon\nA,1,2\n\"Broken,1,2\nC,1,2\n");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":3:") && Contains("never closed"));
}

TEST_CASE("text after a closing quote in a CSV is rejected with its line") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("after.csv", "name,lat,lon\n\"A\"x,1,2\n");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ":2:") && Contains("after a closing quote"));
}

// ---- files ----------------------------------------------------------------------------------

TEST_CASE("a missing point list file is reported with its path") {
    const ems120::test::TempDir dir;
    const auto path = dir.file("stations.csv");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": cannot read:"));
    const auto json = dir.file("stations.geojson");
    CHECK_THROWS_WITH(read_point_list(json, "place"), Contains(json + ": cannot read:"));
}

TEST_CASE("a directory named like a CSV is reported as unreadable") {
    const ems120::test::TempDir dir;
    std::filesystem::create_directory(dir.path() / "folder.csv");
    const auto path = dir.file("folder.csv");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": cannot read: is a directory"));
}

TEST_CASE("a point list with an unknown extension is rejected before reading it") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("stations.xlsx", "name,lat,lon\nA,1,2\n");
    CHECK_THROWS_WITH(read_point_list(path, "place"),
                      Contains(path + ": unknown file type '.xlsx'") && Contains(".csv, .geojson or .json"));
    const auto bare = dir.write("stations", "name,lat,lon\nA,1,2\n");
    CHECK_THROWS_WITH(read_point_list(bare, "place"), Contains(bare + ": unknown file type"));
}

TEST_CASE("file extensions are matched case-insensitively") {
    const ems120::test::TempDir dir;
    CHECK(read_point_list(dir.write("A.CSV", "name,lat,lon\nA,1,2\n"), "place").size() == 1);
    CHECK(read_point_list(dir.write("B.GeoJSON", collection(point_feature("[2, 1]"))), "place").size() == 1);
}

// ---- GeoJSON --------------------------------------------------------------------------------

TEST_CASE("a GeoJSON FeatureCollection of hospitals is read as [lon, lat] points") {
    const ems120::test::TempDir dir;
    const auto path = dir.write(
        "hospitals.geojson",
        collection(point_feature("[114.2466, 22.7208]", R"({"name": "龙岗中心医院", "kind": "hospital"})") + "," +
                   point_feature("[114.21, 22.65, 35.0]", R"({"name": "Henggang", "population": 120000})")));
    const auto points = read_point_list(path, "ambulance_station");
    REQUIRE(points.size() == 2);
    CHECK(points[0].name == "龙岗中心医院");
    CHECK(points[0].kind == "hospital");
    CHECK(points[0].location.lat == 22.7208);
    CHECK(points[0].location.lon == 114.2466);
    CHECK(points[0].source_id == "hospitals.geojson:feature 0");
    CHECK(points[1].kind == "ambulance_station");
    CHECK(points[1].population == 120000);
    CHECK(points[1].source_id == "hospitals.geojson:feature 1");
}

TEST_CASE("a .json file is read as GeoJSON") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("points.json", collection(point_feature("[2, 1]", R"({"name": "A"})")));
    const auto points = read_point_list(path, "place");
    REQUIRE(points.size() == 1);
    CHECK(points[0].name == "A");
}

TEST_CASE("GeoJSON names fall back to name:zh, then name:en, else stay empty") {
    const ems120::test::TempDir dir;
    const std::string without_properties =
        R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 1]}})";
    const auto path = dir.write("names.geojson",
                                collection(point_feature("[2, 1]", R"({"name:zh": "荷坳村", "name:en": "Hehao"})") +
                                           "," + point_feature("[2, 1]", R"({"name:en": "Hehao"})") + "," +
                                           point_feature("[2, 1]", "null") + "," + without_properties));
    const auto points = read_point_list(path, "hamlet");
    REQUIRE(points.size() == 4);
    CHECK(points[0].name == "荷坳村");
    CHECK(points[0].name_en == "Hehao");
    CHECK(points[1].name == "Hehao");
    CHECK(points[2].name.empty());
    CHECK(points[2].kind == "hamlet");
    CHECK(points[3].display_name() == "hamlet names.geojson:feature 3");
}

TEST_CASE("a GeoJSON population given as a string of digits is accepted") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("pop.geojson", collection(point_feature("[2, 1]", R"({"population": "4500"})")));
    CHECK(read_point_list(path, "village")[0].population == 4500);
}

TEST_CASE("a GeoJSON population must be a non-negative integer") {
    const ems120::test::TempDir dir;
    for (const char* value : {"-3", "12.5", "\"many\"", "true", "[1]"}) {
        INFO(value);
        const auto path = dir.write(
            "pop.geojson", collection(point_feature("[2, 1]") + "," +
                                      point_feature("[2, 1]", std::string(R"({"population": )") + value + "}")));
        CHECK_THROWS_WITH(read_point_list(path, "village"),
                          Contains(path + ": feature 1:") && Contains("not a non-negative integer"));
    }
}

TEST_CASE("a GeoJSON name that is not a string is rejected with its feature") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("name.geojson", collection(point_feature("[2, 1]", R"({"name": 42})")));
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": feature 0:") && Contains("'name'"));
}

TEST_CASE("invalid JSON is reported with where it breaks") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("broken.geojson", "{\"type\": \"FeatureCollection\",\n \"features\": [,]}");
    CHECK_THROWS_WITH(read_point_list(path, "place"),
                      Contains(path + ": invalid JSON:") && Contains("line 2") && Contains("column"));
}

TEST_CASE("an empty GeoJSON file is rejected") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("empty.geojson", " \n");
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": empty file"));
}

TEST_CASE("GeoJSON that is not a FeatureCollection is rejected") {
    const ems120::test::TempDir dir;
    for (const char* content : {R"({"type": "Feature"})", "[]", R"({"type": "FeatureCollection"})",
                                R"({"type": "FeatureCollection", "features": {}})"}) {
        INFO(content);
        const auto path = dir.write("single.geojson", content);
        CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": not a GeoJSON FeatureCollection"));
    }
}

TEST_CASE("a GeoJSON FeatureCollection without features has no points") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("none.geojson", collection(""));
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": no points"));
}

TEST_CASE("a GeoJSON feature that is not a Point is rejected with its index") {
    const ems120::test::TempDir dir;
    const std::string line =
        R"({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}})";
    const std::string no_geometry = R"({"type": "Feature", "geometry": null})";
    for (const auto& bad : {line, no_geometry, std::string("42")}) {
        INFO(bad);
        const auto path = dir.write("lines.geojson", collection(point_feature("[2, 1]") + "," + bad));
        CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": feature 1:"));
    }
    const auto path = dir.write("lines.geojson", collection(line));
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": feature 0: geometry is not a Point"));
}

TEST_CASE("GeoJSON coordinates must be [lon, lat] numbers") {
    const ems120::test::TempDir dir;
    for (const char* coordinates : {"[114.2]", "[\"114.2\", \"22.7\"]", "{}", "null", "[114.2, null]"}) {
        INFO(coordinates);
        const auto path = dir.write("coords.geojson", collection(point_feature(coordinates)));
        CHECK_THROWS_WITH(read_point_list(path, "place"),
                          Contains(path + ": feature 0: coordinates must be [lon, lat] numbers"));
    }
}

TEST_CASE("GeoJSON coordinates out of range are rejected with the feature index") {
    const ems120::test::TempDir dir;
    const auto lat = dir.write("lat.geojson", collection(point_feature("[114, 91]")));
    CHECK_THROWS_WITH(read_point_list(lat, "place"), Contains(lat + ": feature 0: latitude 91 is outside"));
    const auto lon = dir.write("lon.geojson", collection(point_feature("[0, 0]") + "," + point_feature("[200, 22]")));
    CHECK_THROWS_WITH(read_point_list(lon, "place"), Contains(lon + ": feature 1: longitude 200 is outside"));
}

TEST_CASE("a GeoJSON number too large for a double is reported as invalid JSON") {
    const ems120::test::TempDir dir;
    const auto path = dir.write("huge.geojson", collection(point_feature("[1e400, 22]")));
    CHECK_THROWS_WITH(read_point_list(path, "place"), Contains(path + ": invalid JSON:") && Contains("1e400"));
}
