#include "dispatch/coverage_monitor.hpp"

#include <nlohmann/json.hpp>

#include "dispatch/fleet_snapshots.hpp"

namespace ems120::dispatch {

using nlohmann::json;

CoverageMonitor::CoverageMonitor(const RoutingIndex& routing, std::vector<MapPoint> places, std::vector<MapPoint> stations,
                                 const LiveCoverageOptions& options)
    : places_(std::move(places)), stations_(std::move(stations)), index_(routing, places_, options), query_(index_) {
    if (!stations_.empty()) {
        move_up_index_ = std::make_unique<MoveUpIndex>(index_, stations_);
        move_up_query_ = std::make_unique<MoveUpQuery>(*move_up_index_);
    }
}

CoverageMonitor::~CoverageMonitor() = default;

void CoverageMonitor::update(std::span<const UnitSnapshot> units, protocol::UnixMillis now,
                             const std::function<bool(const protocol::VehicleId&)>& moving_up) {
    free_.clear();
    movable_.clear();
    for (const auto& u : units) {
        if (!is_free(u.availability)) continue;
        // Idle units only (not returning from a job), and not one already moving up.
        if (u.availability.activity == UnitActivity::available && !(moving_up && moving_up(u.id)))
            movable_.push_back(static_cast<std::uint32_t>(free_.size()));
        free_.push_back(u);
    }
    query_.compute(free_, coverage_);
    move_up_.reset();
    if (move_up_query_) move_up_ = move_up_query_->recommend(free_, movable_);
    computed_at_ = now;
}

json CoverageMonitor::to_json() const {
    auto minutes = [](TravelTime t) { return t == kUnreachable ? json(nullptr) : json(static_cast<double>(t) / 60'000.0); };
    json uncovered = json::array();
    for (const std::uint32_t i : coverage_.uncovered) {
        const MapPoint& p = places_[i];
        uncovered.push_back({{"place_id", p.source_id}, {"name", p.display_name()}, {"lat", p.location.lat},
                             {"lon", p.location.lon}, {"time_min", minutes(coverage_.places[i].time)},
                             {"off_road", coverage_.places[i].off_road}});
    }
    json j{{"time", computed_at_},
           {"limit_min", static_cast<double>(index_.options().limit) / 60'000.0},
           {"places", places_.size()},
           {"covered", coverage_.covered_count},
           {"covered_share", coverage_.covered_share},
           {"population_share", coverage_.population_share ? json(*coverage_.population_share) : json(nullptr)},
           {"free_units", free_.size()},
           {"stations", stations_.size()},
           {"uncovered", std::move(uncovered)}};
    if (move_up_) {
        const MapPoint& station = stations_[move_up_->station];
        j["move_up"] = {{"unit", move_up_->unit_id.value},
                        {"station", move_up_->station},
                        {"station_name", station.display_name()},
                        {"station_id", station.source_id},
                        {"lat", station.location.lat},
                        {"lon", station.location.lon},
                        {"places_gained", move_up_->places_gained.size()},
                        {"places_lost", move_up_->places_lost.size()},
                        {"covered_share_before", move_up_->covered_share_before},
                        {"covered_share_after", move_up_->covered_share_after},
                        {"drive_min", minutes(move_up_->drive_time)}};
    } else {
        j["move_up"] = nullptr;
    }
    return j;
}

}  // namespace ems120::dispatch
