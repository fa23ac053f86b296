#pragma once
// The live fleet as the assignment policy sees it: each vehicle's last fix, link state and what
// it is doing, from the center's two sources of truth — the incident book (offered, assigned,
// busy on a call) and the crew's last status (out of service, or busy on something the center
// did not dispatch).
#include <vector>

#include "dispatch/assignment_input.hpp"
#include "dispatch/fleet_state.hpp"
#include "dispatch/incident_book.hpp"

namespace ems120::dispatch {

UnitAvailability availability_of(const VehicleState& vehicle, const IncidentBook& book);

// Every vehicle of the fleet, in id order.
void fleet_snapshots(const FleetState& fleet, const IncidentBook& book, std::vector<UnitSnapshot>& out);

// Whether the unit can take a new call without leaving another: available or returning.
inline bool is_free(const UnitAvailability& a) {
    return a.activity == UnitActivity::available || a.activity == UnitActivity::returning_to_station;
}

}  // namespace ems120::dispatch
