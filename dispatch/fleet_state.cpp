#include "dispatch/fleet_state.hpp"

#include <algorithm>

namespace ems120::dispatch {

VehicleState& FleetState::vehicle(const protocol::VehicleId& id) {
    auto [it, inserted] = vehicles_.try_emplace(id);
    if (inserted) it->second.id = id;
    return it->second;
}

const VehicleState* FleetState::find(const protocol::VehicleId& id) const {
    const auto it = vehicles_.find(id);
    return it == vehicles_.end() ? nullptr : &it->second;
}

void FleetState::restart_stream(VehicleState& vehicle, std::uint64_t stream_id) {
    vehicle.stream_id = stream_id;
    vehicle.sequence = SequenceTracker();
}

void FleetState::add_fix(VehicleState& v, const protocol::PositionFix& fix) {
    const auto by_time = [](const protocol::PositionFix& a, const protocol::PositionFix& b) { return a.gnss_time < b.gnss_time; };
    v.track.insert(std::upper_bound(v.track.begin(), v.track.end(), fix, by_time), fix);
    if (v.track.size() > track_length_) v.track.pop_front();
    if (!v.position || fix.gnss_time >= v.position->gnss_time) v.position = fix;
    else ++v.counts.late_fixes;
}

void FleetState::apply(VehicleState& v, const protocol::Message& message) {
    ++v.counts.accepted;
    if (const auto* fix = std::get_if<protocol::PositionFix>(&message.body)) {
        add_fix(v, *fix);
    } else if (const auto* vitals = std::get_if<protocol::Vitals>(&message.body)) {
        for (std::size_t i = 0; i < protocol::kVitalSignCount; ++i) {
            const auto& m = vitals->values[i];
            auto& current = v.vitals[i];
            if (m && (!current || current->time <= vitals->time)) current = TimedMeasurement{*m, vitals->time};
        }
        if (!vitals->incident_id.empty()) v.incident_id = vitals->incident_id;
    } else if (const auto* status = std::get_if<protocol::CrewStatusChange>(&message.body)) {
        if (!v.status || v.status->time <= status->time) v.status = *status;
    } else if (const auto* ack = std::get_if<protocol::OrderAck>(&message.body)) {
        v.orders_shown.emplace(ack->order_id, ack->shown);
    }
}

bool FleetState::apply_gap(VehicleState& v, const protocol::Gap& gap) {
    const bool news = std::any_of(gap.ranges.begin(), gap.ranges.end(), [&](const auto& r) { return !v.sequence.covers(r.first, r.second); });
    if (!news) return false;
    for (const auto& [first, last] : gap.ranges) v.sequence.mark_range(first, last);
    ++v.counts.gap_notices;
    return true;
}

}  // namespace ems120::dispatch
