#pragma once
// Decides from a way's tags whether an ambulance can drive it, in which directions, how fast.
// Tags come through a lookup function so libosmium stays out of this header.
#include <cstdint>
#include <functional>
#include <optional>

#include "maps/road_profile.hpp"

namespace ems120 {

enum class Direction : std::uint8_t { both, forward_only, backward_only };

struct WayRouting {
    std::uint8_t road_class = 0;
    double speed_kmh = 0.0;
    Direction direction = Direction::both;
};

// The tags that decide; nullptr where the way does not have the tag. Filled in one scan over a
// way's tags, since looking each key up separately was a tenth of the map's build time.
struct WayTags {
    const char* highway = nullptr;
    const char* oneway = nullptr;
    const char* junction = nullptr;
    const char* maxspeed = nullptr;
    const char* area = nullptr;
    const char* ambulance = nullptr;
    const char* emergency = nullptr;
    const char* motorcar = nullptr;
    const char* motor_vehicle = nullptr;
    const char* access = nullptr;

    // Remembers `value` if `key` is one of the fields above.
    void take(const char* key, const char* value);
};

// Returns the tag's value or nullptr when the way does not have it.
using TagLookup = std::function<const char*(const char* key)>;
WayTags way_tags_from(const TagLookup& tag);

// Nothing when the way is not an ambulance road: no highway tag or a class the profile does not
// drive, area=yes, highway=construction|proposed, or closed by access tags: of ambulance,
// emergency, motorcar, motor_vehicle, access (most specific first) the first one present decides,
// and no|private|agricultural|forestry close the way (so access=no + emergency=yes is open).
std::optional<WayRouting> classify_way(const RoadProfile& profile, const WayTags& tags);
inline std::optional<WayRouting> classify_way(const RoadProfile& profile, const TagLookup& tag) {
    return classify_way(profile, way_tags_from(tag));
}

// Whether the way's access tags exclude it (exposed for reporting how many ways were excluded).
bool access_forbids_ambulance(const WayTags& tags);
inline bool access_forbids_ambulance(const TagLookup& tag) { return access_forbids_ambulance(way_tags_from(tag)); }

}  // namespace ems120
