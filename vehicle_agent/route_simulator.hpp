#pragma once
// A simulated ambulance for demonstrations, tests and training without a receiver: it drives a
// polyline like a vehicle would, so the center's map, ETA and speed displays see plausible data.
//
//  - It starts from a stop, accelerates at acceleration_mps2 up to cruise_kmh, and brakes at
//    braking_mps2 early enough to take each bend at a speed fit for it: cruise speed up to 10°,
//    sharp_turn_kmh at 60° and beyond, in between in proportion.
//  - Every interval_ms it emits a fix stamped with the wall clock (Now::unix_ms) and driven as far
//    as the steady clock says has passed, heading along the current segment's true course.
//  - Without `loop` it stops at the last point and is finished after the fix there; with it, it
//    drives on from the last point back to the first and round again.
//  - noise_m > 0 adds position noise the way receivers err: slowly wandering (a random walk
//    pulled back to zero over ~20 s), not jumping independently every second; seeded, so a run
//    can be repeated exactly.
// Geometry on a sphere: see spherical_earth.hpp for why.
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "maps/lat_lon.hpp"
#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"

namespace ems120::agent {

struct RouteSimulatorOptions {
    double cruise_kmh = 60;
    double acceleration_mps2 = 2.0;
    double braking_mps2 = 2.5;  // a crew's comfortable stop, about a quarter g
    double sharp_turn_kmh = 20;
    std::int64_t interval_ms = 1000;
    bool loop = false;
    double noise_m = 0;  // standard deviation of the position error; 0 = exact positions
    std::uint64_t seed = 1;
    double hdop = 0.8;
    std::uint8_t satellites = 12;
};

class RouteSimulator : public InputSource<protocol::PositionFix> {
public:
    // Throws InputError for fewer than two distinct points or options out of range.
    RouteSimulator(std::vector<LatLon> route, const RouteSimulatorOptions& options);

    int wait_fd() const override { return -1; }
    std::optional<std::int64_t> next_due() const override;
    void poll(Now now, std::vector<protocol::PositionFix>& out) override;
    bool finished() const override { return finished_; }
    SourceStats stats() const override;
    std::string describe() const override;

    double route_length_m() const { return lap_length_m_; }
    // Along the route since the start, over all laps.
    double distance_driven_m() const { return laps_ * lap_length_m_ + start_of_segment_m_[segment_] + offset_m_; }
    double speed_mps() const { return speed_mps_; }

private:
    void drive(double seconds);
    double allowed_speed_mps() const;
    protocol::PositionFix fix_now(std::int64_t unix_ms, double seconds_since_last);

    RouteSimulatorOptions options_;
    std::vector<LatLon> points_;
    std::size_t segments_ = 0;  // with `loop`, the last one closes the ring
    std::vector<double> segment_length_m_;
    std::vector<double> start_of_segment_m_;
    std::vector<double> course_deg_;
    std::vector<double> speed_after_segment_mps_;  // fit for the bend at its end (0 at the route's end)
    double lap_length_m_ = 0;
    double cruise_mps_ = 0;

    std::size_t segment_ = 0;
    double offset_m_ = 0;  // along the current segment
    double speed_mps_ = 0;
    std::uint64_t laps_ = 0;
    bool arrived_ = false;
    bool finished_ = false;

    std::optional<std::int64_t> last_steady_ms_;
    static constexpr std::int64_t kNotStarted = INT64_MIN;  // due at once, whatever the clock
    std::int64_t next_due_steady_ms_ = kNotStarted;
    std::mt19937_64 random_;
    double noise_north_m_ = 0, noise_east_m_ = 0;
    std::uint64_t readings_ = 0;
};

}  // namespace ems120::agent
