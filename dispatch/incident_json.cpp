#include "dispatch/incident_json.hpp"

#include <nlohmann/json.hpp>

namespace ems120::dispatch {

using nlohmann::json;

namespace {

json minutes(TravelTime ms) { return ms == kUnreachable ? json(nullptr) : json((ms + 30'000) / 60'000); }
json millis(TravelTime ms) { return ms == kUnreachable ? json(nullptr) : json(ms); }

}  // namespace

json incident_to_json(const Incident& incident, bool timeline) {
    const CallDetails& c = incident.call;
    json j = {{"id", incident.id.value},
              {"state", name_of(incident.state)},
              {"lat", c.location.lat},
              {"lon", c.location.lon},
              {"place_id", c.place_id},
              {"place", c.place_name},
              {"priority", name_of(c.priority)},
              {"determinant", c.determinant},
              {"complaint", c.complaint},
              {"caller", c.caller_number},
              {"notes", c.notes},
              {"needs", c.needs},
              {"outside_response_radius", incident.outside_response_radius}};
    if (const auto unit = incident.unit()) j["unit"] = unit->value;
    else j["unit"] = nullptr;
    json offers = json::array();
    for (const auto& o : incident.offers)
        offers.push_back({{"unit", o.unit.value}, {"order", o.order_id}, {"sent", o.sent}, {"eta_ms", millis(o.eta_ms)},
                          {"eta_min", minutes(o.eta_ms)}, {"manual", o.manual}, {"outcome", name_of(o.outcome)},
                          {"outcome_time", o.outcome_time == 0 ? json(nullptr) : json(o.outcome_time)}});
    j["offers"] = std::move(offers);
    if (incident.destination) {
        const auto& d = *incident.destination;
        j["destination"] = {{"hospital", d.hospital_id}, {"name", d.name}, {"lat", d.location.lat}, {"lon", d.location.lon},
                            {"eta_ms", millis(d.eta_ms)}, {"eta_min", minutes(d.eta_ms)}};
    } else {
        j["destination"] = nullptr;
    }
    json times = json::object();
    for (std::size_t m = 0; m < kMilestoneCount; ++m) {
        const auto t = incident.times[m];
        times[std::string(name_of(static_cast<Milestone>(m)))] = t ? json(*t) : json(nullptr);
    }
    j["times"] = std::move(times);
    const auto response = incident.response_ms();
    j["response_ms"] = response ? json(*response) : json(nullptr);
    if (!incident.cancel_reason.empty()) j["cancel_reason"] = incident.cancel_reason;
    if (timeline) {
        json entries = json::array();
        for (const auto& e : incident.timeline) entries.push_back({{"time", e.time}, {"what", e.what}});
        j["timeline"] = std::move(entries);
    }
    return j;
}

json proposal_to_json(const Assignment& a, std::size_t alternatives) {
    json j = {{"no_unit_available", a.no_unit_available},
              {"outside_response_radius", a.outside_response_radius},
              {"call_off_road", a.call_off_road}};
    auto unit = [](const Candidate& c) {
        return json{{"unit", c.id.value}, {"eta_ms", millis(c.eta_ms)}, {"eta_min", minutes(c.eta_ms)},
                    {"notes", describe(c.reasons)}};
    };
    const Candidate* chosen = a.chosen_candidate();
    j["proposed"] = chosen ? unit(*chosen) : json(nullptr);
    json others = json::array();
    for (const auto& c : a.ranked) {
        if (others.size() >= alternatives) break;
        if (&c == chosen || !c.eligible) continue;
        others.push_back(unit(c));
    }
    j["alternatives"] = std::move(others);
    return j;
}

}  // namespace ems120::dispatch
