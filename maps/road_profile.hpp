#pragma once
// The ambulance road profile: which highway classes are roads and how fast an ambulance drives
// on them. The default is documented in docs/road-profile.md; a profile file overrides it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ems120 {

struct RoadClassSpeed {
    std::string highway;  // value of the OSM highway tag
    int speed_kmh = 0;    // 0 = not a road for this profile
};

struct RoadProfile {
    std::vector<RoadClassSpeed> classes;  // the position is the road class id stored on edges
    bool use_maxspeed = true;             // a valid maxspeed tag replaces the class speed

    static RoadProfile ambulance_default();

    // Class id of a highway value, or nothing when the profile does not drive on it.
    std::optional<std::uint8_t> class_of(std::string_view highway) const;
    std::vector<std::string> class_names() const;
    // Canonical text of the profile (same profile -> same text), for display and checksums.
    std::string canonical_text() const;
};

// Reads a profile file on top of the default profile. Format, one setting per line:
//   # comment
//   residential = 20        (speed in km/h for highway=residential; 0 drops the class)
//   busway = 30             (a class the default does not have is added)
//   use_maxspeed = no       (yes|no)
// Throws InputError naming the file and line for anything else.
RoadProfile load_road_profile(const std::string& path);

// km/h from an OSM maxspeed value: "50", "50 km/h", "30 mph". Nothing for "none", "signals",
// zone codes like "DE:urban", zero, absurd values or anything unparsable.
std::optional<double> parse_maxspeed_kmh(std::string_view value);

}  // namespace ems120
