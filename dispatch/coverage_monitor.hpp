#pragma once
// Live 15-minute coverage for the dispatcher: after units move or change availability (the
// server rate-limits calls), which places a free unit reaches within the limit, the share covered,
// the uncovered places, and the move-up that would restore most coverage. "Free" = available or
// returning to station (dispatch/fleet_snapshots.hpp).
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <vector>

#include "dispatch/live_coverage.hpp"
#include "dispatch/move_up.hpp"

namespace ems120::dispatch {

class CoverageMonitor {
public:
    // The routing index must outlive the monitor. `stations` may be empty (no move-up then).
    CoverageMonitor(const RoutingIndex& routing, std::vector<MapPoint> places, std::vector<MapPoint> stations,
                    const LiveCoverageOptions& options = {});
    ~CoverageMonitor();

    // Recomputes from the whole fleet (free units are picked here). `now` stamps the result.
    // Units `moving_up` already drive to a station: they count where they are, and are not moved.
    void update(std::span<const UnitSnapshot> units, protocol::UnixMillis now,
                const std::function<bool(const protocol::VehicleId&)>& moving_up = nullptr);
    bool computed() const { return computed_at_ != 0; }
    const LiveCoverage& coverage() const { return coverage_; }
    const std::optional<MoveUp>& move_up() const { return move_up_; }
    // The free units the last update counted, and when it ran (unix ms).
    const std::vector<UnitSnapshot>& free_units() const { return free_; }
    protocol::UnixMillis computed_at() const { return computed_at_; }
    // {"time","limit_min","places","covered","covered_share","population_share","free_units",
    //  "uncovered":[{place_id,name,lat,lon,time_min|null,off_road}],
    //  "move_up":{unit,station (index),station_name,station_id,lat,lon,places_gained,places_lost,
    //             covered_share_before,covered_share_after,drive_min}|null}
    nlohmann::json to_json() const;

private:
    std::vector<MapPoint> places_;
    std::vector<MapPoint> stations_;
    LiveCoverageIndex index_;
    std::unique_ptr<MoveUpIndex> move_up_index_;
    LiveCoverageQuery query_;
    std::unique_ptr<MoveUpQuery> move_up_query_;
    std::vector<UnitSnapshot> free_;
    std::vector<std::uint32_t> movable_;
    LiveCoverage coverage_;
    std::optional<MoveUp> move_up_;
    protocol::UnixMillis computed_at_ = 0;
};

}  // namespace ems120::dispatch
