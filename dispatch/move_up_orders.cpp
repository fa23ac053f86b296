#include "dispatch/move_up_orders.hpp"

#include "maps/geodesy.hpp"

namespace ems120::dispatch {

void MoveUpOrders::apply(const MoveUpOrdered& e) { active_[e.unit] = e; }

void MoveUpOrders::on_telemetry(const protocol::Message& message) {
    const auto it = active_.find(message.vehicle);
    if (it == active_.end()) return;
    if (const auto* fix = std::get_if<protocol::PositionFix>(&message.body)) {
        // A fix from before the order counts for nothing (a backlog from the station it left).
        if (fix->gnss_time >= it->second.time && geodesic_distance_m({fix->lat, fix->lon}, it->second.location) <= arrival_radius_m_)
            active_.erase(it);
    } else if (const auto* status = std::get_if<protocol::CrewStatusChange>(&message.body)) {
        const bool on_the_way = status->status == protocol::CrewStatus::available ||
                                (status->status == protocol::CrewStatus::en_route && is_move_up_order(status->order_id));
        if (!on_the_way) active_.erase(it);
    }
}

}  // namespace ems120::dispatch
