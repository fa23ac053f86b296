#pragma once
// The simulated fleet: each unit's id, home station and shift. From a planner's fleet file
//   CSV with the header id,station,lat,lon[,shift]         (shift like 08:00-20:00; empty: 24 h)
//   JSON lines: {"id": "A1", "station": "North", "lat": 42.5, "lon": 1.5, "shift": "08:00-20:00"}
// or made up: N units at each station, plus one unit at each proposed site.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "maps/lat_lon.hpp"
#include "maps/map_point.hpp"
#include "routing/segment_index.hpp"

namespace ems120::planning {

// On duty from `start_min` to `end_min` (minutes after midnight); a shift may cross midnight
// (20:00-08:00). All day when start == end.
struct Shift {
    std::uint32_t start_min = 0;
    std::uint32_t end_min = 0;

    bool all_day() const { return start_min == end_min; }
    bool on_duty_at(std::int64_t time_ms) const;
    // Minutes of duty in one day.
    std::uint32_t minutes_per_day() const;
    // Milliseconds of duty within [from_ms, to_ms) of the simulated clock.
    std::int64_t duty_within(std::int64_t from_ms, std::int64_t to_ms) const;
};

// "HH:MM-HH:MM" (24:00 allowed as an end), or "" / "24h" for all day. Throws InputError with
// `where` in front.
Shift parse_shift(const std::string& text, const std::string& where);

struct FleetUnit {
    std::string id;
    std::string station;  // the home station's name
    LatLon home;
    Shift shift;
    std::string source;  // "FILE:LINE" for a unit from a file, else empty
};

// Throws InputError naming the file and line for a missing column or field, a bad coordinate or
// shift, a repeated id, or a file without units.
std::vector<FleetUnit> read_fleet_file(const std::string& path);

// `per_station` units at each station, ids U001, U002, ... in station order.
std::vector<FleetUnit> fleet_at_stations(std::span<const MapPoint> stations, std::uint32_t per_station);

// One unit at each proposed site, ids P01, P02, ...
std::vector<FleetUnit> units_at_sites(std::span<const MapPoint> sites);

// The proposed sites of a `plan sites --out` file: GeoJSON points (or CSV rows) whose role is
// "proposed"; a file without roles (CSV name,lat,lon) is all proposed sites. Throws InputError
// when none is proposed.
std::vector<MapPoint> read_proposed_sites(const std::string& path);

// Throws InputError naming the unit (and its file row) whose home is farther than `max_snap_m`
// from every road of the map.
void check_fleet_on_map(std::span<const FleetUnit> fleet, const SegmentIndex& roads, double max_snap_m);

}  // namespace ems120::planning
