#include "dispatch/center_event.hpp"

#include "dispatch/call_intake.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ems120::dispatch {

using nlohmann::json;

namespace {

json call_json(const CallDetails& c) {
    return {{"lat", c.location.lat},         {"lon", c.location.lon},   {"place_id", c.place_id},
            {"place_name", c.place_name},    {"priority", name_of(c.priority)}, {"determinant", c.determinant},
            {"complaint", c.complaint},      {"caller", c.caller_number},       {"notes", c.notes},
            {"needs", c.needs},              {"key", c.idempotency_key}};
}

CallDetails call_from(const json& j) {
    CallDetails c;
    c.location = {j.at("lat").get<double>(), j.at("lon").get<double>()};
    c.place_id = j.at("place_id").get<std::string>();
    c.place_name = j.at("place_name").get<std::string>();
    const auto priority = priority_named(j.at("priority").get<std::string>());
    if (!priority) throw std::invalid_argument("unknown priority");
    c.priority = *priority;
    c.determinant = j.at("determinant").get<std::string>();
    c.complaint = j.at("complaint").get<std::string>();
    c.caller_number = j.at("caller").get<std::string>();
    c.notes = j.at("notes").get<std::string>();
    c.needs = j.at("needs").get<std::string>();
    c.idempotency_key = j.at("key").get<std::string>();
    return c;
}

struct Encoder {
    json operator()(const CallReceived& e) const {
        return {{"event", "call"}, {"incident", e.incident.value}, {"time", e.time}, {"call", call_json(e.call)}};
    }
    json operator()(const UnitOffered& e) const {
        return {{"event", "offer"},    {"incident", e.incident.value}, {"time", e.time},
                {"unit", e.unit.value}, {"order", e.order_id},          {"eta_ms", e.eta_ms},
                {"manual", e.manual},   {"outside", e.outside_response_radius}, {"diverted_from", e.diverted_from}};
    }
    json operator()(const DestinationChosen& e) const {
        const Destination& d = e.destination;
        return {{"event", "destination"}, {"incident", e.incident.value}, {"time", e.time},
                {"hospital", d.hospital_id}, {"name", d.name}, {"lat", d.location.lat}, {"lon", d.location.lon},
                {"eta_ms", d.eta_ms}};
    }
    json operator()(const OfferTimedOut& e) const {
        return {{"event", "offer_timeout"}, {"incident", e.incident.value}, {"time", e.time}, {"order", e.order_id}};
    }
    json operator()(const IncidentCancelled& e) const {
        return {{"event", "cancel"}, {"incident", e.incident.value}, {"time", e.time}, {"reason", e.reason}};
    }
    json operator()(const MoveUpOrdered& e) const {
        return {{"event", "move_up"}, {"time", e.time}, {"unit", e.unit.value}, {"station", e.station},
                {"station_name", e.station_name}, {"lat", e.location.lat}, {"lon", e.location.lon}, {"order", e.order_id}};
    }
};

}  // namespace

std::string encode_center_event(const CenterEvent& event) { return std::visit(Encoder{}, event).dump(); }

CenterEvent decode_center_event(std::string_view record) {
    try {
        const json j = json::parse(record);
        const std::string kind = j.at("event").get<std::string>();
        if (kind == "move_up") {
            MoveUpOrdered e{j.at("time").get<protocol::UnixMillis>(), protocol::VehicleId{j.at("unit").get<std::string>()},
                            j.at("station").get<std::uint32_t>(), j.at("station_name").get<std::string>(),
                            {j.at("lat").get<double>(), j.at("lon").get<double>()}, j.at("order").get<std::string>()};
            if (e.unit.value.empty() || e.order_id.empty()) throw std::invalid_argument("a move-up without a unit or order");
            return e;
        }
        const IncidentId incident{j.at("incident").get<std::string>()};
        const protocol::UnixMillis time = j.at("time").get<protocol::UnixMillis>();
        if (incident.value.empty()) throw std::invalid_argument("empty incident id");
        if (kind == "call") return CallReceived{incident, time, call_from(j.at("call"))};
        if (kind == "offer")
            return UnitOffered{incident,
                               time,
                               protocol::VehicleId{j.at("unit").get<std::string>()},
                               j.at("order").get<std::string>(),
                               j.at("eta_ms").get<TravelTime>(),
                               j.at("manual").get<bool>(),
                               j.at("outside").get<bool>(),
                               j.at("diverted_from").get<std::string>()};
        if (kind == "destination")
            return DestinationChosen{incident, time,
                                     Destination{j.at("hospital").get<std::string>(), j.at("name").get<std::string>(),
                                                 {j.at("lat").get<double>(), j.at("lon").get<double>()},
                                                 j.at("eta_ms").get<TravelTime>()}};
        if (kind == "offer_timeout") return OfferTimedOut{incident, time, j.at("order").get<std::string>()};
        if (kind == "cancel") return IncidentCancelled{incident, time, j.at("reason").get<std::string>()};
        throw std::invalid_argument("unknown center event '" + kind + "'");
    } catch (const json::exception& e) {
        throw std::invalid_argument(std::string("malformed center event: ") + e.what());
    }
}

protocol::UnixMillis time_of(const CenterEvent& event) {
    return std::visit([](const auto& e) { return e.time; }, event);
}

const IncidentId& incident_of(const CenterEvent& event) {
    static const IncidentId kNone;
    return std::visit(
        [](const auto& e) -> const IncidentId& {
            if constexpr (std::is_same_v<std::decay_t<decltype(e)>, MoveUpOrdered>) return kNone;
            else return e.incident;
        },
        event);
}

}  // namespace ems120::dispatch
