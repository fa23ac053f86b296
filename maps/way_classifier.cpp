#include "maps/way_classifier.hpp"

#include <array>
#include <string_view>

namespace ems120 {
namespace {

bool tag_is(const TagLookup& tag, const char* key, std::string_view value) {
    const char* v = tag(key);
    return v != nullptr && value == v;
}

Direction direction_of(const TagLookup& tag) {
    if (const char* oneway = tag("oneway")) {
        const std::string_view v = oneway;
        if (v == "yes" || v == "1" || v == "true") return Direction::forward_only;
        if (v == "-1" || v == "reverse") return Direction::backward_only;
        if (v == "no" || v == "false" || v == "0") return Direction::both;
    }
    // Motorways and roundabouts are one-way in OSM even when mappers leave the tag out.
    const bool implied = tag_is(tag, "highway", "motorway") || tag_is(tag, "junction", "roundabout") ||
                         tag_is(tag, "junction", "circular");
    return implied ? Direction::forward_only : Direction::both;
}

}  // namespace

bool access_forbids_ambulance(const TagLookup& tag) {
    // Most specific first: the first tag present decides, so emergency=yes lifts access=no.
    static constexpr std::array<const char*, 5> keys = {"ambulance", "emergency", "motorcar", "motor_vehicle",
                                                        "access"};
    for (const char* key : keys) {
        const char* value = tag(key);
        if (value == nullptr) continue;
        const std::string_view v = value;
        return v == "no" || v == "private" || v == "agricultural" || v == "forestry";
    }
    return false;
}

std::optional<WayRouting> classify_way(const RoadProfile& profile, const TagLookup& tag) {
    const char* highway = tag("highway");
    if (highway == nullptr) return std::nullopt;
    const std::string_view hw = highway;
    if (hw == "construction" || hw == "proposed") return std::nullopt;
    if (tag_is(tag, "area", "yes")) return std::nullopt;
    if (access_forbids_ambulance(tag)) return std::nullopt;

    const auto road_class = profile.class_of(hw);
    if (!road_class) return std::nullopt;

    WayRouting routing;
    routing.road_class = *road_class;
    routing.speed_kmh = profile.classes[*road_class].speed_kmh;
    if (profile.use_maxspeed) {
        if (const char* maxspeed = tag("maxspeed")) {
            if (const auto kmh = parse_maxspeed_kmh(maxspeed)) routing.speed_kmh = *kmh;
        }
    }
    routing.direction = direction_of(tag);
    return routing;
}

}  // namespace ems120
