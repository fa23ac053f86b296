#pragma once
// One leg of a simulated drive: a polyline driven at one constant speed from a start time, asked
// "where is the vehicle at time t". The speed is the leg's length over the route's drive time, so
// the vehicle arrives exactly when the routing engine said it would (the center's ETA and the
// simulated drive agree). Geometry on a sphere (spherical_earth.hpp).
#include <cstdint>
#include <optional>
#include <vector>

#include "maps/lat_lon.hpp"

namespace ems120::agent {

struct DrivePosition {
    LatLon position;
    std::optional<double> heading_deg;  // true course of the current piece; none on a zero-length leg
    double speed_mps = 0;               // 0 before the start and after arrival
};

class PolylineDrive {
public:
    // `geometry` needs at least one point (consecutive repeats are dropped); a negative drive time
    // counts as 0. Throws std::invalid_argument for an empty geometry.
    PolylineDrive(std::vector<LatLon> geometry, std::int64_t drive_time_ms, std::int64_t start_ms);

    std::int64_t start_ms() const { return start_ms_; }
    std::int64_t arrival_ms() const { return start_ms_ + drive_time_ms_; }
    double length_m() const { return start_of_piece_m_.back(); }
    LatLon destination() const { return points_.back(); }

    // Clamped to the leg: its first point before the start, its last point after arrival.
    DrivePosition at(std::int64_t unix_ms) const;

private:
    std::vector<LatLon> points_;
    std::vector<double> start_of_piece_m_;  // distance along the leg where piece i begins; back() = length
    std::vector<double> course_deg_;        // of piece i (points_[i] -> points_[i + 1])
    std::int64_t drive_time_ms_ = 0;
    std::int64_t start_ms_ = 0;
};

}  // namespace ems120::agent
