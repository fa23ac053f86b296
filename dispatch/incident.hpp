#pragma once
// One call and everything that happened to it: where and how urgent, which units were offered it,
// which one went, and the NEMSIS eTimes-like timestamps of its lifecycle. Plain data; the rules
// that change it are in dispatch/incident_book.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dispatch/call_priority.hpp"
#include "maps/lat_lon.hpp"
#include "protocol/messages.hpp"
#include "maps/road_graph.hpp"

namespace ems120::dispatch {

struct IncidentId {
    std::string value;
    auto operator<=>(const IncidentId&) const = default;
};

// What the call-taker recorded.
struct CallDetails {
    LatLon location;
    std::string place_id;    // the map place the call was located by, if any
    std::string place_name;  // its name, or the address as given
    CallPriority priority = CallPriority::emergency;
    std::string determinant;  // MPDS-style code as taken, e.g. "09-E-01"; may be empty
    std::string complaint;
    std::string caller_number;
    std::string notes;
    std::string needs;            // hospital capability the patient needs (e.g. "stroke"); may be empty
    std::string idempotency_key;  // the client's key: the same key never makes a second incident
};

// Lifecycle milestones, in the order a call normally passes them. Times are unix ms: center time
// for what the center does (received, notified), device time for what the unit reports or its
// GPS shows (everything from acknowledged on).
enum class Milestone : std::uint8_t {
    call_received,
    unit_notified,
    acknowledged,
    en_route,
    on_scene,
    patient_contact,
    left_scene,
    at_destination,
    handover,
    back_in_service,
};
inline constexpr std::size_t kMilestoneCount = 10;
std::string_view name_of(Milestone m);

enum class IncidentState : std::uint8_t {
    waiting,      // no unit offered (none free, or every one timed out)
    offered,      // order sent, the crew has not acknowledged it yet
    assigned,     // acknowledged; on its way
    on_scene,
    transporting,
    at_hospital,
    closed,       // the unit is back in service
    cancelled,
};
std::string_view name_of(IncidentState s);
inline bool is_open(IncidentState s) { return s != IncidentState::closed && s != IncidentState::cancelled; }

enum class OfferOutcome : std::uint8_t { pending, acknowledged, timed_out, withdrawn, released };
std::string_view name_of(OfferOutcome o);

// One order sent to one unit for this incident.
struct Offer {
    protocol::VehicleId unit;
    std::string order_id;
    protocol::UnixMillis sent = 0;
    TravelTime eta_ms = kUnreachable;
    bool manual = false;  // picked by the dispatcher, not the policy
    // The road path sent with the order, from where the unit was to the patient (dispatch/offer_route),
    // and its length; empty / none when the center had no route for it.
    std::vector<LatLon> route;
    std::optional<std::uint32_t> distance_m;
    OfferOutcome outcome = OfferOutcome::pending;
    protocol::UnixMillis outcome_time = 0;
};

struct Destination {
    std::string hospital_id;
    std::string name;
    LatLon location;
    TravelTime eta_ms = kUnreachable;  // from the scene
};

struct TimelineEntry {
    protocol::UnixMillis time = 0;
    std::string what;
};

struct Incident {
    IncidentId id;
    CallDetails call;
    IncidentState state = IncidentState::waiting;
    std::vector<Offer> offers;
    std::optional<Destination> destination;
    bool outside_response_radius = false;  // the best proposal could not arrive within the radius
    std::array<std::optional<protocol::UnixMillis>, kMilestoneCount> times{};
    std::vector<TimelineEntry> timeline;
    std::string cancel_reason;

    std::optional<protocol::UnixMillis> time(Milestone m) const { return times[static_cast<std::size_t>(m)]; }
    const Offer* current_offer() const;  // the latest offer still pending or acknowledged
    Offer* current_offer();
    std::optional<protocol::VehicleId> unit() const;  // the unit the incident holds, if any
    // Call received -> on scene, when both are known.
    std::optional<std::int64_t> response_ms() const;
};

}  // namespace ems120::dispatch
