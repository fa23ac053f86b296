#pragma once
// Incidents, proposals and KPIs as JSON for the HTTP API, the control socket and the event
// stream. Times are unix ms; durations ms; ETAs also in whole minutes for people.
#include <nlohmann/json_fwd.hpp>

#include "dispatch/assignment_result.hpp"
#include "dispatch/incident.hpp"

namespace ems120::dispatch {

// The incident with its offers, destination and milestones; with `timeline`, every entry too.
nlohmann::json incident_to_json(const Incident& incident, bool timeline);
// The inverse of incident_to_json(incident, true), for snapshots. Throws std::invalid_argument.
Incident incident_from_json(const nlohmann::json& j);
// The policy's ranking: the proposed unit and the next `alternatives` eligible ones.
nlohmann::json proposal_to_json(const Assignment& assignment, std::size_t alternatives);

}  // namespace ems120::dispatch
