#include "maps/way_classifier.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <string>

using ems120::access_forbids_ambulance;
using ems120::classify_way;
using ems120::Direction;
using ems120::RoadProfile;

namespace {

using Tags = std::map<std::string, std::string>;

ems120::TagLookup lookup(const Tags& tags) {
    return [&tags](const char* key) -> const char* {
        const auto it = tags.find(key);
        return it == tags.end() ? nullptr : it->second.c_str();
    };
}

std::optional<ems120::WayRouting> classify(const Tags& tags,
                                           const RoadProfile& profile = RoadProfile::ambulance_default()) {
    return classify_way(profile, lookup(tags));
}

bool forbidden(const Tags& tags) { return access_forbids_ambulance(lookup(tags)); }

Direction direction(const Tags& tags) {
    const auto routing = classify(tags);
    REQUIRE(routing);
    return routing->direction;
}

}  // namespace

TEST_CASE("a residential street is driven at 25 km/h in both directions") {
    const auto r = classify({{"highway", "residential"}});
    REQUIRE(r);
    CHECK(r->road_class == 11);
    CHECK(r->speed_kmh == 25.0);
    CHECK(r->direction == Direction::both);
}

TEST_CASE("a way without a highway tag is not a road") {
    CHECK_FALSE(classify({}));
    CHECK_FALSE(classify({{"railway", "rail"}, {"maxspeed", "120"}}));
}

TEST_CASE("roads under construction or only proposed are not driven") {
    CHECK_FALSE(classify({{"highway", "construction"}, {"construction", "primary"}}));
    CHECK_FALSE(classify({{"highway", "proposed"}, {"proposed", "motorway"}}));
}

TEST_CASE("a pedestrian square mapped as area=yes is not a road even with a road class") {
    CHECK_FALSE(classify({{"highway", "service"}, {"area", "yes"}}));
    CHECK(classify({{"highway", "service"}, {"area", "no"}}));
}

TEST_CASE("a footway is not an ambulance road") {
    CHECK_FALSE(classify({{"highway", "footway"}}));
    CHECK_FALSE(classify({{"highway", "cycleway"}, {"motor_vehicle", "yes"}}));
}

TEST_CASE("a class the profile sets to speed 0 is not driven") {
    auto profile = RoadProfile::ambulance_default();
    profile.classes[14].speed_kmh = 0;  // track
    CHECK_FALSE(classify({{"highway", "track"}}, profile));
    CHECK(classify({{"highway", "track"}}));
}

TEST_CASE("a class the profile adds is driven at its speed") {
    auto profile = RoadProfile::ambulance_default();
    profile.classes.push_back({"busway", 30});
    const auto r = classify({{"highway", "busway"}}, profile);
    REQUIRE(r);
    CHECK(r->road_class == 16);
    CHECK(r->speed_kmh == 30.0);
}

TEST_CASE("a track tagged maxspeed=30 mph is driven at 48.28 km/h") {
    const auto r = classify({{"highway", "track"}, {"maxspeed", "30 mph"}});
    REQUIRE(r);
    CHECK(r->speed_kmh == Approx(48.28032));
}

TEST_CASE("a primary road tagged maxspeed=40 is driven at 40 km/h, not the class 60") {
    const auto r = classify({{"highway", "primary"}, {"maxspeed", "40"}});
    REQUIRE(r);
    CHECK(r->speed_kmh == 40.0);
    CHECK(r->road_class == 4);
}

TEST_CASE("a maxspeed that is not a number keeps the class speed") {
    for (const char* v : {"none", "signals", "walk", "DE:urban", "50;60"}) {
        INFO("maxspeed=" << v);
        const auto r = classify({{"highway", "secondary"}, {"maxspeed", v}});
        REQUIRE(r);
        CHECK(r->speed_kmh == 50.0);
    }
}

TEST_CASE("with use_maxspeed off the class speed is used whatever maxspeed says") {
    auto profile = RoadProfile::ambulance_default();
    profile.use_maxspeed = false;
    const auto r = classify({{"highway", "primary"}, {"maxspeed", "100"}}, profile);
    REQUIRE(r);
    CHECK(r->speed_kmh == 60.0);
}

TEST_CASE("access=no keeps the ambulance out") {
    CHECK(forbidden({{"highway", "service"}, {"access", "no"}}));
    CHECK_FALSE(classify({{"highway", "service"}, {"access", "no"}}));
}

TEST_CASE("private, agricultural and forestry access keep the ambulance out") {
    for (const char* v : {"private", "agricultural", "forestry"}) {
        INFO("access=" << v);
        CHECK_FALSE(classify({{"highway", "track"}, {"access", v}}));
        CHECK(forbidden({{"highway", "track"}, {"access", v}}));
    }
}

TEST_CASE("access=destination, permissive or yes lets the ambulance in") {
    for (const char* v : {"destination", "permissive", "yes", "customers"}) {
        INFO("access=" << v);
        CHECK(classify({{"highway", "service"}, {"access", v}}));
        CHECK_FALSE(forbidden({{"highway", "service"}, {"access", v}}));
    }
}

TEST_CASE("a road closed to traffic but open to emergency vehicles is driven") {
    CHECK(classify({{"highway", "service"}, {"access", "no"}, {"emergency", "yes"}}));
    CHECK_FALSE(forbidden({{"highway", "service"}, {"access", "no"}, {"emergency", "yes"}}));
}

TEST_CASE("a road designated for ambulances is driven even when access is private") {
    CHECK(classify({{"highway", "service"}, {"access", "private"}, {"ambulance", "designated"}}));
}

TEST_CASE("motor_vehicle=private keeps the ambulance out") {
    CHECK_FALSE(classify({{"highway", "residential"}, {"motor_vehicle", "private"}}));
    CHECK(forbidden({{"highway", "residential"}, {"motor_vehicle", "private"}}));
}

TEST_CASE("motorcar=yes opens a road that access=no closes") {
    CHECK(classify({{"highway", "unclassified"}, {"access", "no"}, {"motorcar", "yes"}}));
}

TEST_CASE("motorcar=no closes a road that motor_vehicle=yes opens") {
    CHECK_FALSE(classify({{"highway", "unclassified"}, {"motor_vehicle", "yes"}, {"motorcar", "no"}}));
}

TEST_CASE("emergency=no keeps the ambulance out even where access=yes") {
    CHECK_FALSE(classify({{"highway", "primary"}, {"emergency", "no"}}));
    CHECK_FALSE(classify({{"highway", "primary"}, {"access", "yes"}, {"emergency", "no"}}));
}

TEST_CASE("ambulance=yes wins over emergency=no") {
    CHECK(classify({{"highway", "primary"}, {"emergency", "no"}, {"ambulance", "yes"}}));
}

TEST_CASE("access rules are reported only for ways they exclude") {
    CHECK_FALSE(forbidden({{"highway", "footway"}}));
    CHECK_FALSE(forbidden({{"highway", "construction"}}));
    CHECK_FALSE(forbidden({}));
}

TEST_CASE("oneway=yes, 1 or true is driven forward only") {
    for (const char* v : {"yes", "1", "true"}) {
        INFO("oneway=" << v);
        CHECK(direction({{"highway", "residential"}, {"oneway", v}}) == Direction::forward_only);
    }
}

TEST_CASE("oneway=-1 or reverse is driven against the way's node order only") {
    CHECK(direction({{"highway", "residential"}, {"oneway", "-1"}}) == Direction::backward_only);
    CHECK(direction({{"highway", "residential"}, {"oneway", "reverse"}}) == Direction::backward_only);
}

TEST_CASE("a motorway is one-way even without a oneway tag") {
    CHECK(direction({{"highway", "motorway"}}) == Direction::forward_only);
    CHECK(direction({{"highway", "motorway_link"}}) == Direction::both);
}

TEST_CASE("a roundabout is one-way even without a oneway tag") {
    CHECK(direction({{"highway", "tertiary"}, {"junction", "roundabout"}}) == Direction::forward_only);
    CHECK(direction({{"highway", "tertiary"}, {"junction", "circular"}}) == Direction::forward_only);
}

TEST_CASE("oneway=no makes a motorway or roundabout two-way") {
    for (const char* v : {"no", "false", "0"}) {
        INFO("oneway=" << v);
        CHECK(direction({{"highway", "motorway"}, {"oneway", v}}) == Direction::both);
        CHECK(direction({{"highway", "primary"}, {"junction", "roundabout"}, {"oneway", v}}) == Direction::both);
    }
}

TEST_CASE("an unknown oneway value such as alternating falls back to the implied direction") {
    CHECK(direction({{"highway", "residential"}, {"oneway", "alternating"}}) == Direction::both);
    CHECK(direction({{"highway", "motorway"}, {"oneway", "reversible"}}) == Direction::forward_only);
    CHECK(direction({{"highway", "primary"}, {"junction", "roundabout"}, {"oneway", "alternating"}}) ==
          Direction::forward_only);
}
