#include "dispatch/incident_book.hpp"

#include <charconv>
#include <cstdio>
#include <stdexcept>

#include "maps/geodesy.hpp"
#include "protocol/codec.hpp"

namespace ems120::dispatch {

namespace {

std::optional<std::uint64_t> incident_number(const std::string& id) {
    if (id.size() < 2 || id[0] != 'I') return std::nullopt;
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
    if (ec != std::errc() || end != id.data() + id.size()) return std::nullopt;
    return n;
}

IncidentChange said(const IncidentId& id, std::string what) { return {id, std::move(what), std::nullopt, {}, false}; }

bool slow(const protocol::PositionFix& fix, double limit) { return !fix.speed_mps || *fix.speed_mps <= limit; }

// Before this state the unit has not reached the patient: losing it means finding another.
bool before_scene(IncidentState s) { return s == IncidentState::offered || s == IncidentState::assigned; }

}  // namespace

const Incident* IncidentBook::find(const IncidentId& id) const {
    const auto it = incidents_.find(id);
    return it == incidents_.end() ? nullptr : &it->second;
}

const Incident* IncidentBook::held_by(const protocol::VehicleId& unit) const {
    const auto it = held_.find(unit);
    return it == held_.end() ? nullptr : find(it->second);
}

Incident* IncidentBook::holding(const protocol::VehicleId& unit) {
    const auto it = held_.find(unit);
    return it == held_.end() ? nullptr : &incidents_.at(it->second);
}

std::optional<IncidentId> IncidentBook::find_by_key(const std::string& key) const {
    if (key.empty()) return std::nullopt;
    const auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    return it->second;
}

void IncidentBook::restore(std::vector<Incident> incidents) {
    incidents_.clear();
    held_.clear();
    by_key_.clear();
    by_order_.clear();
    highest_number_ = 0;
    for (auto& incident : incidents) {
        const IncidentId id = incident.id;
        if (!incident.call.idempotency_key.empty()) by_key_[incident.call.idempotency_key] = id;
        for (const auto& offer : incident.offers) by_order_[offer.order_id] = id;
        if (const auto unit = incident.unit()) held_[*unit] = id;
        if (const auto n = incident_number(id.value)) highest_number_ = std::max(highest_number_, *n);
        incidents_.emplace(id, std::move(incident));
    }
}

IncidentId IncidentBook::next_id() const {
    char text[32];
    std::snprintf(text, sizeof text, "I%06llu", static_cast<unsigned long long>(highest_number_ + 1));
    return {text};
}

Incident& IncidentBook::open_incident(const IncidentId& id) {
    const auto it = incidents_.find(id);
    if (it == incidents_.end()) throw std::invalid_argument("no incident " + id.value);
    if (!is_open(it->second.state)) throw std::invalid_argument("incident " + id.value + " is " + std::string(name_of(it->second.state)));
    return it->second;
}

void IncidentBook::apply(const CenterEvent& event, std::vector<IncidentChange>& changes) {
    std::visit(
        [&](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, CallReceived>) apply_call(e, changes);
            else if constexpr (std::is_same_v<E, UnitOffered>) apply_offer(e, changes);
            else if constexpr (std::is_same_v<E, OfferTimedOut>) apply_timeout(e, changes);
            else if constexpr (std::is_same_v<E, IncidentCancelled>) apply_cancel(e, changes);
            else if constexpr (std::is_same_v<E, MoveUpOrdered>) return;  // no incident's: dispatch/move_up_orders
            else {
                Incident& incident = open_incident(e.incident);
                incident.destination = e.destination;
                incident.timeline.push_back({e.time, "destination " + e.destination.name});
                changes.push_back(said(incident.id, "destination " + e.destination.name));
            }
        },
        event);
}

void IncidentBook::apply_call(const CallReceived& e, std::vector<IncidentChange>& changes) {
    if (incidents_.count(e.incident)) throw std::invalid_argument("incident " + e.incident.value + " exists already");
    if (!e.call.idempotency_key.empty() && by_key_.count(e.call.idempotency_key))
        throw std::invalid_argument("idempotency key used by " + by_key_.at(e.call.idempotency_key).value);
    Incident incident;
    incident.id = e.incident;
    incident.call = e.call;
    incident.times[static_cast<std::size_t>(Milestone::call_received)] = e.time;
    const std::string what = "call received, " + std::string(name_of(e.call.priority)) +
                             (e.call.place_name.empty() ? "" : ", " + e.call.place_name) +
                             (e.call.complaint.empty() ? "" : ": " + e.call.complaint);
    incident.timeline.push_back({e.time, what});
    if (!e.call.idempotency_key.empty()) by_key_[e.call.idempotency_key] = e.incident;
    if (const auto n = incident_number(e.incident.value)) highest_number_ = std::max(highest_number_, *n);
    incidents_.emplace(e.incident, std::move(incident));
    changes.push_back(said(e.incident, what));  // the center decides once the call is wholly recorded
}

void IncidentBook::apply_offer(const UnitOffered& e, std::vector<IncidentChange>& changes) {
    Incident& incident = open_incident(e.incident);
    if (e.order_id.empty() || by_order_.count(e.order_id)) throw std::invalid_argument("order id '" + e.order_id + "' is not new");
    if (Incident* other = holding(e.unit); other && other->id != e.incident) {
        if (other->id.value != e.diverted_from)
            throw std::invalid_argument("unit " + e.unit.value + " is held by " + other->id.value);
        end_offer(*other, OfferOutcome::withdrawn, e.time, "diverted to " + e.incident.value, changes);
        other->state = IncidentState::waiting;
        changes.back().needs_unit = true;
    }
    if (incident.current_offer()) {
        end_offer(incident, OfferOutcome::withdrawn, e.time, "reassigned to " + e.unit.value, changes);
        // What the previous unit did is in the timeline; the milestones follow the unit that goes.
        for (Milestone m : {Milestone::acknowledged, Milestone::en_route})
            incident.times[static_cast<std::size_t>(m)].reset();
    }
    Offer offer;
    offer.unit = e.unit;
    offer.order_id = e.order_id;
    offer.sent = e.time;
    offer.eta_ms = e.eta_ms;
    offer.manual = e.manual;
    incident.offers.push_back(offer);
    incident.state = IncidentState::offered;
    incident.outside_response_radius = e.outside_response_radius;
    held_[e.unit] = e.incident;
    by_order_[e.order_id] = e.incident;
    auto& notified = incident.times[static_cast<std::size_t>(Milestone::unit_notified)];
    if (!notified) notified = e.time;  // the dispatch interval ends with the first unit notified
    const std::string what = std::string(e.manual ? "assigned by the dispatcher: " : "offered to ") + e.unit.value +
                             ", ETA " + std::to_string((e.eta_ms + 30'000) / 60'000) + " min" +
                             (e.outside_response_radius ? " (outside the response radius)" : "");
    incident.timeline.push_back({e.time, what});
    changes.push_back(said(incident.id, what));
}

void IncidentBook::apply_timeout(const OfferTimedOut& e, std::vector<IncidentChange>& changes) {
    Incident& incident = open_incident(e.incident);
    const Offer* offer = incident.current_offer();
    if (!offer || offer->order_id != e.order_id || offer->outcome != OfferOutcome::pending)
        throw std::invalid_argument("order " + e.order_id + " of " + e.incident.value + " is not awaiting acknowledgement");
    const std::string unit = offer->unit.value;
    end_offer(incident, OfferOutcome::timed_out, e.time, unit + " did not acknowledge in time", changes);
    incident.state = IncidentState::waiting;
    changes.back().needs_unit = true;
}

void IncidentBook::apply_cancel(const IncidentCancelled& e, std::vector<IncidentChange>& changes) {
    Incident& incident = open_incident(e.incident);
    if (incident.current_offer()) end_offer(incident, OfferOutcome::withdrawn, e.time, "cancelled", changes);
    incident.state = IncidentState::cancelled;
    incident.cancel_reason = e.reason;
    const std::string what = "cancelled" + (e.reason.empty() ? "" : ": " + e.reason);
    incident.timeline.push_back({e.time, what});
    changes.push_back(said(incident.id, what));
}

void IncidentBook::end_offer(Incident& incident, OfferOutcome outcome, protocol::UnixMillis time, const std::string& why,
                             std::vector<IncidentChange>& changes) {
    Offer* offer = incident.current_offer();
    if (!offer) return;
    offer->outcome = outcome;
    offer->outcome_time = time;
    held_.erase(offer->unit);
    incident.timeline.push_back({time, why});
    const bool tell_unit = outcome == OfferOutcome::withdrawn || outcome == OfferOutcome::timed_out;
    changes.push_back({incident.id, why, offer->unit, tell_unit ? offer->order_id : std::string(), false});
}

bool IncidentBook::mark(Incident& incident, Milestone m, protocol::UnixMillis time, const std::string& how,
                        std::vector<IncidentChange>& changes) {
    auto& slot = incident.times[static_cast<std::size_t>(m)];
    if (slot && *slot <= time) return false;
    slot = time;
    const std::string what = std::string(name_of(m)) + " (" + how + ")";
    incident.timeline.push_back({time, what});
    changes.push_back(said(incident.id, what));
    return true;
}

void IncidentBook::on_telemetry(const protocol::Message& message, std::vector<IncidentChange>& changes) {
    std::visit(
        [&](const auto& body) {
            using B = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<B, protocol::OrderAck>) on_order_ack(message.vehicle, body, changes);
            else if constexpr (std::is_same_v<B, protocol::CrewStatusChange>) on_status(message.vehicle, body, changes);
            else if constexpr (std::is_same_v<B, protocol::PositionFix>) on_fix(message.vehicle, body, changes);
            else if constexpr (std::is_same_v<B, protocol::Vitals>) on_vitals(message.vehicle, body, changes);
        },
        message.body);
}

void IncidentBook::on_order_ack(const protocol::VehicleId& unit, const protocol::OrderAck& ack,
                                std::vector<IncidentChange>& changes) {
    const auto it = by_order_.find(ack.order_id);
    if (it == by_order_.end()) return;  // an order sent by hand (`ems120 order`), not an incident's
    Incident& incident = incidents_.at(it->second);
    Offer* offer = incident.current_offer();
    if (!offer || offer->order_id != ack.order_id || offer->unit != unit) {
        incident.timeline.push_back({ack.shown, "late acknowledgement from " + unit.value + " (order " + ack.order_id + " no longer stands)"});
        return;
    }
    if (offer->outcome == OfferOutcome::pending) {
        offer->outcome = OfferOutcome::acknowledged;
        offer->outcome_time = ack.shown;
        if (incident.state == IncidentState::offered) incident.state = IncidentState::assigned;
    }
    mark(incident, Milestone::acknowledged, ack.shown, "by " + unit.value, changes);
}

void IncidentBook::on_status(const protocol::VehicleId& unit, const protocol::CrewStatusChange& s,
                             std::vector<IncidentChange>& changes) {
    Incident* incident = holding(unit);
    if (!incident) return;
    // A status naming another order (one withdrawn for a diversion or reassignment, still in the
    // unit's outbox) belongs to that job: it must not move this one.
    if (const Offer* current = incident->current_offer(); !s.order_id.empty() && current && s.order_id != current->order_id) {
        if (const auto owner = by_order_.find(s.order_id); owner != by_order_.end())
            incidents_.at(owner->second).timeline.push_back(
                {s.time, "status " + std::string(protocol::to_string(s.status)) + " from " + unit.value + " after the order was withdrawn"});
        return;
    }
    using protocol::CrewStatus;
    const std::string how = "crew of " + unit.value;
    if (Offer* offer = incident->current_offer(); offer && offer->outcome == OfferOutcome::pending &&
                                                  s.status != CrewStatus::available && s.status != CrewStatus::out_of_service) {
        // Any progress on the order means the crew has it, even if the screen's ack is still queued.
        offer->outcome = OfferOutcome::acknowledged;
        offer->outcome_time = s.time;
        mark(*incident, Milestone::acknowledged, s.time, how, changes);
        incident->state = IncidentState::assigned;
    }
    auto advance = [&](IncidentState to) {
        if (static_cast<int>(incident->state) < static_cast<int>(to)) incident->state = to;
    };
    switch (s.status) {
        case CrewStatus::en_route:
            mark(*incident, Milestone::en_route, s.time, how, changes);
            break;
        case CrewStatus::on_scene:
            mark(*incident, Milestone::on_scene, s.time, how, changes);
            advance(IncidentState::on_scene);
            break;
        case CrewStatus::transporting:
            mark(*incident, Milestone::left_scene, s.time, how, changes);
            advance(IncidentState::transporting);
            break;
        case CrewStatus::at_hospital:
            mark(*incident, Milestone::at_destination, s.time, how, changes);
            advance(IncidentState::at_hospital);
            break;
        case CrewStatus::available:
        case CrewStatus::out_of_service: {
            const bool out = s.status == CrewStatus::out_of_service;
            if (before_scene(incident->state)) {
                end_offer(*incident, OfferOutcome::released, s.time,
                          unit.value + (out ? " went out of service" : " stood down") + " before reaching the scene", changes);
                changes.back().needs_unit = true;
                incident->state = IncidentState::waiting;
                break;
            }
            if (!out) mark(*incident, Milestone::back_in_service, s.time, how, changes);
            Offer* offer = incident->current_offer();
            if (offer) {
                held_.erase(offer->unit);
                offer->outcome_time = s.time;
            }
            incident->state = IncidentState::closed;
            const std::string what = out ? "closed: " + unit.value + " out of service" : "closed";
            incident->timeline.push_back({s.time, what});
            changes.push_back({incident->id, what, unit, {}, false});
            break;
        }
        case CrewStatus::patient_contact:
            mark(*incident, Milestone::patient_contact, s.time, how, changes);
            break;
        case CrewStatus::handover:
            mark(*incident, Milestone::handover, s.time, how, changes);
            break;
    }
}

void IncidentBook::on_fix(const protocol::VehicleId& unit, const protocol::PositionFix& fix,
                          std::vector<IncidentChange>& changes) {
    Incident* incident = holding(unit);
    if (!incident) return;
    const auto notified = incident->current_offer() ? incident->current_offer()->sent : 0;
    if (fix.gnss_time < notified) return;  // where it was before it had the order proves nothing
    const LatLon here{fix.lat, fix.lon};
    const double to_scene = geodesic_distance_m(here, incident->call.location);
    const auto on_scene = incident->time(Milestone::on_scene);
    if (to_scene <= geofences_.scene_radius_m && slow(fix, geofences_.arrived_speed_mps) &&
        !incident->time(Milestone::left_scene)) {
        if (mark(*incident, Milestone::on_scene, fix.gnss_time, "geofence", changes) &&
            static_cast<int>(incident->state) < static_cast<int>(IncidentState::on_scene))
            incident->state = IncidentState::on_scene;
        return;
    }
    if (on_scene && fix.gnss_time > *on_scene && to_scene > geofences_.leave_radius_m) {
        if (mark(*incident, Milestone::left_scene, fix.gnss_time, "geofence", changes) &&
            incident->state == IncidentState::on_scene)
            incident->state = IncidentState::transporting;
    }
    const auto left = incident->time(Milestone::left_scene);
    if (incident->destination && left && fix.gnss_time > *left && slow(fix, geofences_.arrived_speed_mps) &&
        geodesic_distance_m(here, incident->destination->location) <= geofences_.hospital_radius_m) {
        if (mark(*incident, Milestone::at_destination, fix.gnss_time, "geofence", changes) &&
            incident->state == IncidentState::transporting)
            incident->state = IncidentState::at_hospital;
    }
}

void IncidentBook::on_vitals(const protocol::VehicleId& unit, const protocol::Vitals& v, std::vector<IncidentChange>& changes) {
    Incident* incident = holding(unit);
    if (!incident || v.incident_id != incident->id.value) return;
    // The monitor goes on the patient at first contact.
    mark(*incident, Milestone::patient_contact, v.time, "first vital signs", changes);
}

}  // namespace ems120::dispatch
