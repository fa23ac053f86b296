#pragma once
// Units on their way to a station because the dispatcher accepted a move-up recommendation
// (POST /api/move-up). Such a unit stays free — it takes a call on the way — and is not
// recommended again while it drives. The move-up ends when the unit reaches the station (a fix
// within arrival_radius_m), is offered a call, or reports a status other than available or en
// route to its move-up order. Deterministic like the incident book: the journaled MoveUpOrdered
// records and the replayed telemetry rebuild it after a restart.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "dispatch/center_event.hpp"
#include "protocol/messages.hpp"

namespace ems120::dispatch {

inline constexpr std::string_view kMoveUpOrderPrefix = "move-up-";
inline constexpr std::string_view kMoveUpIncident = "move-up";  // what a move-up order names as its incident

// Whether the crew's order is a move-up (its statuses keep the unit free).
inline bool is_move_up_order(std::string_view order_id) { return order_id.starts_with(kMoveUpOrderPrefix); }

class MoveUpOrders {
public:
    explicit MoveUpOrders(double arrival_radius_m = 150.0) : arrival_radius_m_(arrival_radius_m) {}

    void apply(const MoveUpOrdered& e);
    // Ends the unit's move-up when the message says it arrived or took up other work.
    void on_telemetry(const protocol::Message& message);
    // A call was offered to the unit: it drives there, not to the station.
    void end(const protocol::VehicleId& unit) { active_.erase(unit); }

    const std::map<protocol::VehicleId, MoveUpOrdered>& active() const { return active_; }
    bool moving(const protocol::VehicleId& unit) const { return active_.count(unit) != 0; }
    // "move-up-A03-1795990000000": unique without a counter to keep across restarts.
    static std::string order_id(const protocol::VehicleId& unit, protocol::UnixMillis time) {
        return std::string(kMoveUpOrderPrefix) + unit.value + "-" + std::to_string(time);
    }

private:
    double arrival_radius_m_;
    std::map<protocol::VehicleId, MoveUpOrdered> active_;
};

}  // namespace ems120::dispatch
