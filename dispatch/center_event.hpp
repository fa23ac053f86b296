#pragma once
// What the dispatch center journals of its own, next to the vehicles' telemetry: the calls it
// took, the decisions it made (offers, destinations) and the timers that fired. Decisions are
// journaled as facts, not recomputed on replay, so a restart gives the same assignments even if
// the map, the options or the fleet's order of arrival differ. What follows from telemetry
// (acknowledgements, crew statuses, geofence arrivals) is not journaled twice: replaying the
// telemetry in journal order derives it again, on device time.
#include <string>
#include <string_view>
#include <variant>

#include "dispatch/incident.hpp"

namespace ems120::dispatch {

struct CallReceived {
    IncidentId incident;
    protocol::UnixMillis time = 0;
    CallDetails call;
};

// An order sent to a unit. It replaces the incident's current offer (a manual reassignment), and
// when the unit was driving to a less urgent call, takes it off that call (`diverted_from`).
struct UnitOffered {
    IncidentId incident;
    protocol::UnixMillis time = 0;
    protocol::VehicleId unit;
    std::string order_id;
    TravelTime eta_ms = kUnreachable;
    bool manual = false;
    bool outside_response_radius = false;
    std::string diverted_from;  // incident id, or empty
};

struct DestinationChosen {
    IncidentId incident;
    protocol::UnixMillis time = 0;
    Destination destination;
};

struct OfferTimedOut {
    IncidentId incident;
    protocol::UnixMillis time = 0;
    std::string order_id;
};

struct IncidentCancelled {
    IncidentId incident;
    protocol::UnixMillis time = 0;
    std::string reason;
};

// The dispatcher sent a free unit to a station to restore coverage (a move-up). No incident: the
// unit stays free on the way (dispatch/move_up_orders).
struct MoveUpOrdered {
    protocol::UnixMillis time = 0;
    protocol::VehicleId unit;
    std::uint32_t station = 0;  // index in the center's station list
    std::string station_name;
    LatLon location;
    std::string order_id;
};

using CenterEvent = std::variant<CallReceived, UnitOffered, DestinationChosen, OfferTimedOut, IncidentCancelled, MoveUpOrdered>;

// A journal record holding a center event is JSON text, so it starts with '{' — a byte no
// telemetry frame (a MessagePack map) starts with — and stays readable in `ems120 journal`.
inline bool is_center_event_record(std::string_view record) { return !record.empty() && record.front() == '{'; }

std::string encode_center_event(const CenterEvent& event);
// Throws std::invalid_argument for a record that is not a well-formed center event.
CenterEvent decode_center_event(std::string_view record);

protocol::UnixMillis time_of(const CenterEvent& event);
// The incident the event belongs to; an empty id for a move-up.
const IncidentId& incident_of(const CenterEvent& event);

}  // namespace ems120::dispatch
