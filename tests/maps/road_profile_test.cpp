#include "maps/road_profile.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "maps/input_error.hpp"
#include "tests/support/temp_dir.hpp"

using ems120::InputError;
using ems120::load_road_profile;
using ems120::parse_maxspeed_kmh;
using ems120::RoadProfile;
using Catch::Contains;

namespace {

int speed_of(const RoadProfile& p, const std::string& highway) {
    for (const auto& c : p.classes)
        if (c.highway == highway) return c.speed_kmh;
    return -1;
}

// Loads a profile file with the given content; errors propagate.
RoadProfile load_text(const std::string& content) {
    const ems120::test::TempDir dir;
    return load_road_profile(dir.write("ambulance.profile", content));
}

// A profile file in its own directory, for the error cases.
struct BadProfile {
    ems120::test::TempDir dir;
    std::string file = dir.file("bad.profile");
    RoadProfile load(const std::string& content) const { return load_road_profile(dir.write("bad.profile", content)); }
};

}  // namespace

TEST_CASE("the default ambulance profile drives the sixteen road classes in a fixed order") {
    const auto p = RoadProfile::ambulance_default();
    const std::vector<std::string> expected = {
        "motorway",     "motorway_link", "trunk",       "trunk_link",    "primary",       "primary_link",
        "secondary",    "secondary_link", "tertiary",   "tertiary_link", "unclassified",  "residential",
        "living_street", "service",      "track",       "road"};
    CHECK(p.class_names() == expected);
    const std::vector<int> speeds = {90, 45, 80, 40, 60, 30, 50, 25, 40, 20, 30, 25, 10, 15, 10, 20};
    REQUIRE(p.classes.size() == speeds.size());
    for (std::size_t i = 0; i < speeds.size(); ++i) {
        INFO(p.classes[i].highway);
        CHECK(p.classes[i].speed_kmh == speeds[i]);
    }
    CHECK(p.use_maxspeed);
}

TEST_CASE("a road class id is its position in the profile") {
    const auto p = RoadProfile::ambulance_default();
    CHECK(p.class_of("motorway") == std::uint8_t{0});
    CHECK(p.class_of("residential") == std::uint8_t{11});
    CHECK(p.class_of("road") == std::uint8_t{15});
}

TEST_CASE("footways, cycleways and unknown highway values are not ambulance roads by default") {
    const auto p = RoadProfile::ambulance_default();
    CHECK_FALSE(p.class_of("footway"));
    CHECK_FALSE(p.class_of("cycleway"));
    CHECK_FALSE(p.class_of("path"));
    CHECK_FALSE(p.class_of("construction"));
    CHECK_FALSE(p.class_of(""));
}

TEST_CASE("the canonical text lists every class in order, then use_maxspeed") {
    auto p = RoadProfile::ambulance_default();
    const std::string text = p.canonical_text();
    CHECK(text.rfind("motorway = 90\nmotorway_link = 45\n", 0) == 0);
    CHECK_THAT(text, Catch::EndsWith("track = 10\nroad = 20\nuse_maxspeed = yes\n"));
    CHECK(text == RoadProfile::ambulance_default().canonical_text());
    p.use_maxspeed = false;
    CHECK_THAT(p.canonical_text(), Catch::EndsWith("use_maxspeed = no\n"));
}

TEST_CASE("a profile file changes a class speed and keeps the rest of the default") {
    const auto p = load_text("residential = 20\n");
    CHECK(speed_of(p, "residential") == 20);
    CHECK(p.class_of("residential") == std::uint8_t{11});
    CHECK(speed_of(p, "motorway") == 90);
    CHECK(p.classes.size() == 16);
}

TEST_CASE("a profile file adds a class the default does not have at the end") {
    const auto p = load_text("busway = 30\n");
    CHECK(p.class_of("busway") == std::uint8_t{16});
    CHECK(speed_of(p, "busway") == 30);
    CHECK_THAT(p.canonical_text(), Contains("road = 20\nbusway = 30\nuse_maxspeed = yes\n"));
}

TEST_CASE("speed 0 keeps a class in the list but the ambulance no longer drives it") {
    const auto p = load_text("track = 0\n");
    CHECK(speed_of(p, "track") == 0);
    CHECK(p.classes.size() == 16);
    CHECK_FALSE(p.class_of("track"));
    CHECK(p.class_of("road") == std::uint8_t{15});
}

TEST_CASE("a profile file can switch use_maxspeed off and on") {
    CHECK_FALSE(load_text("use_maxspeed = no\n").use_maxspeed);
    CHECK(load_text("use_maxspeed = yes\n").use_maxspeed);
}

TEST_CASE("comments, blank lines, CRLF and loose whitespace are accepted in a profile file") {
    const auto p = load_text(
        "\xEF\xBB\xBF# ambulance profile for Shenzhen\r\n"
        "\r\n"
        "   residential=22   \r\n"
        "\tservice =\t12  # narrow lanes\r\n"
        "use_maxspeed   =   no\r\n");
    CHECK(speed_of(p, "residential") == 22);
    CHECK(speed_of(p, "service") == 12);
    CHECK_FALSE(p.use_maxspeed);
}

TEST_CASE("an empty profile file gives the default profile") {
    CHECK(load_text("").canonical_text() == RoadProfile::ambulance_default().canonical_text());
}

TEST_CASE("a missing profile file is reported with its path") {
    const ems120::test::TempDir dir;
    const std::string path = dir.file("nowhere.profile");
    CHECK_THROWS_AS(load_road_profile(path), InputError);
    CHECK_THROWS_WITH(load_road_profile(path), Contains(path + ": cannot read:"));
}

TEST_CASE("a directory given as profile file is reported as unreadable") {
    const ems120::test::TempDir dir;
    CHECK_THROWS_WITH(load_road_profile(dir.path().string()), Contains(": cannot read: is a directory"));
}

TEST_CASE("a profile line without '=' is rejected with its file and line") {
    const BadProfile bad;
    CHECK_THROWS_WITH(bad.load("# ok\nresidential 20\n"), Contains(bad.file + ":2:"));
}

TEST_CASE("a profile line with nothing before '=' is rejected") {
    const BadProfile bad;
    CHECK_THROWS_WITH(bad.load("= 20\n"), Contains(bad.file + ":1:") && Contains("missing name"));
}

TEST_CASE("a profile speed that is not a whole number of km/h is rejected") {
    const BadProfile bad;
    CHECK_THROWS_WITH(bad.load("residential = 20.5\n"), Contains(bad.file + ":1:") && Contains("not an integer"));
    CHECK_THROWS_WITH(bad.load("residential = fast\n"), Contains(bad.file + ":1:") && Contains("not an integer"));
    CHECK_THROWS_WITH(bad.load("residential =\n"), Contains(bad.file + ":1:") && Contains("not an integer"));
    CHECK_THROWS_WITH(bad.load("residential = 20 km/h\n"), Contains(bad.file + ":1:"));
}

TEST_CASE("a negative profile speed is rejected") {
    const BadProfile bad;
    CHECK_THROWS_WITH(bad.load("\n\nresidential = -5\n"), Contains(bad.file + ":3:") && Contains("outside 0..200"));
}

TEST_CASE("a profile speed above 200 km/h is rejected") {
    const BadProfile bad;
    CHECK_THROWS_WITH(bad.load("motorway = 201\n"), Contains(bad.file + ":1:") && Contains("outside 0..200"));
    CHECK_THROWS_WITH(bad.load("motorway = 99999999999999\n"), Contains(bad.file + ":1:") && Contains("outside"));
}

TEST_CASE("a profile setting given twice is rejected on its second line") {
    const BadProfile bad;
    CHECK_THROWS_WITH(bad.load("service = 10\nservice = 12\n"),
                      Contains(bad.file + ":2:") && Contains("already set on line 1"));
    CHECK_THROWS_WITH(bad.load("use_maxspeed = no\nuse_maxspeed = yes\n"), Contains(bad.file + ":2:"));
}

TEST_CASE("use_maxspeed in a profile only takes yes or no") {
    const BadProfile bad;
    CHECK_THROWS_WITH(bad.load("use_maxspeed = true\n"), Contains(bad.file + ":1:") && Contains("yes or no"));
}

TEST_CASE("a profile cannot make construction or proposed roads drivable") {
    const BadProfile bad;
    CHECK_THROWS_WITH(bad.load("construction = 10\n"), Contains(bad.file + ":1:") && Contains("never a road"));
    CHECK_THROWS_WITH(bad.load("proposed = 10\n"), Contains(bad.file + ":1:") && Contains("never a road"));
}

TEST_CASE("a profile with more than 250 classes is rejected") {
    const BadProfile bad;
    std::string content;
    for (int i = 0; i < 234; ++i) content += "class" + std::to_string(i) + " = 10\n";
    CHECK_NOTHROW(bad.load(content));  // 16 default + 234 = 250 classes is the limit
    content += "one_too_many = 10\n";
    CHECK_THROWS_WITH(bad.load(content), Contains(bad.file + ":235:") && Contains("more than 250"));
}

TEST_CASE("a 250-class profile still gives every class an id that fits a byte") {
    std::string content;
    for (int i = 0; i < 234; ++i) content += "class" + std::to_string(i) + " = 10\n";
    const auto p = load_text(content);
    CHECK(p.classes.size() == 250);
    CHECK(p.class_of("class233") == std::uint8_t{249});
}

TEST_CASE("maxspeed=50 and its km/h spellings mean 50 km/h") {
    for (const char* v : {"50", "50 km/h", "50 kmh", "50kmh", "50km/h", " 50 "}) {
        INFO(v);
        CHECK(parse_maxspeed_kmh(v) == 50.0);
    }
}

TEST_CASE("maxspeed=30 mph is 48.28032 km/h") {
    CHECK(parse_maxspeed_kmh("30 mph") == Approx(48.28032));
    CHECK(parse_maxspeed_kmh("30mph") == Approx(48.28032));
}

TEST_CASE("a decimal maxspeed such as 7.5 is accepted") {
    CHECK(parse_maxspeed_kmh("7.5") == 7.5);
    CHECK(parse_maxspeed_kmh("300") == 300.0);
}

TEST_CASE("maxspeed values that are not a number of km/h give no speed") {
    for (const char* v : {"none", "signals", "walk", "DE:urban", "RU:rural", "", "0", "0.0", "-30", "301", "50;60",
                          "fast", "50 km/h fast", "50 knots", "7.", ".5", "nan", "inf", "1e2", "+50"}) {
        INFO("maxspeed=" << v);
        CHECK_FALSE(parse_maxspeed_kmh(v));
    }
}
