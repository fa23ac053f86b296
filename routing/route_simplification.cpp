#include "routing/route_simplification.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace ems120 {

namespace {

constexpr double kMetresPerDegree = 6371008.8 * std::numbers::pi / 180.0;  // on the mean-radius sphere

// Distance from p to the segment a-b, in a plane tangent at a (east scaled by cos latitude): the
// pieces Douglas-Peucker compares are route sections a few kilometres long at most, where the
// plane is off by far less than the metre-scale tolerance.
double distance_to_segment_m(LatLon p, LatLon a, LatLon b) {
    const double east_scale = std::cos(a.lat * std::numbers::pi / 180.0) * kMetresPerDegree;
    const double bx = (b.lon - a.lon) * east_scale, by = (b.lat - a.lat) * kMetresPerDegree;
    const double px = (p.lon - a.lon) * east_scale, py = (p.lat - a.lat) * kMetresPerDegree;
    const double length2 = bx * bx + by * by;
    const double t = length2 == 0.0 ? 0.0 : std::clamp((px * bx + py * by) / length2, 0.0, 1.0);
    return std::hypot(px - t * bx, py - t * by);
}

}  // namespace

std::vector<LatLon> simplify_route(std::span<const LatLon> points, double tolerance_m) {
    if (points.size() <= 2) return {points.begin(), points.end()};
    std::vector<bool> keep(points.size(), false);
    keep.front() = keep.back() = true;
    // An explicit stack: a route of thousands of points must not recurse thousands deep.
    std::vector<std::pair<std::size_t, std::size_t>> pieces{{0, points.size() - 1}};
    while (!pieces.empty()) {
        const auto [first, last] = pieces.back();
        pieces.pop_back();
        double farthest = -1.0;
        std::size_t at = first;
        for (std::size_t i = first + 1; i < last; ++i) {
            const double d = distance_to_segment_m(points[i], points[first], points[last]);
            if (d > farthest) farthest = d, at = i;
        }
        if (farthest <= tolerance_m) continue;
        keep[at] = true;
        if (at - first > 1) pieces.emplace_back(first, at);
        if (last - at > 1) pieces.emplace_back(at, last);
    }
    std::vector<LatLon> out;
    for (std::size_t i = 0; i < points.size(); ++i)
        if (keep[i]) out.push_back(points[i]);
    return out;
}

}  // namespace ems120
