#pragma once
// Guidance along an order's route, from the unit's live GPS fix, with nothing but the route's
// geometry (the unit has no map): how far is left along the road, how far the unit is from the
// route, and the next manoeuvre — a bend in the route — with its distance.
//
// A manoeuvre is where the route's direction changes: at each route vertex the course over the
// kTurnWindowM before it is compared with the course over the kTurnWindowM after it (so a turn
// drawn with several vertices counts once, and a long gentle curve does not count at all). The
// change, signed clockwise, names it:
//   under 20°        no manoeuvre (the road goes on)
//   20° to 45°       keep left / keep right
//   45° to 120°      turn left / turn right
//   120° to 165°     sharp left / sharp right
//   165° and more    make a U-turn
// Of the vertices within kTurnWindowM after the first one that bends, the sharpest is the turn.
// Without one before the end: arrive at destination. Geometry on a sphere (spherical_earth).
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "maps/lat_lon.hpp"

namespace ems120::agent {

inline constexpr double kTurnWindowM = 25.0;
inline constexpr double kKeepThresholdDeg = 20.0;
inline constexpr double kTurnThresholdDeg = 45.0;
inline constexpr double kSharpThresholdDeg = 120.0;
inline constexpr double kUTurnThresholdDeg = 165.0;

// Where a position is relative to a route (a polyline of at least two points).
struct RouteProgress {
    double along_m = 0;      // from the route's start to the route point nearest the position
    double remaining_m = 0;  // from that point to the route's end, along the route
    double length_m = 0;     // the whole route
    double off_route_m = 0;  // from the position to that point
};

// The nearest point of the whole route (not only ahead: a unit that reversed is shown so).
// Nothing for a route of fewer than two points.
std::optional<RouteProgress> progress_on_route(std::span<const LatLon> route, LatLon here);

enum class Manoeuvre : std::uint8_t {
    keep_left, keep_right, turn_left, turn_right, sharp_left, sharp_right, u_turn, arrive,
};

struct TurnInstruction {
    Manoeuvre manoeuvre = Manoeuvre::arrive;
    double distance_m = 0;  // from the position's nearest route point to the manoeuvre
};

// The manoeuvre for a signed course change (clockwise positive, degrees in [-180, 180]); nothing
// under kKeepThresholdDeg.
std::optional<Manoeuvre> manoeuvre_for(double course_change_deg);

// The next manoeuvre after `progress.along_m` on `route`.
TurnInstruction next_turn(std::span<const LatLon> route, const RouteProgress& progress);

// "turn right", "keep left", "make a U-turn", "arrive at destination".
std::string describe(Manoeuvre m);
// "in 350 m turn right", "in 1.2 km arrive at destination", "turn left now" (under 20 m).
std::string describe(const TurnInstruction& turn);
// "80 m", "350 m", "1.2 km", "25 km": rounded as a driver reads it.
std::string distance_text(double metres);

// The order's ETA scaled by the share of the route still to drive: the center's routed time
// assumes the road ahead is like the road behind. None without an ETA or a route length.
std::optional<std::int64_t> remaining_eta_ms(std::optional<std::uint32_t> order_eta_ms, const RouteProgress& progress);

}  // namespace ems120::agent
