#include "dispatch/incident_json.hpp"

#include <nlohmann/json.hpp>

namespace ems120::dispatch {

using nlohmann::json;

namespace {

json minutes(TravelTime ms) { return ms == kUnreachable ? json(nullptr) : json((ms + 30'000) / 60'000); }
json millis(TravelTime ms) { return ms == kUnreachable ? json(nullptr) : json(ms); }

json route_json(const std::vector<LatLon>& route) {
    json points = json::array();
    for (const LatLon& p : route) points.push_back({p.lat, p.lon});
    return points;
}

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
              {"idempotency_key", c.idempotency_key},
              {"outside_response_radius", incident.outside_response_radius}};
    if (const auto unit = incident.unit()) j["unit"] = unit->value;
    else j["unit"] = nullptr;
    json offers = json::array();
    const Offer* current = incident.current_offer();
    for (const auto& o : incident.offers) {
        json offer = {{"unit", o.unit.value}, {"order", o.order_id}, {"sent", o.sent}, {"eta_ms", millis(o.eta_ms)},
                      {"eta_min", minutes(o.eta_ms)}, {"manual", o.manual}, {"outcome", name_of(o.outcome)},
                      {"outcome_time", o.outcome_time == 0 ? json(nullptr) : json(o.outcome_time)},
                      {"distance_m", o.distance_m ? json(*o.distance_m) : json(nullptr)}};
        // The route the order carried: on the current offer always (a console draws it), on
        // earlier ones in the full view only (lists and event streams stay small).
        if (timeline || &o == current) offer["route"] = route_json(o.route);
        offers.push_back(std::move(offer));
    }
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

namespace {

template <class Enum, std::size_t N>
Enum enum_named(const std::string& name, std::size_t count, const char* what) {
    for (std::size_t i = 0; i < count; ++i)
        if (name_of(static_cast<Enum>(i)) == name) return static_cast<Enum>(i);
    throw std::invalid_argument(std::string("unknown ") + what + " '" + name + "'");
}

TravelTime travel_time(const json& v) { return v.is_null() ? kUnreachable : v.get<TravelTime>(); }

}  // namespace

Incident incident_from_json(const json& j) {
    try {
        Incident incident;
        incident.id = {j.at("id").get<std::string>()};
        incident.state = enum_named<IncidentState, 8>(j.at("state").get<std::string>(), 8, "incident state");
        CallDetails& c = incident.call;
        c.location = {j.at("lat").get<double>(), j.at("lon").get<double>()};
        c.place_id = j.at("place_id").get<std::string>();
        c.place_name = j.at("place").get<std::string>();
        c.priority = enum_named<CallPriority, kCallPriorityCount>(j.at("priority").get<std::string>(), kCallPriorityCount, "priority");
        c.determinant = j.at("determinant").get<std::string>();
        c.complaint = j.at("complaint").get<std::string>();
        c.caller_number = j.at("caller").get<std::string>();
        c.notes = j.at("notes").get<std::string>();
        c.needs = j.at("needs").get<std::string>();
        c.idempotency_key = j.value("idempotency_key", "");
        incident.outside_response_radius = j.at("outside_response_radius").get<bool>();
        for (const auto& o : j.at("offers")) {
            Offer offer;
            offer.unit = {o.at("unit").get<std::string>()};
            offer.order_id = o.at("order").get<std::string>();
            offer.sent = o.at("sent").get<protocol::UnixMillis>();
            offer.eta_ms = travel_time(o.at("eta_ms"));
            offer.manual = o.at("manual").get<bool>();
            offer.outcome = enum_named<OfferOutcome, 5>(o.at("outcome").get<std::string>(), 5, "offer outcome");
            offer.outcome_time = o.at("outcome_time").is_null() ? 0 : o.at("outcome_time").get<protocol::UnixMillis>();
            // Both absent in snapshots written before orders carried routes.
            if (const auto d = o.find("distance_m"); d != o.end() && !d->is_null()) offer.distance_m = d->get<std::uint32_t>();
            if (const auto r = o.find("route"); r != o.end())
                for (const auto& p : *r) offer.route.push_back({p.at(0).get<double>(), p.at(1).get<double>()});
            incident.offers.push_back(std::move(offer));
        }
        if (const json& d = j.at("destination"); !d.is_null())
            incident.destination = Destination{d.at("hospital").get<std::string>(), d.at("name").get<std::string>(),
                                               {d.at("lat").get<double>(), d.at("lon").get<double>()}, travel_time(d.at("eta_ms"))};
        for (std::size_t m = 0; m < kMilestoneCount; ++m) {
            const json& t = j.at("times").at(std::string(name_of(static_cast<Milestone>(m))));
            if (!t.is_null()) incident.times[m] = t.get<protocol::UnixMillis>();
        }
        incident.cancel_reason = j.value("cancel_reason", "");
        for (const auto& e : j.at("timeline")) incident.timeline.push_back({e.at("time").get<protocol::UnixMillis>(), e.at("what").get<std::string>()});
        return incident;
    } catch (const json::exception& e) {
        throw std::invalid_argument(std::string("malformed incident: ") + e.what());
    }
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
