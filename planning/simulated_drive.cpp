#include "planning/simulated_drive.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "routing/route_endpoint.hpp"

namespace ems120::planning {

namespace {

// Initial bearing from a to b, degrees clockwise from north (a local flat approximation: the
// pieces of a route are metres to a few hundred metres long).
double bearing_deg(LatLon a, LatLon b) {
    const double dx = (b.lon - a.lon) * std::cos(a.lat * std::numbers::pi / 180.0);
    const double dy = b.lat - a.lat;
    const double deg = std::atan2(dx, dy) * 180.0 / std::numbers::pi;
    return deg < 0 ? deg + 360.0 : deg;
}

// Metres between two nearby points on a local flat approximation: only the shares of the path's
// length matter here, and a geodesic per piece cost more than the rest of the simulation.
double flat_distance_m(LatLon a, LatLon b) {
    constexpr double kMetresPerDegree = 111'195.0;
    const double dx = (b.lon - a.lon) * std::cos((a.lat + b.lat) * 0.5 * std::numbers::pi / 180.0);
    const double dy = b.lat - a.lat;
    return std::sqrt(dx * dx + dy * dy) * kMetresPerDegree;
}

}  // namespace

void SimulatedDrive::route(ChQuery& query) {
    routed_ = true;
    const Snap from = routing_.segments->nearest(from_);
    const Snap to = routing_.segments->nearest(to_);
    if (!from.found() || !to.found()) return;
    Route r = query.route(from, to);
    if (!r.found || r.geometry.size() < 2) return;
    path_ = std::move(r.geometry);
    along_m_.assign(path_.size(), 0.0);
    for (std::size_t i = 1; i < path_.size(); ++i) along_m_[i] = along_m_[i - 1] + flat_distance_m(path_[i - 1], path_[i]);
}

dispatch::UnitPosition SimulatedDrive::position_at(std::int64_t time_ms, ChQuery& query) {
    const std::int64_t duration = arrive_ms_ - depart_ms_;
    const double progress = duration <= 0 ? 1.0 : std::clamp(static_cast<double>(time_ms - depart_ms_) / static_cast<double>(duration), 0.0, 1.0);
    if (!routed_ && progress > 0.0 && progress < 1.0) route(query);
    if (path_.empty() || along_m_.back() <= 0.0 || progress <= 0.0 || progress >= 1.0)
        return {progress < 0.5 ? from_ : to_, std::nullopt, std::nullopt, time_ms};

    const double target = progress * along_m_.back();
    const std::size_t i = static_cast<std::size_t>(std::upper_bound(along_m_.begin(), along_m_.end(), target) - along_m_.begin());
    const std::size_t piece = std::clamp<std::size_t>(i, 1, path_.size() - 1);  // the path piece [piece-1, piece]
    const LatLon a = path_[piece - 1], b = path_[piece];
    const double span = along_m_[piece] - along_m_[piece - 1];
    const double f = span > 0 ? std::clamp((target - along_m_[piece - 1]) / span, 0.0, 1.0) : 0.0;
    dispatch::UnitPosition at;
    at.location = {a.lat + (b.lat - a.lat) * f, a.lon + (b.lon - a.lon) * f};
    at.speed_mps = along_m_.back() / (static_cast<double>(duration) / 1000.0);
    if (span > 0) at.heading_deg = bearing_deg(a, b);
    at.fix_time = time_ms;
    return at;
}

TravelTime drive_time(const dispatch::RoutingIndex& routing, ChQuery& query, LatLon from, LatLon to, double max_snap_m) {
    const Snap a = routing.segments->nearest(from);
    const Snap b = routing.segments->nearest(to);
    if (!a.found() || !b.found() || a.distance_m > max_snap_m || b.distance_m > max_snap_m) return kUnreachable;
    const NodeSeeds sources = departures_from(*routing.graph, a);
    const NodeSeeds targets = arrivals_at(*routing.graph, b);
    TravelTime t = query.shortest_time({sources.begin(), sources.end()}, {targets.begin(), targets.end()});
    if (const auto direct = along_same_segment(*routing.graph, a, b)) t = std::min(t, *direct);
    return t;
}

}  // namespace ems120::planning
