#include "cli/demo_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <nlohmann/json.hpp>

namespace ems120::cli {

namespace {

using nlohmann::json;

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

std::optional<std::string> summary_line(const std::string& incidents_json, const std::string& kpis_json) {
    const json answer = json::parse(incidents_json, nullptr, false);
    if (answer.is_discarded() || !answer.is_object() || !answer.contains("incidents") || !answer["incidents"].is_array())
        return std::nullopt;
    int calls = 0, assigned = 0, completed = 0, cancelled = 0;
    std::vector<double> response_min;
    for (const json& incident : answer["incidents"]) {
        ++calls;
        const std::string state = incident.value("state", "");
        const json times = incident.value("times", json::object());
        if (times.contains("acknowledged") && times["acknowledged"].is_number()) ++assigned;
        if (state == "closed") ++completed;
        if (state == "cancelled") ++cancelled;
        if (incident.contains("response_ms") && incident["response_ms"].is_number())
            response_min.push_back(incident["response_ms"].get<double>() / 60'000.0);
    }
    std::sort(response_min.begin(), response_min.end());
    char text[320];
    std::snprintf(text, sizeof text, "summary: %d calls, %d assigned, %d completed, %d cancelled", calls, assigned, completed, cancelled);
    std::string line = text;
    if (response_min.empty()) {
        line += "; no unit on scene yet";
    } else {
        const auto within = std::count_if(response_min.begin(), response_min.end(), [](double m) { return m <= 15.0; });
        std::snprintf(text, sizeof text, "; response median %.1f min, p90 %.1f min, %.0f%% within 15 min (of %zu reached)",
                      percentile(response_min, 0.5), percentile(response_min, 0.9),
                      100.0 * static_cast<double>(within) / static_cast<double>(response_min.size()), response_min.size());
        line += text;
    }
    const json kpis = json::parse(kpis_json, nullptr, false);
    if (kpis.is_object() && kpis.contains("units_free") && kpis.contains("units_known") && kpis["units_free"].is_number() &&
        kpis["units_known"].is_number())
        line += "; " + std::to_string(kpis["units_free"].get<long long>()) + " of " + std::to_string(kpis["units_known"].get<long long>()) +
                " units free";
    return line;
}

}  // namespace ems120::cli
