#pragma once
// The live dispatch center: takes calls, asks the assignment policy for the unit that arrives
// first, sends it the order, waits for the crew's acknowledgement (and offers the call to the
// next-best unit when it does not come in time), follows the incident through its lifecycle, and
// lets the dispatcher override or cancel. It runs on the ingest thread, next to the fleet state.
//
// Every decision is journaled before it takes effect (and committed before anyone is told), so
// replaying the journal after kill -9 restores the same incidents, offers and timers: during the
// replay the center only applies records; it decides again only once it is live.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "dispatch/assignment_options.hpp"
#include "dispatch/assignment_policy.hpp"
#include "dispatch/center_event.hpp"
#include "dispatch/fleet_state.hpp"
#include "dispatch/incident_book.hpp"
#include "dispatch/move_up_orders.hpp"
#include "dispatch/travel_modes.hpp"
#include "link/clock.hpp"

namespace ems120::dispatch {

// Where the center's records go: the same journal as the telemetry, so one order of events holds.
class CenterJournal {
public:
    virtual ~CenterJournal() = default;
    virtual void append(protocol::UnixMillis time, std::string_view record) = 0;
    virtual void commit() = 0;
};

// How the center reaches the units.
class UnitLink {
public:
    virtual ~UnitLink() = default;
    virtual void send_order(const protocol::VehicleId& unit, const protocol::DispatchOrder& order) = 0;
    virtual void withdraw_order(const protocol::VehicleId& unit, const std::string& order_id, const std::string& reason) = 0;
};

using DestinationChooser = std::function<std::optional<Destination>(LatLon scene, const std::string& needs)>;

struct CenterOptions {
    AssignmentOptions assignment;
    GeofenceOptions geofences;
    protocol::UnixMillis ack_timeout_ms = 60'000;
};

// What the center tells consoles, the log and the event stream.
struct CenterNotice {
    std::string topic;  // "incident", "alert"
    IncidentId incident;
    std::string text;
};

// A request naming an incident or unit the center does not know (HTTP 404).
class UnknownId : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

struct CallOutcome {
    IncidentId incident;
    bool duplicate = false;  // the idempotency key was seen before: no new incident
};

class DispatchCenter {
public:
    // No routing (modes with null indexes): calls are taken and wait for a manual assignment.
    DispatchCenter(CenterOptions options, TravelModes modes, DestinationChooser destinations, const FleetState& fleet,
                   CenterJournal& journal, UnitLink& link, const link::Clock& clock);
    ~DispatchCenter();

    // Replay: a snapshot's incidents first (if any), then the journal's records in order, before
    // going live.
    void restore(std::vector<Incident> incidents, const std::vector<MoveUpOrdered>& move_ups = {}) {
        book_.restore(std::move(incidents));
        for (const auto& move : move_ups) move_ups_.apply(move);
    }
    void replay(const CenterEvent& event);
    void replay_telemetry(const protocol::Message& message);
    // Live from now on: incidents left waiting (or whose decision was lost in a crash) are
    // decided again; pending acknowledgements keep their original deadlines.
    void go_live();

    void on_telemetry(const protocol::Message& message);
    // A new call, offered to the policy's choice or, when the dispatcher picked one, to `unit`
    // (which must be known and on no other call: checked before anything is recorded).
    CallOutcome take_call(CallDetails call, const std::optional<protocol::VehicleId>& unit = std::nullopt);
    // What the policy would do with this call now, without taking it: nothing is recorded.
    Assignment propose(const CallDetails& call);
    // Sends a free unit to a station (an accepted move-up), journaled; returns the order's id.
    // The caller checks that it is the current recommendation.
    std::string order_move_up(const protocol::VehicleId& unit, std::uint32_t station, const std::string& station_name, LatLon at);
    const MoveUpOrders& move_ups() const { return move_ups_; }
    // Manual override: this unit, whatever the policy thinks (it must be known to the center).
    void assign(const IncidentId& incident, const protocol::VehicleId& unit);
    void cancel(const IncidentId& incident, const std::string& reason);
    // Acknowledgement deadlines; call often (every 100 ms is plenty).
    void run_timers();

    const IncidentBook& book() const { return book_; }
    const CenterOptions& options() const { return options_; }
    // The policy's full ranking for an incident now (for "next two alternatives" in the console).
    Assignment proposal(const IncidentId& incident);
    // Notices since the last call (the ingest loop publishes them).
    std::vector<CenterNotice> take_notices();
    // Whether availability or assignments changed since the last call (coverage is then redone).
    bool take_fleet_changed();

private:
    void record(const CenterEvent& event);  // journal + commit + apply + react
    void apply(const CenterEvent& event, std::vector<IncidentChange>& changes);
    void react(std::vector<IncidentChange>& changes);
    void decide(const IncidentId& incident);
    void decide_waiting();
    Assignment rank_for(const Incident& incident);
    Assignment rank_call(LatLon location, CallPriority priority, const std::vector<Offer>& passed_over);
    // The dispatcher's pick for an incident: that unit, at its ETA by the policy's ranking.
    void offer_manually(const Incident& incident, const protocol::VehicleId& unit);
    void check_pick(const protocol::VehicleId& unit, const IncidentId* for_incident) const;
    void offer(const Incident& incident, const protocol::VehicleId& unit, TravelTime eta, bool manual, bool outside,
               const std::string& diverted_from);
    void notify(std::string topic, const IncidentId& incident, std::string text);

    CenterOptions options_;
    TravelModes modes_;
    DestinationChooser destinations_;
    const FleetState& fleet_;
    CenterJournal& journal_;
    UnitLink& link_;
    const link::Clock& clock_;
    IncidentBook book_;
    MoveUpOrders move_ups_;
    bool live_ = false;
    std::map<const ContractionHierarchy*, std::unique_ptr<AssignmentQuery>> queries_;  // one per routing index
    std::vector<UnitSnapshot> units_;
    std::set<IncidentId> alerted_no_unit_;  // "no unit available" said once per incident
    std::vector<CenterNotice> notices_;
    bool fleet_changed_ = true;
    std::vector<IncidentChange> changes_;
};

// Whether two calls say the same thing (an idempotent retry), the key aside.
bool same_call(const CallDetails& a, const CallDetails& b);

// "1" (most urgent) .. "4", as dispatch orders carry it.
std::string order_priority(CallPriority p);

}  // namespace ems120::dispatch
