#include "dispatch/dispatch_center.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "dispatch/fleet_snapshots.hpp"

namespace ems120::dispatch {

std::string order_priority(CallPriority p) { return std::to_string(index_of(p) + 1); }

bool same_call(const CallDetails& a, const CallDetails& b) {
    return a.location.lat == b.location.lat && a.location.lon == b.location.lon && a.place_id == b.place_id &&
           a.place_name == b.place_name && a.priority == b.priority && a.determinant == b.determinant &&
           a.complaint == b.complaint && a.caller_number == b.caller_number && a.notes == b.notes && a.needs == b.needs;
}

namespace {

// "60", "1.5", "0.3": seconds as a person writes them.
std::string seconds_text(protocol::UnixMillis ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", static_cast<double>(ms) / 1000.0);
    return text;
}

// What the crew's screen shows for a move-up: drive to the station, stay available.
protocol::DispatchOrder move_up_order(const MoveUpOrdered& move) {
    return {move.order_id, std::string(kMoveUpIncident), move.time, move.location.lat, move.location.lon, move.station_name,
            order_priority(CallPriority::non_urgent), "move up to " + move.station_name + ": stay available for calls on the way"};
}

}  // namespace

DispatchCenter::DispatchCenter(CenterOptions options, TravelModes modes, DestinationChooser destinations,
                               const FleetState& fleet, CenterJournal& journal, UnitLink& link, const link::Clock& clock)
    : options_(std::move(options)),
      modes_(modes),
      destinations_(std::move(destinations)),
      fleet_(fleet),
      journal_(journal),
      link_(link),
      clock_(clock),
      book_(options_.geofences) {
    if (options_.ack_timeout_ms <= 0) throw std::invalid_argument("the acknowledgement timeout must be positive");
}

DispatchCenter::~DispatchCenter() = default;

void DispatchCenter::replay(const CenterEvent& event) {
    changes_.clear();
    apply(event, changes_);
}

void DispatchCenter::apply(const CenterEvent& event, std::vector<IncidentChange>& changes) {
    if (const auto* move = std::get_if<MoveUpOrdered>(&event)) {
        move_ups_.apply(*move);
        return;
    }
    book_.apply(event, changes);
    if (const auto* offered = std::get_if<UnitOffered>(&event)) move_ups_.end(offered->unit);
}

void DispatchCenter::replay_telemetry(const protocol::Message& message) {
    changes_.clear();
    book_.on_telemetry(message, changes_);
    move_ups_.on_telemetry(message);
}

void DispatchCenter::go_live() {
    live_ = true;
    for (const auto& [id, incident] : book_.incidents()) {
        const Offer* offer = incident.current_offer();
        if (!offer || offer->outcome != OfferOutcome::pending || !is_open(incident.state)) continue;
        // The order may not have reached the unit before the restart; sending it again is harmless
        // (the vehicle shows an order once and acknowledges repeats).
        const auto& call = incident.call;
        link_.send_order(offer->unit, {offer->order_id, id.value, offer->sent, call.location.lat, call.location.lon,
                                       call.place_name, order_priority(call.priority), call.complaint});
    }
    for (const auto& [unit, move] : move_ups_.active()) {
        const VehicleState* state = fleet_.find(unit);
        if (!state || !state->orders_shown.count(move.order_id)) link_.send_order(unit, move_up_order(move));
    }
    decide_waiting();
}

void DispatchCenter::record(const CenterEvent& event) {
    journal_.append(time_of(event), encode_center_event(event));
    journal_.commit();  // before anyone hears of it: what was answered survives kill -9
    std::vector<IncidentChange> changes;
    apply(event, changes);
    react(changes);
}

std::string DispatchCenter::order_move_up(const protocol::VehicleId& unit, std::uint32_t station, const std::string& station_name,
                                          LatLon at) {
    const auto now = clock_.unix_ms();
    const MoveUpOrdered move{now, unit, station, station_name, at, MoveUpOrders::order_id(unit, now)};
    record(move);
    fleet_changed_ = true;  // coverage is redone without recommending this unit again
    link_.send_order(unit, move_up_order(move));
    return move.order_id;
}

void DispatchCenter::react(std::vector<IncidentChange>& changes) {
    std::vector<IncidentId> to_decide;
    bool freed = false;
    for (const auto& change : changes) {
        notify("incident", change.incident, change.what);
        if (change.freed) {
            freed = true;
            fleet_changed_ = true;
            if (!change.cancelled_order.empty()) link_.withdraw_order(*change.freed, change.cancelled_order, change.what);
        }
        if (change.needs_unit) to_decide.push_back(change.incident);
    }
    if (!changes.empty()) fleet_changed_ = true;
    if (!live_) return;
    for (const auto& id : to_decide) decide(id);
    if (freed) decide_waiting();
}

void DispatchCenter::on_telemetry(const protocol::Message& message) {
    std::vector<IncidentChange> changes;
    book_.on_telemetry(message, changes);
    move_ups_.on_telemetry(message);
    react(changes);
    const auto* status = std::get_if<protocol::CrewStatusChange>(&message.body);
    if (!status) return;
    fleet_changed_ = true;
    // A unit reporting itself available may be the one a waiting call needs.
    if (live_ && status->status == protocol::CrewStatus::available && !book_.held_by(message.vehicle)) decide_waiting();
}

CallOutcome DispatchCenter::take_call(CallDetails call, const std::optional<protocol::VehicleId>& unit) {
    if (const auto existing = book_.find_by_key(call.idempotency_key)) {
        // A retry carries the same call; a different call under the same key is a client bug that
        // must not be answered with someone else's incident.
        const CallDetails& first = book_.find(*existing)->call;
        if (!same_call(first, call))
            throw std::invalid_argument("the idempotency key '" + call.idempotency_key + "' was used for a different call (" +
                                        existing->value + ")");
        return {*existing, true};
    }
    if (unit) check_pick(*unit, nullptr);  // a pick that cannot be honoured creates nothing
    const IncidentId id = book_.next_id();
    const auto now = clock_.unix_ms();
    const std::string needs = call.needs;
    const LatLon scene = call.location;
    // The destination first, so the order the unit gets can name it.
    std::optional<Destination> destination;
    if (destinations_) destination = destinations_(scene, needs);
    record(CallReceived{id, now, std::move(call)});
    if (destination) record(DestinationChosen{id, now, *destination});
    // Decided once the whole call is on record, so the order can name the hospital.
    if (unit) offer_manually(*book_.find(id), *unit);
    else if (live_) decide(id);
    return {id, false};
}

Assignment DispatchCenter::propose(const CallDetails& call) { return rank_call(call.location, call.priority, {}); }

void DispatchCenter::check_pick(const protocol::VehicleId& unit, const IncidentId* for_incident) const {
    if (!fleet_.find(unit)) throw UnknownId("no unit '" + unit.value + "' is known to the center");
    if (const Incident* other = book_.held_by(unit); other && (!for_incident || other->id != *for_incident))
        throw std::invalid_argument("unit " + unit.value + " is on incident " + other->id.value + "; cancel or reassign that first");
}

void DispatchCenter::assign(const IncidentId& id, const protocol::VehicleId& unit) {
    const Incident* incident = book_.find(id);
    if (!incident) throw UnknownId("no incident " + id.value);
    if (!is_open(incident->state)) throw std::invalid_argument("incident " + id.value + " is " + std::string(name_of(incident->state)));
    check_pick(unit, &id);
    if (const Offer* current = incident->current_offer(); current && current->unit == unit)
        throw std::invalid_argument("unit " + unit.value + " already has incident " + id.value);
    offer_manually(*incident, unit);
}

void DispatchCenter::offer_manually(const Incident& incident, const protocol::VehicleId& unit) {
    TravelTime eta = kUnreachable;
    const Assignment ranking = rank_for(incident);
    for (const auto& c : ranking.ranked)
        if (c.id == unit) eta = c.eta_ms;
    offer(incident, unit, eta, true, eta != kUnreachable && eta > options_.assignment.response_radius_ms, "");
}

void DispatchCenter::cancel(const IncidentId& id, const std::string& reason) {
    const Incident* incident = book_.find(id);
    if (!incident) throw UnknownId("no incident " + id.value);
    if (!is_open(incident->state)) throw std::invalid_argument("incident " + id.value + " is " + std::string(name_of(incident->state)));
    record(IncidentCancelled{id, clock_.unix_ms(), reason});
}

void DispatchCenter::run_timers() {
    const auto now = clock_.unix_ms();
    std::vector<std::pair<IncidentId, std::string>> expired;
    for (const auto& [id, incident] : book_.incidents()) {
        if (!is_open(incident.state)) continue;
        const Offer* offer = incident.current_offer();
        if (offer && offer->outcome == OfferOutcome::pending && now - offer->sent >= options_.ack_timeout_ms)
            expired.emplace_back(id, offer->order_id);
    }
    for (const auto& [id, order] : expired) {
        const Incident* incident = book_.find(id);
        const std::string unit = incident->current_offer()->unit.value;
        notify("alert", id, "no acknowledgement from " + unit + " within " + seconds_text(options_.ack_timeout_ms) +
                                " s: offering " + id.value + " to the next unit");
        record(OfferTimedOut{id, now, order});
    }
}

Assignment DispatchCenter::proposal(const IncidentId& id) {
    const Incident* incident = book_.find(id);
    if (!incident) throw UnknownId("no incident " + id.value);
    return rank_for(*incident);
}

Assignment DispatchCenter::rank_for(const Incident& incident) {
    return rank_call(incident.call.location, incident.call.priority, incident.offers);
}

Assignment DispatchCenter::rank_call(LatLon location, CallPriority priority, const std::vector<Offer>& passed_over) {
    const RoutingIndex& index = modes_.for_priority(priority);
    if (!index.ch) {
        Assignment none;
        none.no_unit_available = true;
        return none;
    }
    auto& query = queries_[index.ch];
    if (!query) query = std::make_unique<AssignmentQuery>(index, options_.assignment);
    fleet_snapshots(fleet_, book_, units_);
    // Units that let this call pass (no acknowledgement, stood down) are not asked again.
    for (const auto& o : passed_over) {
        if (o.outcome != OfferOutcome::timed_out && o.outcome != OfferOutcome::released) continue;
        for (auto& u : units_)
            if (u.id == o.unit) u.availability = UnitAvailability::busy();
    }
    return query->assign(units_, {location, priority, clock_.unix_ms()});
}

void DispatchCenter::decide(const IncidentId& id) {
    const Incident* incident = book_.find(id);
    if (!incident || incident->state != IncidentState::waiting) return;
    const Assignment a = rank_for(*incident);
    const Candidate* chosen = a.chosen_candidate();
    if (!chosen) {
        if (alerted_no_unit_.insert(id).second)
            notify("alert", id, a.call_off_road ? id.value + ": the call's location is too far from any road"
                                                : id.value + ": no unit can take this call now; it waits for the next free unit");
        return;
    }
    alerted_no_unit_.erase(id);
    std::string diverted_from;
    if (chosen->reasons.has(Reason::diverted))
        if (const Incident* other = book_.held_by(chosen->id)) diverted_from = other->id.value;
    offer(*incident, chosen->id, chosen->eta_ms, false, a.outside_response_radius, diverted_from);
}

void DispatchCenter::decide_waiting() {
    std::vector<const Incident*> waiting;
    for (const auto& [id, incident] : book_.incidents())
        if (incident.state == IncidentState::waiting) waiting.push_back(&incident);
    // Most urgent first, then the longest waiting.
    std::sort(waiting.begin(), waiting.end(), [](const Incident* a, const Incident* b) {
        if (a->call.priority != b->call.priority) return more_urgent(a->call.priority, b->call.priority);
        return a->id < b->id;
    });
    std::vector<IncidentId> ids;
    for (const Incident* i : waiting) ids.push_back(i->id);
    for (const auto& id : ids) decide(id);
}

void DispatchCenter::offer(const Incident& incident, const protocol::VehicleId& unit, TravelTime eta, bool manual,
                           bool outside, const std::string& diverted_from) {
    const IncidentId id = incident.id;
    const std::string order_id = id.value + "-" + std::to_string(incident.offers.size() + 1);
    const auto now = clock_.unix_ms();
    record(UnitOffered{id, now, unit, order_id, eta, manual, outside, diverted_from});
    const Incident& updated = *book_.find(id);
    const auto& call = updated.call;
    std::string note = call.complaint;
    if (updated.destination) note += (note.empty() ? "" : "; ") + std::string("hospital: ") + updated.destination->name;
    link_.send_order(unit, {order_id, id.value, now, call.location.lat, call.location.lon, call.place_name,
                            order_priority(call.priority), note});
}

void DispatchCenter::notify(std::string topic, const IncidentId& incident, std::string text) {
    notices_.push_back({std::move(topic), incident, std::move(text)});
}

std::vector<CenterNotice> DispatchCenter::take_notices() { return std::exchange(notices_, {}); }

bool DispatchCenter::take_fleet_changed() { return std::exchange(fleet_changed_, false); }

}  // namespace ems120::dispatch
