// The browser console's commands on the control socket (the HTTP gateway forwards to them):
//   propose {call}  -> what the policy would do with a call, nothing recorded (POST /api/proposals)
//   free_units      -> {"stamp", "units": [{unit, lat, lon}]}: the free units the last coverage
//                      update counted (for their isochrones, computed by the gateway)
// Errors as in center_commands.cpp: {"error", "status"}, thrown and answered there.
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

}  // namespace ems120::dispatch
