// The dispatch center's commands on the control socket (the HTTP gateway forwards to them):
//   call {call, key}        -> 201 {incident, proposal} (200 + "duplicate" for a repeated key)
//   incidents               -> open incidents and those closed in the last 24 h
//   incident {id}           -> one incident with its timeline and, while open, the ranking
//   assign {id, unit}       -> manual override;   cancel {id, reason}
//   kpis, places {q}, state (everything replay must restore, for comparing dumps)
//   the browser console's (center_console_commands.cpp): propose, move_up, free_units, vitals
// Errors are {"error", "status"} with the HTTP status the gateway should answer.
#include <nlohmann/json.hpp>

#include "dispatch/call_intake.hpp"
#include "dispatch/fleet_snapshots.hpp"
#include "dispatch/incident_json.hpp"
#include "dispatch/ingest_server.hpp"
#include "dispatch/kpis.hpp"

namespace ems120::dispatch {

using nlohmann::json;

namespace {

std::string error(int status, const std::string& message) { return json{{"error", message}, {"status", status}}.dump(); }

IncidentId incident_id(const json& request) {
    const json& id = request.at("id");
    if (!id.is_string()) throw IntakeError(400, "the incident id must be a string");
    return {id.get<std::string>()};
}

json unit_state(const VehicleState& v, const IncidentBook& book) {
    const UnitAvailability a = availability_of(v, book);
    constexpr std::array<std::string_view, 4> activities{"available", "returning_to_station", "en_route", "busy"};
    json j{{"unit", v.id.value},
           {"activity", activities[static_cast<std::size_t>(a.activity)]},
           {"status", v.status ? json(protocol::to_string(v.status->status)) : json(nullptr)},
           {"acked_through", v.sequence.ack().cumulative},
           {"stream", v.stream_id}};
    if (v.position) j["position"] = {{"lat", v.position->lat}, {"lon", v.position->lon}, {"time", v.position->gnss_time}};
    if (const Incident* incident = book.held_by(v.id)) j["incident"] = incident->id.value;
    return j;
}

}  // namespace

std::string IngestServer::center_reply(const std::string& command, const json& request) {
    DispatchCenter& center = *center_;
    const auto now = clock_.unix_ms();
    try {
        if (auto reply = console_reply(command, request)) return *reply;
        if (command == "call") {
            const CallDetails call = call_from_json(request.at("call"), request.value("key", ""), config_.center->places);
            const CallOutcome outcome = center.take_call(call, requested_unit(request.at("call")));
            publish_notices();
            const Incident& incident = *center.book().find(outcome.incident);
            json reply{{"incident", incident_to_json(incident, true)}, {"duplicate", outcome.duplicate},
                       {"status", outcome.duplicate ? 200 : 201}};
            if (is_open(incident.state)) reply["proposal"] = proposal_to_json(center.proposal(outcome.incident), 2);
            return reply.dump();
        }
        if (command == "incidents") {
            json list = json::array();
            for (const auto& [id, incident] : center.book().incidents()) {
                const auto received = incident.time(Milestone::call_received).value_or(0);
                if (is_open(incident.state) || now - received < 24 * 3'600'000LL) list.push_back(incident_to_json(incident, false));
            }
            return json{{"incidents", std::move(list)}}.dump();
        }
        if (command == "incident") {
            const IncidentId id = incident_id(request);
            const Incident* incident = center.book().find(id);
            if (!incident) return error(404, "no incident " + id.value);
            json reply = incident_to_json(*incident, true);
            if (is_open(incident->state)) reply["proposal"] = proposal_to_json(center.proposal(id), 2);
            return reply.dump();
        }
        if (command == "assign") {
            const IncidentId id = incident_id(request);
            const json& unit = request.at("unit");
            if (!unit.is_string()) return error(400, "'unit' must be a string (the unit's id)");
            center_->assign(id, protocol::VehicleId{unit.get<std::string>()});
            publish_notices();
            return incident_to_json(*center.book().find(id), true).dump();
        }
        if (command == "cancel") {
            const IncidentId id = incident_id(request);
            const json reason = request.value("reason", json(""));
            if (!reason.is_string()) return error(400, "'reason' must be a string");
            center_->cancel(id, reason.get<std::string>());
            publish_notices();
            return incident_to_json(*center.book().find(id), true).dump();
        }
        if (command == "coverage") {
            if (!coverage_) return error(404, "live coverage is off: the map has no places");
            if (!coverage_->computed()) update_coverage();
            return coverage_->to_json().dump();
        }
        if (command == "kpis") return kpis_to_json(compute_kpis(center.book(), fleet_, now, local_day_start(now))).dump();
        if (command == "places") {
            const json& q = request.at("q");
            if (!q.is_string()) return error(400, "'q' must be a string");
            if (!config_.center->places.by_name) return json{{"exact", json::array()}, {"close", json::array()}}.dump();
            PlaceFinder::Found found;
            try {
                found = config_.center->places.by_name(q.get<std::string>());
            } catch (const std::invalid_argument& e) {  // an empty, blank or malformed query: the client's mistake
                return error(400, e.what());
            }
            return json{{"exact", candidates_to_json(found.exact)}, {"close", candidates_to_json(found.close)}}.dump();
        }
        if (command == "state") {
            json units = json::array();
            for (const auto& [id, v] : fleet_.vehicles()) units.push_back(unit_state(v, center.book()));
            json incidents = json::array();
            for (const auto& [id, incident] : center.book().incidents()) incidents.push_back(incident_to_json(incident, true));
            return json{{"units", std::move(units)}, {"incidents", std::move(incidents)}}.dump();
        }
        return error(404, "unknown command '" + command + "' (fleet, order, call, propose, incidents, incident, assign, cancel, kpis, places, state, move_up, free_units, vitals)");
    } catch (const IntakeError& e) {
        json reply{{"error", e.what()}, {"status", e.status()}};
        if (!e.candidates().empty()) reply["candidates"] = candidates_to_json(e.candidates());
        return reply.dump();
    } catch (const UnknownId& e) {
        return error(404, e.what());
    } catch (const std::invalid_argument& e) {
        return error(409, e.what());
    } catch (const json::exception& e) {
        return error(400, std::string("bad request: ") + e.what());
    }
}

}  // namespace ems120::dispatch
