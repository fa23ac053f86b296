// The browser console's commands on the control socket (the HTTP gateway forwards to them):
//   propose {call}  -> what the policy would do with a call, nothing recorded (POST /api/proposals)
//   free_units      -> {"stamp", "units": [{unit, lat, lon}]}: the free units the last coverage
//                      update counted (for their isochrones, computed by the gateway)
//   vitals {unit, minutes} -> {"unit", "vitals": [{time, hr?, spo2?, ...}]}, oldest first
//   move_up {unit, station (index or name)} -> the order for the current recommendation (409 when
//                      it no longer is, or the unit is not free)
// Errors as in center_commands.cpp: {"error", "status"}, thrown and answered there.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "dispatch/call_intake.hpp"
#include "dispatch/fleet_snapshots.hpp"
#include "dispatch/ingest_server.hpp"

namespace ems120::dispatch {

using nlohmann::json;

namespace {

constexpr std::size_t kRankedShown = 10;

json proposal_json(const CallDetails& call, const Assignment& a) {
    json location{{"lat", call.location.lat}, {"lon", call.location.lon}};
    if (!call.place_name.empty()) location["name"] = call.place_name;
    if (!call.place_id.empty()) location["place_id"] = call.place_id;
    json ranked = json::array();
    for (std::size_t i = 0; i < a.ranked.size() && i < kRankedShown; ++i) {
        const Candidate& c = a.ranked[i];
        ranked.push_back({{"unit", c.id.value},
                          {"eta_ms", c.eta_ms == kUnreachable ? json(nullptr) : json(c.eta_ms)},
                          {"eligible", c.eligible},
                          {"reasons", describe(c.reasons)},
                          {"stale", c.reasons.has(Reason::stale)}});
    }
    const Candidate* chosen = a.chosen_candidate();
    return {{"location", std::move(location)},
            {"priority", name_of(call.priority)},
            {"chosen", chosen ? json(chosen->id.value) : json(nullptr)},
            {"outside_radius", a.outside_response_radius},
            {"no_unit_available", a.no_unit_available},
            {"call_off_road", a.call_off_road},
            {"ranked", std::move(ranked)}};
}

}  // namespace

std::optional<std::string> IngestServer::console_reply(const std::string& command, const json& request) {
    if (command == "propose") {
        const CallDetails call = call_from_json(request.at("call"), "", config_.center->places);
        requested_unit(request.at("call"));  // checked as the call itself would be
        return proposal_json(call, center_->propose(call)).dump();
    }
    if (command == "move_up") return move_up_reply(request);
    if (command == "vitals") {
        const json& unit_field = request.at("unit");
        if (!unit_field.is_string()) throw IntakeError(400, "the unit id must be a string");
        const protocol::VehicleId unit{unit_field.get<std::string>()};
        if (!fleet_.find(unit)) throw UnknownId("no unit '" + unit.value + "' is known to the center");
        const double minutes = request.at("minutes").get<double>();
        const auto since = clock_.unix_ms() - static_cast<protocol::UnixMillis>(minutes * 60'000.0);
        json readings = json::array();
        for (const auto& reading : vitals_.since(unit, since)) readings.push_back(vitals_reading_json(reading));
        return json{{"unit", unit.value}, {"vitals", std::move(readings)}}.dump();
    }
    if (command == "free_units") {
        json units = json::array();
        std::int64_t stamp = 0;
        std::vector<UnitSnapshot> snapshots;
        if (coverage_) {
            if (!coverage_->computed()) update_coverage();
            stamp = coverage_->computed_at();
            snapshots = coverage_->free_units();
        } else {
            fleet_snapshots(fleet_, center_->book(), snapshots);
            std::erase_if(snapshots, [](const UnitSnapshot& u) { return !is_free(u.availability); });
        }
        for (const auto& u : snapshots)
            if (u.position) units.push_back({{"unit", u.id.value}, {"lat", u.position->location.lat}, {"lon", u.position->location.lon}});
        return json{{"stamp", stamp}, {"units", std::move(units)}}.dump();
    }
    return std::nullopt;
}

std::string IngestServer::move_up_reply(const json& request) {
    if (!coverage_) return json{{"error", "live coverage is off: the map has no places"}, {"status", 404}}.dump();
    const auto& stations = config_.center->stations;
    const json& unit_field = request.at("unit");
    if (!unit_field.is_string()) throw IntakeError(400, "'unit' must be a unit's id, e.g. \"A03\"");
    const protocol::VehicleId unit{unit_field.get<std::string>()};
    const json& station_field = request.at("station");
    std::uint32_t station = 0;
    if (station_field.is_number_unsigned() && station_field.get<std::uint64_t>() < stations.size()) {
        station = station_field.get<std::uint32_t>();
    } else if (station_field.is_string()) {
        const auto named = std::find_if(stations.begin(), stations.end(),
                                        [&](const MapPoint& s) { return s.display_name() == station_field.get<std::string>(); });
        if (named == stations.end()) throw UnknownId("no station named '" + station_field.get<std::string>() + "'");
        station = static_cast<std::uint32_t>(named - stations.begin());
    } else {
        throw IntakeError(400, "'station' is the station's index (0.." + std::to_string(stations.size()) + ") or its name");
    }
    const VehicleState* vehicle = fleet_.find(unit);
    if (!vehicle) throw UnknownId("no unit '" + unit.value + "' is known to the center");
    if (!coverage_->computed()) update_coverage();
    const auto& recommended = coverage_->move_up();
    if (!recommended || recommended->unit_id != unit || recommended->station != station) {
        const std::string now = recommended ? recommended->unit_id.value + " to " + stations[recommended->station].display_name() : "none";
        return json{{"error", "moving " + unit.value + " to " + stations[station].display_name() +
                                  " is not the current recommendation (now: " + now + ")"},
                    {"status", 409}}
            .dump();
    }
    if (availability_of(*vehicle, center_->book()).activity != UnitActivity::available)
        return json{{"error", "unit " + unit.value + " is not free"}, {"status", 409}}.dump();
    const MapPoint& target = stations[station];
    const std::string order = center_->order_move_up(unit, station, target.display_name(), target.location);
    config_.log("move-up: " + unit.value + " to " + target.display_name() + " (order " + order + ")");
    coverage_due_ms_ = 0;  // the next recommendation leaves this unit alone: redo it now
    update_coverage();
    return json{{"unit", unit.value}, {"station", station}, {"station_name", target.display_name()},
                {"lat", target.location.lat}, {"lon", target.location.lon}, {"order", order}}
        .dump();
}

}  // namespace ems120::dispatch
