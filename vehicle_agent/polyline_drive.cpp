#include "vehicle_agent/polyline_drive.hpp"

#include <algorithm>
#include <stdexcept>

#include "vehicle_agent/spherical_earth.hpp"

namespace ems120::agent {

PolylineDrive::PolylineDrive(std::vector<LatLon> geometry, std::int64_t drive_time_ms, std::int64_t start_ms)
    : drive_time_ms_(std::max<std::int64_t>(0, drive_time_ms)), start_ms_(start_ms) {
    if (geometry.empty()) throw std::invalid_argument("PolylineDrive: a leg needs at least one point");
    for (const LatLon p : geometry)
        if (points_.empty() || p.lat != points_.back().lat || p.lon != points_.back().lon) points_.push_back(p);
    start_of_piece_m_.push_back(0);
    for (std::size_t i = 0; i + 1 < points_.size(); ++i) {
        start_of_piece_m_.push_back(start_of_piece_m_.back() + great_circle_distance_m(points_[i], points_[i + 1]));
        course_deg_.push_back(initial_course_deg(points_[i], points_[i + 1]));
    }
}

DrivePosition PolylineDrive::at(std::int64_t unix_ms) const {
    const bool moving = unix_ms >= start_ms_ && unix_ms < arrival_ms();
    const double fraction =
        drive_time_ms_ == 0 ? 1.0 : std::clamp(static_cast<double>(unix_ms - start_ms_) / static_cast<double>(drive_time_ms_), 0.0, 1.0);
    const double along_m = fraction * length_m();
    DrivePosition here;
    here.speed_mps = moving ? length_m() / (static_cast<double>(drive_time_ms_) / 1000.0) : 0.0;
    if (course_deg_.empty()) {
        here.position = points_.front();
        return here;
    }
    // The piece holding `along_m`; at a joint, the piece that starts there (the new heading).
    const auto after = std::upper_bound(start_of_piece_m_.begin(), start_of_piece_m_.end(), along_m);
    const std::size_t piece = std::min<std::size_t>(static_cast<std::size_t>(after - start_of_piece_m_.begin()) - 1, course_deg_.size() - 1);
    here.heading_deg = course_deg_[piece];
    here.position = fraction >= 1.0 ? points_.back()
                                    : agent::destination(points_[piece], course_deg_[piece], along_m - start_of_piece_m_[piece]);
    return here;
}

}  // namespace ems120::agent
