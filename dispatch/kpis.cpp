#include "dispatch/kpis.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "dispatch/fleet_snapshots.hpp"

namespace ems120::dispatch {

namespace {

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<std::int64_t>& sorted, double p) {
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return static_cast<double>(sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1]);
}

}  // namespace

Kpis compute_kpis(const IncidentBook& book, const FleetState& fleet, protocol::UnixMillis now, protocol::UnixMillis day_start) {
    Kpis k;
    std::vector<std::int64_t> responses;
    std::size_t dispatch_counted = 0, dispatch_met = 0, response_counted = 0, response_met = 0;
    for (const auto& [id, incident] : book.incidents()) {
        const auto received = incident.time(Milestone::call_received);
        if (!received || *received < day_start) continue;
        ++k.calls;
        const auto notified = incident.time(Milestone::unit_notified);
        const bool cancelled = incident.state == IncidentState::cancelled;
        if (notified) {
            ++dispatch_counted;
            dispatch_met += *notified - *received <= kDispatchTargetMs;
        } else if (!cancelled && now - *received > kDispatchTargetMs) {
            ++dispatch_counted;  // still not dispatched: already late
        }
        if (const auto response = incident.response_ms()) {
            ++k.reached;
            responses.push_back(*response);
            ++response_counted;
            response_met += *response <= kResponseTargetMs;
        } else if (!cancelled && is_open(incident.state) && now - *received > kResponseTargetMs) {
            ++response_counted;
        }
    }
    std::sort(responses.begin(), responses.end());
    if (!responses.empty()) {
        k.response_median_min = percentile(responses, 0.5) / 60'000.0;
        k.response_p90_min = percentile(responses, 0.9) / 60'000.0;
    }
    if (dispatch_counted) k.dispatched_within_3_min = static_cast<double>(dispatch_met) / static_cast<double>(dispatch_counted);
    if (response_counted) k.reached_within_15_min = static_cast<double>(response_met) / static_cast<double>(response_counted);
    for (const auto& [id, vehicle] : fleet.vehicles()) {
        ++k.units_known;
        k.units_free += is_free(availability_of(vehicle, book)) && vehicle.link.connected;
    }
    return k;
}

protocol::UnixMillis local_day_start(protocol::UnixMillis now) {
    const std::time_t seconds = static_cast<std::time_t>(now / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    local.tm_hour = local.tm_min = local.tm_sec = 0;
    local.tm_isdst = -1;
    return static_cast<protocol::UnixMillis>(std::mktime(&local)) * 1000;
}

nlohmann::json kpis_to_json(const Kpis& k) {
    auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    return {{"calls_today", k.calls},
            {"reached_today", k.reached},
            {"response_median_min", opt(k.response_median_min)},
            {"response_p90_min", opt(k.response_p90_min)},
            {"dispatched_within_3_min", opt(k.dispatched_within_3_min)},
            {"reached_within_15_min", opt(k.reached_within_15_min)},
            {"units_free", k.units_free},
            {"units_known", k.units_known}};
}

}  // namespace ems120::dispatch
