#pragma once
// Every incident and the rules that move it along: journaled center events (calls, offers,
// timeouts, cancellations) and the units' telemetry (order acknowledgements, crew statuses,
// positions, vitals). Deterministic and clock-free — the same records in the same order give the
// same book — so replaying the journal restores it exactly. It never decides anything (which unit,
// which hospital): it reports what changed, and the live center decides (dispatch/dispatch_center).
//
// Geofences work on device time: a unit is on scene from the first fix inside the scene's radius
// at walking speed, whenever that fix arrives — a backlog delivered after a tunnel can move the
// arrival earlier, never later, and a fix from before the order was sent counts for nothing.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dispatch/center_event.hpp"
#include "dispatch/incident.hpp"
#include "protocol/messages.hpp"

namespace ems120::dispatch {

struct GeofenceOptions {
    double scene_radius_m = 100.0;
    double hospital_radius_m = 150.0;
    double leave_radius_m = 300.0;   // farther than this from the scene after arriving: left it
    double arrived_speed_mps = 3.0;  // at or below: stopped or parking (no speed known counts as slow)
};

// Something the center may have to act on, or publish.
struct IncidentChange {
    IncidentId incident;
    std::string what;                           // for the timeline, the log and the event stream
    std::optional<protocol::VehicleId> freed;   // a unit no longer held by this incident
    std::string cancelled_order;                // the order the freed unit should be told to drop
    bool needs_unit = false;                    // the incident waits for a unit again
};

class IncidentBook {
public:
    explicit IncidentBook(GeofenceOptions geofences = {}) : geofences_(geofences) {}

    // Throws std::invalid_argument when the event does not fit the book (an unknown incident, a
    // call id used twice, an offer to a closed incident); the book is then unchanged.
    void apply(const CenterEvent& event, std::vector<IncidentChange>& changes);
    // An accepted, de-duplicated message from a unit.
    void on_telemetry(const protocol::Message& message, std::vector<IncidentChange>& changes);

    const std::map<IncidentId, Incident>& incidents() const { return incidents_; }
    // Replaces the book with these incidents (from a snapshot), rebuilding its indexes.
    void restore(std::vector<Incident> incidents);
    const Incident* find(const IncidentId& id) const;
    // The open incident holding the unit (offered to it or assigned), if any.
    const Incident* held_by(const protocol::VehicleId& unit) const;
    std::optional<IncidentId> find_by_key(const std::string& idempotency_key) const;
    // "I000042": one past the highest incident number the book has seen.
    IncidentId next_id() const;
    const GeofenceOptions& geofences() const { return geofences_; }

private:
    Incident& open_incident(const IncidentId& id);
    void apply_call(const CallReceived& e, std::vector<IncidentChange>& changes);
    void apply_offer(const UnitOffered& e, std::vector<IncidentChange>& changes);
    void apply_timeout(const OfferTimedOut& e, std::vector<IncidentChange>& changes);
    void apply_cancel(const IncidentCancelled& e, std::vector<IncidentChange>& changes);
    // Ends the incident's current offer with `outcome`, freeing its unit.
    void end_offer(Incident& incident, OfferOutcome outcome, protocol::UnixMillis time, const std::string& why,
                   std::vector<IncidentChange>& changes);
    void on_order_ack(const protocol::VehicleId& unit, const protocol::OrderAck& ack, std::vector<IncidentChange>& changes);
    void on_status(const protocol::VehicleId& unit, const protocol::CrewStatusChange& s, std::vector<IncidentChange>& changes);
    void on_fix(const protocol::VehicleId& unit, const protocol::PositionFix& fix, std::vector<IncidentChange>& changes);
    void on_vitals(const protocol::VehicleId& unit, const protocol::Vitals& v, std::vector<IncidentChange>& changes);
    // Sets a milestone if it is unset or `time` is earlier; returns whether it changed.
    bool mark(Incident& incident, Milestone m, protocol::UnixMillis time, const std::string& how,
              std::vector<IncidentChange>& changes);
    Incident* holding(const protocol::VehicleId& unit);

    GeofenceOptions geofences_;
    std::map<IncidentId, Incident> incidents_;
    std::map<protocol::VehicleId, IncidentId> held_;  // unit -> the open incident holding it
    std::map<std::string, IncidentId> by_key_;        // idempotency key -> incident
    std::map<std::string, IncidentId> by_order_;      // order id -> incident
    std::uint64_t highest_number_ = 0;
};

}  // namespace ems120::dispatch
