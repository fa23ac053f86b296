#pragma once
// A unit's drive in virtual time and where it is at any moment of it. The position is
// interpolated along the routed path at constant average speed (the route's length over the
// drive's time), with the heading of the piece of road it is on, so the assignment policy sees a
// moving unit as the dispatcher would from its GPS: on its road, facing its direction of travel.
// The path is routed only when someone asks where the unit is mid-drive (most drives end unseen).
#include <cstdint>
#include <vector>

#include "dispatch/assignment_input.hpp"
#include "dispatch/travel_modes.hpp"
#include "routing/ch_query.hpp"

namespace ems120::planning {

class SimulatedDrive {
public:
    SimulatedDrive() = default;
    SimulatedDrive(const dispatch::RoutingIndex& routing, LatLon from, LatLon to, std::int64_t depart_ms, std::int64_t arrive_ms)
        : routing_(routing), from_(from), to_(to), depart_ms_(depart_ms), arrive_ms_(arrive_ms) {}

    std::int64_t arrive_ms() const { return arrive_ms_; }
    LatLon destination() const { return to_; }

    // Where the unit is at `time_ms` (clamped to the drive); `query` must be on this drive's index.
    dispatch::UnitPosition position_at(std::int64_t time_ms, ChQuery& query);
    const dispatch::RoutingIndex& routing() const { return routing_; }

private:
    void route(ChQuery& query);

    dispatch::RoutingIndex routing_;
    LatLon from_, to_;
    std::int64_t depart_ms_ = 0, arrive_ms_ = 0;
    bool routed_ = false;
    std::vector<LatLon> path_;
    std::vector<double> along_m_;  // distance from the start to each path point
};

// Drive time from `from` to `to` on `routing` (partial edges at both ends, or straight along a
// shared road); kUnreachable when either is off the road network or no road leads there.
TravelTime drive_time(const dispatch::RoutingIndex& routing, ChQuery& query, LatLon from, LatLon to, double max_snap_m);

}  // namespace ems120::planning
