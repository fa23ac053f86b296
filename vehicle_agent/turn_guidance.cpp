#include "vehicle_agent/turn_guidance.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

#include "vehicle_agent/spherical_earth.hpp"

namespace ems120::agent {

namespace {

constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

// Distance along the route where each vertex lies; back() is the route's length.
std::vector<double> vertex_distances(std::span<const LatLon> route) {
    std::vector<double> at(route.size(), 0.0);
    for (std::size_t i = 1; i < route.size(); ++i) at[i] = at[i - 1] + great_circle_distance_m(route[i - 1], route[i]);
    return at;
}

// The route point `s` metres from its start (clamped to the route).
LatLon point_at(std::span<const LatLon> route, const std::vector<double>& at, double s) {
    if (s <= 0) return route.front();
    for (std::size_t i = 1; i < route.size(); ++i) {
        if (s > at[i]) continue;
        const double piece = at[i] - at[i - 1];
        const double t = piece > 0 ? (s - at[i - 1]) / piece : 0.0;
        return {route[i - 1].lat + t * (route[i].lat - route[i - 1].lat), route[i - 1].lon + t * (route[i].lon - route[i - 1].lon)};
    }
    return route.back();
}

// Clockwise change from course `in` to course `out`, in [-180, 180].
double course_change(double in, double out) {
    double d = std::fmod(out - in + 540.0, 360.0) - 180.0;
    return d == -180.0 ? 180.0 : d;
}

}  // namespace

std::optional<RouteProgress> progress_on_route(std::span<const LatLon> route, LatLon here) {
    if (route.size() < 2) return std::nullopt;
    const std::vector<double> at = vertex_distances(route);
    // A plane tangent at the position: the nearest piece is close by, where it is exact enough.
    const double north = kEarthMeanRadiusM * kRadiansPerDegree;
    const double east = north * std::cos(here.lat * kRadiansPerDegree);
    RouteProgress best;
    best.off_route_m = INFINITY;
    for (std::size_t i = 1; i < route.size(); ++i) {
        const double ax = (route[i - 1].lon - here.lon) * east, ay = (route[i - 1].lat - here.lat) * north;
        const double bx = (route[i].lon - here.lon) * east, by = (route[i].lat - here.lat) * north;
        const double dx = bx - ax, dy = by - ay;
        const double length2 = dx * dx + dy * dy;
        const double t = length2 > 0 ? std::clamp(-(ax * dx + ay * dy) / length2, 0.0, 1.0) : 0.0;
        const double off = std::hypot(ax + t * dx, ay + t * dy);
        if (off < best.off_route_m) {
            best.off_route_m = off;
            best.along_m = at[i - 1] + t * (at[i] - at[i - 1]);
        }
    }
    best.length_m = at.back();
    best.remaining_m = std::max(0.0, best.length_m - best.along_m);
    return best;
}

std::optional<Manoeuvre> manoeuvre_for(double change) {
    const double a = std::fabs(change);
    const bool right = change > 0;
    if (a < kKeepThresholdDeg) return std::nullopt;
    if (a < kTurnThresholdDeg) return right ? Manoeuvre::keep_right : Manoeuvre::keep_left;
    if (a < kSharpThresholdDeg) return right ? Manoeuvre::turn_right : Manoeuvre::turn_left;
    if (a < kUTurnThresholdDeg) return right ? Manoeuvre::sharp_right : Manoeuvre::sharp_left;
    return Manoeuvre::u_turn;
}

TurnInstruction next_turn(std::span<const LatLon> route, const RouteProgress& progress) {
    TurnInstruction arrive{Manoeuvre::arrive, progress.remaining_m};
    if (route.size() < 3) return arrive;
    const std::vector<double> at = vertex_distances(route);
    const double length = at.back();
    const auto change_at = [&](std::size_t i) -> std::optional<double> {
        const LatLon before = point_at(route, at, at[i] - kTurnWindowM), after = point_at(route, at, at[i] + kTurnWindowM);
        if (great_circle_distance_m(before, route[i]) < 1.0 || great_circle_distance_m(route[i], after) < 1.0) return std::nullopt;
        return course_change(initial_course_deg(before, route[i]), initial_course_deg(route[i], after));
    };
    for (std::size_t i = 1; i + 1 < route.size(); ++i) {
        if (at[i] <= progress.along_m || at[i] >= length) continue;
        const auto first = change_at(i);
        if (!first || !manoeuvre_for(*first)) continue;
        // The sharpest bend within the window is the corner the crew will see.
        std::size_t corner = i;
        double sharpest = *first;
        for (std::size_t j = i + 1; j + 1 < route.size() && at[j] <= at[i] + kTurnWindowM; ++j)
            if (const auto c = change_at(j); c && std::fabs(*c) > std::fabs(sharpest)) corner = j, sharpest = *c;
        return {*manoeuvre_for(sharpest), at[corner] - progress.along_m};
    }
    return arrive;
}

std::string describe(Manoeuvre m) {
    switch (m) {
        case Manoeuvre::keep_left: return "keep left";
        case Manoeuvre::keep_right: return "keep right";
        case Manoeuvre::turn_left: return "turn left";
        case Manoeuvre::turn_right: return "turn right";
        case Manoeuvre::sharp_left: return "turn sharp left";
        case Manoeuvre::sharp_right: return "turn sharp right";
        case Manoeuvre::u_turn: return "make a U-turn";
        case Manoeuvre::arrive: return "arrive at destination";
    }
    return "?";
}

std::string distance_text(double metres) {
    char text[32];
    if (metres < 100) std::snprintf(text, sizeof text, "%.0f m", std::round(metres / 10) * 10);
    else if (metres < 995) std::snprintf(text, sizeof text, "%.0f m", std::round(metres / 50) * 50);
    else if (metres < 9950) std::snprintf(text, sizeof text, "%.1f km", metres / 1000);
    else std::snprintf(text, sizeof text, "%.0f km", metres / 1000);
    return text;
}

std::string describe(const TurnInstruction& turn) {
    if (turn.distance_m < 20) return turn.manoeuvre == Manoeuvre::arrive ? "arrived at destination" : describe(turn.manoeuvre) + " now";
    return "in " + distance_text(turn.distance_m) + " " + describe(turn.manoeuvre);
}

std::optional<std::int64_t> remaining_eta_ms(std::optional<std::uint32_t> order_eta_ms, const RouteProgress& progress) {
    if (!order_eta_ms || !(progress.length_m > 0)) return std::nullopt;
    return std::llround(*order_eta_ms * (progress.remaining_m / progress.length_m));
}

}  // namespace ems120::agent
