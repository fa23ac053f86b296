#pragma once
// What the assignment policy is told: each unit as the center last knew it, and the call. Plain
// values, no pointers into the fleet state, so the live dispatcher (from dispatch/fleet_state)
// and the planners' simulator (from its own virtual fleet) fill the same structs.
#include <optional>

#include "dispatch/call_priority.hpp"
#include "maps/lat_lon.hpp"
#include "protocol/messages.hpp"

namespace ems120::dispatch {

// What a unit is doing, as far as taking a new call is concerned.
enum class UnitActivity : std::uint8_t {
    available,             // free, wherever it is
    returning_to_station,  // free, driving back after a job
    en_route,              // driving to a call of priority `en_route_priority`; may be diverted
    busy,                  // on scene, transporting, at hospital or out of service
};

struct UnitAvailability {
    UnitActivity activity = UnitActivity::available;
    CallPriority en_route_priority = CallPriority::critical;  // only read when en_route

    static UnitAvailability available() { return {UnitActivity::available, CallPriority::critical}; }
    static UnitAvailability returning_to_station() { return {UnitActivity::returning_to_station, CallPriority::critical}; }
    static UnitAvailability en_route(CallPriority to_call) { return {UnitActivity::en_route, to_call}; }
    static UnitAvailability busy() { return {UnitActivity::busy, CallPriority::critical}; }
};

// The last position fix the center has from a unit.
struct UnitPosition {
    LatLon location;
    std::optional<double> speed_mps;    // over ground
    std::optional<double> heading_deg;  // true course, clockwise from north
    protocol::UnixMillis fix_time = 0;  // device (GNSS) time of the fix
};

inline UnitPosition unit_position_from(const protocol::PositionFix& fix) {
    return {{fix.lat, fix.lon}, fix.speed_mps, fix.heading_deg, fix.gnss_time};
}

struct UnitSnapshot {
    protocol::VehicleId id;
    UnitAvailability availability;
    std::optional<UnitPosition> position;  // none: the center has never had a fix from it
    bool link_up = true;                   // down: an order has to go by voice radio
};

struct CallRequest {
    LatLon location;
    CallPriority priority = CallPriority::emergency;
    protocol::UnixMillis time = 0;  // "now" for the decision: staleness is measured against it
};

}  // namespace ems120::dispatch
