#include "maps/way_classifier.hpp"

#include <string_view>

namespace ems120 {
namespace {

bool is(const char* tag_value, std::string_view value) { return tag_value != nullptr && value == tag_value; }

Direction direction_of(const WayTags& tags) {
    if (const char* oneway = tags.oneway) {
        const std::string_view v = oneway;
        if (v == "yes" || v == "1" || v == "true") return Direction::forward_only;
        if (v == "-1" || v == "reverse") return Direction::backward_only;
        if (v == "no" || v == "false" || v == "0") return Direction::both;
    }
    // Motorways and roundabouts are one-way in OSM even when mappers leave the tag out.
    const bool implied =
        is(tags.highway, "motorway") || is(tags.junction, "roundabout") || is(tags.junction, "circular");
    return implied ? Direction::forward_only : Direction::both;
}

}  // namespace

void WayTags::take(const char* key, const char* value) {
    // Dispatch on the first letter: most tags of a way match none of these keys.
    const std::string_view k = key;
    switch (key[0]) {
        case 'h': if (k == "highway") highway = value; break;
        case 'o': if (k == "oneway") oneway = value; break;
        case 'j': if (k == "junction") junction = value; break;
        case 'a':
            if (k == "access") access = value;
            else if (k == "area") area = value;
            else if (k == "ambulance") ambulance = value;
            break;
        case 'e': if (k == "emergency") emergency = value; break;
        case 'm':
            if (k == "maxspeed") maxspeed = value;
            else if (k == "motorcar") motorcar = value;
            else if (k == "motor_vehicle") motor_vehicle = value;
            break;
        default: break;
    }
}

WayTags way_tags_from(const TagLookup& tag) {
    WayTags tags;
    for (const char* key : {"highway", "oneway", "junction", "maxspeed", "area", "ambulance", "emergency", "motorcar",
                            "motor_vehicle", "access"})
        if (const char* value = tag(key)) tags.take(key, value);
    return tags;
}

bool access_forbids_ambulance(const WayTags& tags) {
    // Most specific first: the first tag present decides, so emergency=yes lifts access=no.
    for (const char* value : {tags.ambulance, tags.emergency, tags.motorcar, tags.motor_vehicle, tags.access}) {
        if (value == nullptr) continue;
        const std::string_view v = value;
        return v == "no" || v == "private" || v == "agricultural" || v == "forestry";
    }
    return false;
}

std::optional<WayRouting> classify_way(const RoadProfile& profile, const WayTags& tags) {
    const char* highway = tags.highway;
    if (highway == nullptr) return std::nullopt;
    const std::string_view hw = highway;
    if (hw == "construction" || hw == "proposed") return std::nullopt;
    if (is(tags.area, "yes")) return std::nullopt;
    if (access_forbids_ambulance(tags)) return std::nullopt;

    const auto road_class = profile.class_of(hw);
    if (!road_class) return std::nullopt;

    WayRouting routing;
    routing.road_class = *road_class;
    routing.speed_kmh = profile.classes[*road_class].speed_kmh;
    if (profile.use_maxspeed) {
        if (const char* maxspeed = tags.maxspeed) {
            if (const auto kmh = parse_maxspeed_kmh(maxspeed)) routing.speed_kmh = *kmh;
        }
    }
    routing.direction = direction_of(tags);
    return routing;
}

}  // namespace ems120
