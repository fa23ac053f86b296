#include "dispatch/hospital_directory.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "dispatch/hospitals_file.hpp"
#include "maps/geodesy.hpp"
#include "maps/input_error.hpp"
#include "routing/dijkstra.hpp"
#include "tests/routing/andorra_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120;
using namespace ems120::dispatch;
using ems120::test::andorra;
using ems120::test::TempDir;

namespace {

RoutingIndex andorra_routing() { return {&andorra().map.graph, &andorra().ch, &andorra().index}; }

// The map's seven hospitals (unnamed in this extract), with capabilities a county might file.
std::vector<Hospital> andorra_hospitals() {
    std::vector<Hospital> hospitals = hospitals_from_map(andorra().map.hospitals);
    const std::map<std::string, std::vector<std::string>> capabilities{
        {"w194554955", {"chest_pain", "obstetrics", "paediatrics", "stroke", "trauma"}},  // Escaldes
        {"n2050364490", {"paediatrics", "trauma"}},                                     // Sant Julià
        {"n522787974", {"stroke", "trauma"}},                                           // Arinsal
        {"n666793602", {"stroke"}},  // near Soldeu, 1 km from the nearest road of this 2013 map
    };
    for (Hospital& h : hospitals)
        if (const auto it = capabilities.find(h.id); it != capabilities.end()) h.capabilities = it->second;
    return hospitals;
}

// The ranking as text, for failure messages.
std::string ranking(const HospitalRanking& r) {
    std::string text = std::to_string(r.considered) + " considered, " + std::to_string(r.reachable) + " reachable\n";
    for (const HospitalEta& e : r.ranked)
        text += e.id + " eta " + (e.reachable() ? std::to_string(e.eta_ms) + " ms" : std::string("-")) + " air " +
                std::to_string(static_cast<int>(e.air_distance_m)) + " m " + to_string(e.reach) + " " + e.note + "\n";
    return text;
}

// Plain Dijkstra's route between the two snapped points: an independent check of every ETA.
TravelTime dijkstra_eta(LatLon from, LatLon to) {
    DijkstraQuery dijkstra(andorra().map.graph);
    const Route route = dijkstra.route(andorra().index.nearest(from), andorra().index.nearest(to));
    return route.found ? route.time : kUnreachable;
}

std::string read_error(const std::string& path) {
    try {
        read_hospitals_file(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

const std::string kHeader = "id,name,lat,lon,capabilities\n";

}  // namespace

TEST_CASE("the hospital nearest by air is not always the one reached first by road", "[hospitals]") {
    const HospitalDirectory directory(andorra_routing(), andorra_hospitals());
    HospitalQuery query(directory);
    DijkstraQuery dijkstra(andorra().map.graph);
    int scenes_where_air_misleads = 0;
    // Every village, town and hamlet of Andorra as a scene: each hospital's ETA against Dijkstra.
    for (const MapPoint& scene : andorra().map.places) {
        const HospitalRanking r = query.nearest_hospitals(scene.location, std::nullopt, 100);
        INFO("scene " << scene.display_name() << "\n" << ranking(r));
        REQUIRE(r.ranked.size() == directory.hospitals().size());
        REQUIRE_FALSE(r.scene_off_road);
        for (const HospitalEta& e : r.ranked) {
            INFO("hospital " << e.id);
            if (!e.reachable()) continue;
            const Route expected =
                dijkstra.route(andorra().index.nearest(scene.location), directory.placement(e.index).snap);
            REQUIRE(expected.found);
            CHECK(e.eta_ms == expected.time);
        }
        CHECK(std::is_sorted(r.ranked.begin(), r.ranked.begin() + static_cast<std::ptrdiff_t>(r.reachable),
                             [](const HospitalEta& x, const HospitalEta& y) { return x.eta_ms < y.eta_ms; }));
        const auto reachable_end = r.ranked.begin() + static_cast<std::ptrdiff_t>(r.reachable);
        const auto nearest_by_air = std::min_element(r.ranked.begin(), reachable_end, [](const auto& x, const auto& y) {
            return x.air_distance_m < y.air_distance_m;
        });
        if (nearest_by_air != reachable_end && nearest_by_air->id != r.ranked.front().id) ++scenes_where_air_misleads;
    }
    CHECK(scenes_where_air_misleads > 0);
}

TEST_CASE("a patient in la Cortinada goes to Escaldes, farther by air than Arinsal but nearer by road", "[hospitals]") {
    const HospitalDirectory directory(andorra_routing(), andorra_hospitals());
    HospitalQuery query(directory);
    const MapPoint& cortinada = *std::find_if(andorra().map.places.begin(), andorra().map.places.end(),
                                              [](const MapPoint& p) { return p.name == "la Cortinada"; });
    const HospitalRanking r = query.nearest_hospitals(cortinada.location, std::nullopt, 100);
    INFO(ranking(r));
    REQUIRE(r.reachable == 3);
    const auto find = [&](const std::string& id) {
        return *std::find_if(r.ranked.begin(), r.ranked.end(), [&](const HospitalEta& e) { return e.id == id; });
    };
    const HospitalEta escaldes = find("w194554955"), arinsal = find("n522787974");
    // A ridge lies between the Ordino valley and Arinsal's: by road one goes down to La Massana and up again.
    CHECK(arinsal.air_distance_m < escaldes.air_distance_m);
    CHECK(r.ranked[0].id == "w194554955");
    CHECK(escaldes.eta_ms < arinsal.eta_ms);
    CHECK(escaldes.eta_ms == dijkstra_eta(cortinada.location, escaldes.location));
    CHECK(arinsal.eta_ms == dijkstra_eta(cortinada.location, arinsal.location));
}

TEST_CASE("a stroke patient is taken only to hospitals that treat strokes", "[hospitals]") {
    const HospitalDirectory directory(andorra_routing(), andorra_hospitals());
    HospitalQuery query(directory);
    const LatLon ordino{42.5562, 1.53349};

    const HospitalRanking stroke = query.nearest_hospitals(ordino, "stroke", 10);
    INFO(ranking(stroke));
    CHECK(stroke.considered == 3);
    CHECK(stroke.reachable == 2);
    REQUIRE(stroke.ranked.size() == 3);
    for (const HospitalEta& e : stroke.ranked)
        CHECK(std::count(e.capabilities.begin(), e.capabilities.end(), "stroke") == 1);
    CHECK(stroke.ranked[0].reachable());
    CHECK(stroke.ranked[1].reachable());
    CHECK(stroke.ranked[0].eta_ms <= stroke.ranked[1].eta_ms);
    // The one a kilometre from the map's roads comes last, saying so.
    CHECK(stroke.ranked[2].id == "n666793602");
    CHECK(stroke.ranked[2].reach == HospitalReach::hospital_off_road);
    const HospitalRanking any = query.nearest_hospitals(ordino, std::nullopt, 10);
    CHECK(any.considered == 7);

    const HospitalRanking trauma = query.nearest_hospitals(ordino, "trauma", 1);
    CHECK(trauma.considered == 3);
    REQUIRE(trauma.ranked.size() == 1);  // the limit

    const HospitalRanking burns = query.nearest_hospitals(ordino, "burns", 10);
    CHECK(burns.considered == 0);
    CHECK(burns.ranked.empty());

    CHECK_THROWS_AS(query.nearest_hospitals(ordino, "Stroke", 10), std::invalid_argument);
    CHECK_THROWS_AS(query.nearest_hospitals(ordino, "chest pain", 10), std::invalid_argument);
    CHECK_THROWS_AS(query.nearest_hospitals(ordino, std::nullopt, 0), std::invalid_argument);
    CHECK_THROWS_AS(query.nearest_hospitals({91.0, 1.5}, std::nullopt, 5), std::invalid_argument);
}

TEST_CASE("a hospital far from any road is listed last with a note, not dropped", "[hospitals]") {
    std::vector<Hospital> hospitals = andorra_hospitals();
    Hospital hut;
    hut.id = "mountain-hut";
    hut.name = "Refugi de Coma Pedrosa first-aid post";
    hut.location = {42.5917, 1.4447};  // near the summit of Coma Pedrosa
    hut.capabilities = {"trauma"};
    hospitals.push_back(hut);
    REQUIRE(andorra().index.nearest(hut.location).distance_m > 1000.0);

    const HospitalDirectory directory(andorra_routing(), hospitals);
    HospitalQuery query(directory);
    const HospitalRanking r = query.nearest_hospitals({42.5721, 1.4844} /* Arinsal */, "trauma", 10);
    INFO(ranking(r));
    REQUIRE(r.ranked.size() == 4);
    const HospitalEta& last = r.ranked.back();
    CHECK(last.id == "mountain-hut");
    CHECK(last.reach == HospitalReach::hospital_off_road);
    CHECK(last.eta_ms == kUnreachable);
    CHECK_THAT(last.note, Catch::Contains("from the nearest road"));
    CHECK(r.reachable == 3);
    CHECK(last.snap_distance_m > 1000.0);
    CHECK(last.air_distance_m > 0.0);
}

TEST_CASE("a scene far from every road gets every hospital marked unreachable", "[hospitals]") {
    const HospitalDirectory directory(andorra_routing(), andorra_hospitals());
    HospitalQuery query(directory);
    const HospitalRanking r = query.nearest_hospitals({43.5, 1.5}, std::nullopt, 10);  // 100 km north
    INFO(ranking(r));
    CHECK(r.scene_off_road);
    CHECK(r.reachable == 0);
    REQUIRE(r.ranked.size() == 7);
    for (const HospitalEta& e : r.ranked) {
        CHECK(e.reach == HospitalReach::scene_off_road);
        CHECK_THAT(e.note, Catch::Contains("the scene is"));
    }
    CHECK(std::is_sorted(r.ranked.begin(), r.ranked.end(),
                         [](const auto& x, const auto& y) { return x.air_distance_m < y.air_distance_m; }));
}

TEST_CASE("a hospital on the scene's own road is reached straight along it", "[hospitals]") {
    const HospitalDirectory directory(andorra_routing(), andorra_hospitals());
    HospitalQuery query(directory);
    for (std::size_t i = 0; i < directory.hospitals().size(); ++i) {
        const HospitalDirectory::Placement& placed = directory.placement(i);
        if (!placed.on_network) continue;
        // The scene is the hospital's own road point: no detour through a junction and back.
        const HospitalRanking r = query.nearest_hospitals(placed.snap.point, std::nullopt, 1);
        INFO(ranking(r));
        REQUIRE(r.ranked.size() == 1);
        CHECK(r.ranked[0].index == i);
        CHECK(r.ranked[0].eta_ms <= 1);
    }
}

TEST_CASE("two query objects on one directory answer alike", "[hospitals]") {
    const HospitalDirectory directory(andorra_routing(), andorra_hospitals());
    HospitalQuery first(directory), second(directory);
    for (const MapPoint& scene : andorra().map.places) {
        const HospitalRanking a = first.nearest_hospitals(scene.location, "trauma", 3);
        const HospitalRanking b = second.nearest_hospitals(scene.location, "trauma", 3);
        REQUIRE(a.ranked.size() == b.ranked.size());
        for (std::size_t k = 0; k < a.ranked.size(); ++k) {
            CHECK(a.ranked[k].id == b.ranked[k].id);
            CHECK(a.ranked[k].eta_ms == b.ranked[k].eta_ms);
        }
    }
}

TEST_CASE("a directory refuses two hospitals with one id", "[hospitals]") {
    std::vector<Hospital> hospitals = andorra_hospitals();
    hospitals.push_back(hospitals.front());
    CHECK_THROWS_AS(HospitalDirectory(andorra_routing(), hospitals), std::invalid_argument);
}

TEST_CASE("a hospitals file in CSV or JSON lines is read with its capabilities", "[hospitals]") {
    const TempDir dir;
    const std::string csv = dir.write(
        "hospitals.csv",
        "\xEF\xBB\xBFid, name ,lat,lon,capabilities,name:zh\r\n"
        "H1,\"Hospital Nostra Senyora de Meritxell, Escaldes\",42.5115,1.53397,stroke; trauma;chest_pain;stroke,\r\n"
        "\r\n"
        "H2,Clínica Sant Julià,42.4693,1.49286,,\r\n"
        "H3,龙岗区人民医院,22.7201,114.2468,obstetrics;,龙岗区人民医院\r\n");
    const std::vector<Hospital> from_csv = read_hospitals_file(csv);
    REQUIRE(from_csv.size() == 3);
    CHECK(from_csv[0].name == "Hospital Nostra Senyora de Meritxell, Escaldes");
    CHECK(from_csv[0].capabilities == std::vector<std::string>{"chest_pain", "stroke", "trauma"});
    CHECK(from_csv[0].has("stroke"));
    CHECK_FALSE(from_csv[0].has("paediatrics"));
    CHECK(from_csv[1].capabilities.empty());
    CHECK(from_csv[1].location.lat == 42.4693);
    CHECK(from_csv[2].capabilities == std::vector<std::string>{"obstetrics"});
    CHECK(from_csv[2].name_zh == "龙岗区人民医院");

    const std::string jsonl = dir.write(
        "hospitals.jsonl",
        "{\"id\":\"H1\",\"name\":\"Escaldes\",\"lat\":42.5115,\"lon\":1.53397,\"capabilities\":[\"trauma\",\"stroke\"]}\n"
        "\n"
        "{\"id\":\"H2\",\"name\":\"Sant Julià\",\"lat\":42.4693,\"lon\":1.49286}\n");
    const std::vector<Hospital> from_jsonl = read_hospitals_file(jsonl);
    REQUIRE(from_jsonl.size() == 2);
    CHECK(from_jsonl[0].capabilities == std::vector<std::string>{"stroke", "trauma"});
    CHECK(from_jsonl[1].capabilities.empty());
    CHECK(from_jsonl[1].name == "Sant Julià");
}

TEST_CASE("every kind of bad hospitals file is refused naming the file and the line", "[hospitals]") {
    const TempDir dir;
    struct Case {
        const char* what;
        std::string content;
        std::string expected;  // in the message, after "PATH"
    };
    const std::vector<Case> csv_cases{
        {"empty file", "", ": empty file"},
        {"only a header", kHeader, ": no hospitals"},
        {"header lacks capabilities", "id,name,lat,lon\nH1,A,42.5,1.5\n", ":1: header row lacks column(s) capabilities"},
        {"header repeats a column", "id,name,lat,lon,capabilities,lat\nH1,A,42.5,1.5,,42.5\n", ":1: column 'lat' appears twice"},
        {"header names an unknown column", "id,name,lat,lon,capabilites\nH1,A,42.5,1.5,\n", ":1: unknown column 'capabilites'"},
        {"row with a field too few", kHeader + "H1,A,42.5,1.5,trauma\nH2,B,42.5,1.5\n", ":3: expected 5 fields"},
        {"unclosed quote", kHeader + "H1,\"A,42.5,1.5,trauma\n", ":2: quoted field is never closed"},
        {"empty id", kHeader + "H1,A,42.5,1.5,\n ,B,42.5,1.5,\n", ":3: id is empty"},
        {"empty name", kHeader + "H1,,42.5,1.5,\n", ":2: name is empty"},
        {"name not UTF-8", kHeader + "H1,Cl\xEDnica,42.5,1.5,\n", ":2: name is not valid UTF-8"},
        {"latitude not a number", kHeader + "H1,A,north,1.5,\n", ":2: latitude 'north' is not a number"},
        {"latitude out of range", kHeader + "H1,A,142.5,1.5,\n", ":2: latitude 142.5 is outside [-90, 90]"},
        {"longitude out of range", kHeader + "H1,A,42.5,-181,\n", ":2: longitude -181 is outside [-180, 180]"},
        {"latitude not finite", kHeader + "H1,A,nan,1.5,\n", ":2: latitude 'nan' is not a finite number"},
        {"latitude empty", kHeader + "H1,A,,1.5,\n", ":2: latitude is empty"},
        {"capability in capitals", kHeader + "H1,A,42.5,1.5,Stroke\n", ":2: capability 'Stroke' is not a capability word"},
        {"capability with a space", kHeader + "H1,A,42.5,1.5,chest pain\n", ":2: capability 'chest pain'"},
        {"capability with a digit", kHeader + "H1,A,42.5,1.5,level2\n", ":2: capability 'level2'"},
        {"empty capability", kHeader + "H1,A,42.5,1.5,stroke;;trauma\n", ":2: empty capability"},
        {"duplicate id", kHeader + "H1,A,42.5,1.5,\nH2,B,42.5,1.5,\nH1,C,42.5,1.5,\n",
         ":4: id 'H1' is already used on line 2"},
    };
    int n = 0;
    for (const Case& c : csv_cases) {
        const std::string path = dir.write("bad" + std::to_string(n++) + ".csv", c.content);
        INFO(c.what);
        CHECK_THAT(read_error(path), Catch::StartsWith(path + c.expected));
    }
    const std::string row = R"("id":"H1","name":"A","lat":42.5,"lon":1.5)";
    const std::vector<Case> jsonl_cases{
        {"not JSON", "{" + row + "}\n{\"id\":\"H2\",\n", ":2: not valid JSON"},
        {"not an object", "[1,2]\n", ":1: expected a JSON object, found array"},
        {"latitude missing", R"({"id":"H1","name":"A","lon":1.5})", ":1: latitude (lat) is missing"},
        {"latitude a string", R"({"id":"H1","name":"A","lat":"42.5","lon":1.5})", ":1: latitude must be a number"},
        {"longitude out of range", R"({"id":"H1","name":"A","lat":42.5,"lon":181})", ":1: longitude 181 is outside"},
        {"unknown key", "{" + row + R"(,"capabilties":["stroke"]})", ":1: unknown key 'capabilties'"},
        {"capabilities a string", "{" + row + R"(,"capabilities":"stroke"})", ":1: capabilities must be an array"},
        {"bad capability", "{" + row + R"(,"capabilities":["stroke","Trauma"]})", ":1: capability 'Trauma'"},
        {"empty name", R"({"id":"H1","name":"","lat":42.5,"lon":1.5})", ":1: name is empty"},
        {"duplicate id", "{" + row + "}\n\n{" + row + "}\n", ":3: id 'H1' is already used on line 1"},
        {"empty file", "\n\n", ": no hospitals"},
    };
    for (const Case& c : jsonl_cases) {
        const std::string path = dir.write("bad" + std::to_string(n++) + ".jsonl", c.content);
        INFO(c.what);
        CHECK_THAT(read_error(path), Catch::StartsWith(path + c.expected));
    }
    const std::string missing = dir.file("missing.csv");
    CHECK_THAT(read_error(missing), Catch::StartsWith(missing + ": cannot read"));
    std::filesystem::create_directory(dir.path() / "folder.csv");
    CHECK_THAT(read_error(dir.file("folder.csv")), Catch::Contains("cannot read: is a directory"));
    const std::string text = dir.write("hospitals.txt", kHeader + "H1,A,42.5,1.5,\n");
    CHECK_THAT(read_error(text), Catch::StartsWith(text + ": unknown hospitals file type '.txt'"));
}

