#include "dispatch/call_intake.hpp"

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

namespace ems120::dispatch {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxLongText = 4000;

std::string text_field(const json& body, const char* name, std::size_t max_bytes) {
    if (!body.contains(name) || body[name].is_null()) return {};
    if (!body[name].is_string()) throw IntakeError(400, std::string("'") + name + "' must be a string");
    std::string value = body[name].get<std::string>();
    if (value.size() > max_bytes)
        throw IntakeError(400, std::string("'") + name + "' is longer than " + std::to_string(max_bytes) + " bytes");
    return value;
}

double coordinate(const json& body, const char* name, double limit) {
    const json& v = body.at(name);
    if (!v.is_number()) throw IntakeError(400, std::string("'") + name + "' must be a number (degrees)");
    const double d = v.get<double>();
    if (!std::isfinite(d) || std::fabs(d) > limit)
        throw IntakeError(400, std::string("'") + name + "' must be within ±" + std::to_string(static_cast<int>(limit)) + " degrees");
    return d;
}

void locate(const json& body, const PlaceFinder& places, CallDetails& call) {
    const bool by_point = body.contains("lat") || body.contains("lon");
    const bool by_name = body.contains("place");
    const bool by_id = body.contains("place_id");
    if (by_point + by_name + by_id != 1)
        throw IntakeError(400, "say where the patient is with exactly one of: lat and lon, place (a name), place_id");
    if (by_point) {
        if (!body.contains("lat") || !body.contains("lon")) throw IntakeError(400, "give both 'lat' and 'lon'");
        call.location = {coordinate(body, "lat", 90.0), coordinate(body, "lon", 180.0)};
        call.place_name = text_field(body, "address", kMaxShortText);
    } else if (by_id) {
        const std::string id = text_field(body, "place_id", kMaxShortText);
        const auto found = places.by_id ? places.by_id(id) : std::nullopt;
        if (!found) throw IntakeError(404, "no place with id '" + id + "' on this map");
        call.location = found->location;
        call.place_id = found->id;
        call.place_name = found->name;
    } else {
        const std::string name = text_field(body, "place", kMaxShortText);
        if (!places.by_name) throw IntakeError(404, "this map has no place names to search");
        PlaceFinder::Found found;
        try {
            found = places.by_name(name);
        } catch (const std::invalid_argument& e) {
            throw IntakeError(400, e.what());
        }
        if (found.exact.size() > 1)
            throw IntakeError(409, "'" + name + "' names " + std::to_string(found.exact.size()) + " places: choose one by place_id",
                              found.exact);
        if (found.exact.empty())
            throw IntakeError(404, found.close.empty() ? "no place named '" + name + "'" : "no place named exactly '" + name + "'; did you mean one of these?",
                              found.close);
        const PlaceCandidate& place = found.exact.front();
        call.location = place.location;
        call.place_id = place.id;
        call.place_name = place.name;
    }
    if (places.distance_to_road_m) {
        const double metres = places.distance_to_road_m(call.location);
        if (metres > places.max_distance_to_road_m)
            throw IntakeError(422, "the location is " + std::to_string(static_cast<long>(metres / 1000.0 + 0.5)) +
                                       " km from the nearest road of this map: outside the area it covers");
    }
    if (call.place_name.empty()) call.place_name = text_field(body, "address", kMaxShortText);
}

}  // namespace

std::optional<CallPriority> priority_named(std::string_view name) {
    for (std::size_t i = 0; i < kCallPriorityCount; ++i)
        if (name_of(static_cast<CallPriority>(i)) == name) return static_cast<CallPriority>(i);
    if (name == "non-urgent") return CallPriority::non_urgent;
    return std::nullopt;
}

std::optional<CallPriority> priority_of_determinant(std::string_view code) {
    // Chief complaint number (1-2 digits), level letter, optional sub-code; separators optional.
    std::size_t i = 0;
    std::size_t digits = 0;
    while (i < code.size() && std::isdigit(static_cast<unsigned char>(code[i]))) ++i, ++digits;
    if (digits == 0 || digits > 2) return std::nullopt;
    if (i < code.size() && code[i] == '-') ++i;
    if (i >= code.size()) return std::nullopt;
    const char level = static_cast<char>(std::toupper(static_cast<unsigned char>(code[i++])));
    if (i < code.size() && code[i] == '-') ++i;
    for (; i < code.size(); ++i)
        if (!std::isalnum(static_cast<unsigned char>(code[i]))) return std::nullopt;
    switch (level) {
        case 'E': return CallPriority::critical;
        case 'D': return CallPriority::emergency;
        case 'C':
        case 'B': return CallPriority::urgent;
        case 'A':
        case 'O': return CallPriority::non_urgent;
        default: return std::nullopt;
    }
}

CallDetails call_from_json(const json& body, const std::string& header_key, const PlaceFinder& places) {
    if (!body.is_object()) throw IntakeError(400, "the body must be a JSON object (the call)");
    CallDetails call;
    try {
        locate(body, places, call);
    } catch (const json::exception& e) {
        throw IntakeError(400, std::string("bad location: ") + e.what());
    }
    call.determinant = text_field(body, "determinant", 32);
    const std::string priority = text_field(body, "priority", 32);
    std::optional<CallPriority> from_code;
    if (!call.determinant.empty()) {
        from_code = priority_of_determinant(call.determinant);
        if (!from_code) throw IntakeError(400, "'" + call.determinant + "' is not a determinant code like 09-E-01");
    }
    if (!priority.empty()) {
        const auto p = priority_named(priority);
        if (!p) throw IntakeError(400, "priority must be one of critical, emergency, urgent, non_urgent");
        call.priority = *p;  // the call-taker's word wins over the code's default
    } else if (from_code) {
        call.priority = *from_code;
    } else {
        throw IntakeError(400, "give a priority (critical, emergency, urgent, non_urgent) or a determinant code");
    }
    call.complaint = text_field(body, "complaint", kMaxShortText);
    call.caller_number = text_field(body, "caller", 40);
    for (char c : call.caller_number)
        if (!std::isdigit(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != ' ' && c != '(' && c != ')')
            throw IntakeError(400, "'caller' must be a phone number (digits, +, -, spaces)");
    call.notes = text_field(body, "notes", kMaxLongText);
    call.needs = text_field(body, "needs", 40);
    for (char c : call.needs)
        if (!std::islower(static_cast<unsigned char>(c)) && c != '_')
            throw IntakeError(400, "'needs' is a hospital capability such as stroke, chest_pain, paediatrics");
    call.idempotency_key = header_key.empty() ? text_field(body, "idempotency_key", kMaxShortText) : header_key;
    if (call.idempotency_key.size() > kMaxShortText) throw IntakeError(400, "the idempotency key is too long");
    for (const auto& [key, value] : body.items()) {
        static const std::array<std::string_view, 13> known{"lat", "lon", "place", "place_id", "address", "priority",
                                                            "determinant", "complaint", "caller", "notes", "needs",
                                                            "idempotency_key", "unit"};
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw IntakeError(400, "unknown field '" + key + "'");
        (void)value;
    }
    return call;
}

std::optional<protocol::VehicleId> requested_unit(const json& body) {
    if (!body.is_object() || !body.contains("unit") || body["unit"].is_null()) return std::nullopt;
    const json& unit = body["unit"];
    if (!unit.is_string() || unit.get<std::string>().empty() || unit.get<std::string>().size() > 64)
        throw IntakeError(400, "'unit' must be a unit's id, e.g. \"A05\"");
    return protocol::VehicleId{unit.get<std::string>()};
}

json candidates_to_json(const std::vector<PlaceCandidate>& candidates) {
    json out = json::array();
    for (const auto& c : candidates)
        out.push_back({{"place_id", c.id}, {"name", c.name}, {"kind", c.kind}, {"lat", c.location.lat}, {"lon", c.location.lon}});
    return out;
}

}  // namespace ems120::dispatch
