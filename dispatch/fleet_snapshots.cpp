#include "dispatch/fleet_snapshots.hpp"

#include "dispatch/move_up_orders.hpp"

namespace ems120::dispatch {

UnitAvailability availability_of(const VehicleState& vehicle, const IncidentBook& book) {
    if (const Incident* incident = book.held_by(vehicle.id)) {
        if (incident->state == IncidentState::offered || incident->state == IncidentState::assigned)
            return UnitAvailability::en_route(incident->call.priority);
        return UnitAvailability::busy();
    }
    if (!vehicle.status) return UnitAvailability::available();
    switch (vehicle.status->status) {
        case protocol::CrewStatus::available:
            return UnitAvailability::available();
        case protocol::CrewStatus::en_route:
        case protocol::CrewStatus::on_scene:
            // Driving to, or at, the station of a move-up: free for calls on the way.
            if (is_move_up_order(vehicle.status->order_id)) return UnitAvailability::returning_to_station();
            return UnitAvailability::busy();
        default:
            // Out of service, or on a job the center did not dispatch (a manual order, a walk-in).
            return UnitAvailability::busy();
    }
}

void fleet_snapshots(const FleetState& fleet, const IncidentBook& book, std::vector<UnitSnapshot>& out) {
    out.clear();
    out.reserve(fleet.vehicles().size());
    for (const auto& [id, vehicle] : fleet.vehicles()) {
        UnitSnapshot unit;
        unit.id = id;
        unit.availability = availability_of(vehicle, book);
        if (vehicle.position) unit.position = unit_position_from(*vehicle.position);
        unit.link_up = vehicle.link.connected;
        out.push_back(std::move(unit));
    }
}

}  // namespace ems120::dispatch
