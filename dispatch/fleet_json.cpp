#include "dispatch/fleet_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "dispatch/ingest_server.hpp"
#include "maps/input_error.hpp"
#include "protocol/codec.hpp"
#include "protocol/vital_signs.hpp"

namespace ems120::dispatch {

namespace {

double rounded(double value, double step) { return std::round(value / step) * step; }

nlohmann::json position_json(const protocol::PositionFix& fix) {
    nlohmann::json p{{"time_ms", fix.gnss_time}, {"lat", fix.lat}, {"lon", fix.lon}};
    if (fix.speed_mps) p["speed_kmh"] = rounded(*fix.speed_mps * 3.6, 0.1);
    if (fix.heading_deg) p["heading_deg"] = rounded(*fix.heading_deg, 0.1);
    if (fix.hdop) p["hdop"] = *fix.hdop;
    if (fix.fix_quality) p["fix_quality"] = *fix.fix_quality;
    if (fix.satellites) p["satellites"] = *fix.satellites;
    return p;
}

nlohmann::json vehicle_json(const VehicleState& v, std::int64_t now_steady_ms) {
    nlohmann::json j{{"vehicle", v.id.value}, {"connected", v.link.connected}, {"software", v.software}, {"capabilities", v.capabilities}};
    j["last_heard_ms_ago"] = v.link.last_heard_steady_ms == 0 ? nlohmann::json(nullptr) : nlohmann::json(now_steady_ms - v.link.last_heard_steady_ms);
    j["position"] = v.position ? position_json(*v.position) : nlohmann::json(nullptr);
    j["status"] = v.status ? nlohmann::json(std::string(protocol::to_string(v.status->status))) : nlohmann::json(nullptr);
    if (v.status && !v.status->order_id.empty()) j["status_order"] = v.status->order_id;
    nlohmann::json vitals = nlohmann::json::object();
    for (const auto& sign : protocol::kVitalSigns) {
        const auto& m = v.vitals[static_cast<std::size_t>(sign.sign)];
        if (!m) continue;
        vitals[std::string(sign.key)] = {{"value", m->measurement.value}, {"unit", sign.ucum}, {"loinc", sign.loinc},
                                         {"plausible", m->measurement.plausible}, {"time_ms", m->time}};
    }
    j["vitals"] = vitals;
    j["incident"] = v.incident_id;
    j["outbox"] = {{"pending", v.link.last_heartbeat.outbox_pending},
                   {"dropped_fixes", v.link.last_heartbeat.dropped_fixes},
                   {"dropped_vitals", v.link.last_heartbeat.dropped_vitals}};
    nlohmann::json rejects = nlohmann::json::object();
    for (std::size_t i = 0; i < protocol::kRejectCodeCount; ++i)
        if (v.counts.rejects[i]) rejects[std::string(protocol::to_string(static_cast<protocol::RejectCode>(i)))] = v.counts.rejects[i];
    j["counts"] = {{"accepted", v.counts.accepted}, {"duplicates", v.counts.duplicates}, {"late_fixes", v.counts.late_fixes},
                   {"gap_notices", v.counts.gap_notices}, {"rejects", rejects}};
    j["sequence"] = {{"stream", v.stream_id}, {"acknowledged_through", v.sequence.cumulative()}};
    nlohmann::json orders = nlohmann::json::object();
    for (const auto& [id, shown] : v.orders_shown) orders[id] = shown;
    j["orders_shown"] = orders;
    return j;
}

std::string text_field(const nlohmann::json& order, const char* key, std::size_t max, bool required) {
    if (!order.contains(key)) {
        if (required) throw InputError(std::string("order: missing '") + key + "'");
        return {};
    }
    if (!order[key].is_string()) throw InputError(std::string("order: '") + key + "' must be a string");
    auto text = order[key].get<std::string>();
    if (text.size() > max) throw InputError(std::string("order: '") + key + "' is too long");
    if (required && text.empty()) throw InputError(std::string("order: '") + key + "' is empty");
    return text;
}

}  // namespace

nlohmann::json fleet_to_json(const FleetState& fleet, const IngestCounters& counters, std::int64_t now_steady_ms) {
    nlohmann::json vehicles = nlohmann::json::array();
    for (const auto& [id, state] : fleet.vehicles()) vehicles.push_back(vehicle_json(state, now_steady_ms));
    return {{"vehicles", vehicles},
            {"center", {{"frames", counters.frames}, {"messages", counters.messages}, {"accepted", counters.accepted},
                        {"duplicates", counters.duplicates}, {"rejected", counters.rejected},
                        {"unidentified_rejects", counters.unidentified_rejects},
                        {"refused_connections", counters.refused_connections}}}};
}

protocol::DispatchOrder order_from_json(const nlohmann::json& order) {
    if (!order.is_object()) throw InputError("order: must be a JSON object");
    protocol::DispatchOrder o;
    o.order_id = text_field(order, "id", protocol::kMaxIdBytes, true);
    o.incident_id = text_field(order, "incident", protocol::kMaxIdBytes, true);
    o.address = text_field(order, "address", protocol::kMaxTextBytes, false);
    o.priority = text_field(order, "priority", protocol::kMaxIdBytes, false);
    o.note = text_field(order, "note", protocol::kMaxTextBytes, false);
    o.complaint = text_field(order, "complaint", protocol::kMaxTextBytes, false);
    for (const char* key : {"lat", "lon"})
        if (!order.contains(key) || !order[key].is_number()) throw InputError(std::string("order: '") + key + "' must be a number");
    o.lat = order["lat"].get<double>();
    o.lon = order["lon"].get<double>();
    if (!(o.lat >= -90 && o.lat <= 90 && o.lon >= -180 && o.lon <= 180)) throw InputError("order: lat/lon is not a coordinate");
    return o;
}

}  // namespace ems120::dispatch
