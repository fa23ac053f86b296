#include "planning/simulation_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "planning/csv_text.hpp"
#include "planning/rounding.hpp"

namespace ems120::planning {

namespace {

// Nearest-rank quantile of sorted values: exact, and the same on every platform.
double quantile(const std::vector<std::int64_t>& sorted, double q) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return static_cast<double>(sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1]);
}

double share(std::uint32_t part, std::uint32_t whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / whole; }

// Keys stay in the documented order (map, days, seed, ...), not sorted.
using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<double>& v, int decimals) {
    return v ? Json(rounded(*v, decimals)) : Json(nullptr);
}

std::string minutes_text(const std::optional<double>& v) {
    if (!v) return "-";
    return fixed_number(*v, 1);
}

std::string percent_text(double v) { return fixed_number(100.0 * v, 1) + "%"; }

}  // namespace

RunSummary summarize_run(std::string name, std::string policy, std::string fleet_name, const SimulationResult& result,
                         std::span<const FleetUnit> fleet, std::span<const SimulatedCall> calls, std::int64_t limit_ms) {
    RunSummary s;
    s.name = std::move(name);
    s.policy = std::move(policy);
    s.fleet = std::move(fleet_name);
    s.units = static_cast<std::uint32_t>(fleet.size());
    s.calls = static_cast<std::uint32_t>(calls.size());
    s.diversions = result.diversions;
    s.move_ups = result.move_ups;

    std::vector<std::int64_t> responses;
    std::uint32_t within = 0, dispatched_fast = 0;
    struct PlaceTally {
        std::uint32_t calls = 0, within = 0;
        std::vector<std::int64_t> responses;
    };
    std::vector<PlaceTally> places;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const CallResult& r = result.calls[i];
        if (r.queued) ++s.queued_calls;
        if (r.dispatch_ms >= 0 && r.dispatch_ms <= 3 * 60'000) ++dispatched_fast;
        PlaceTally* place = nullptr;
        if (calls[i].place != kNoPlace) {
            if (places.size() <= calls[i].place) places.resize(calls[i].place + 1);
            place = &places[calls[i].place];
            ++place->calls;
        }
        if (r.response_ms < 0) continue;
        responses.push_back(r.response_ms);
        const auto minute = static_cast<std::size_t>(r.response_ms / 60'000);
        ++s.response_histogram_min[std::min(minute, kHistogramMinutes)];
        const bool in_time = r.response_ms <= limit_ms;
        within += in_time;
        if (place) {
            place->responses.push_back(r.response_ms);
            place->within += in_time;
        }
    }
    s.reached = static_cast<std::uint32_t>(responses.size());
    std::sort(responses.begin(), responses.end());
    if (!responses.empty()) {
        s.response_median_min = quantile(responses, 0.5) / 60'000.0;
        s.response_p90_min = quantile(responses, 0.9) / 60'000.0;
    }
    s.within_limit_share = share(within, s.calls);
    s.dispatched_within_3_min_share = share(dispatched_fast, s.calls);

    for (std::uint32_t p = 0; p < places.size(); ++p) {
        PlaceTally& t = places[p];
        if (t.calls == 0) continue;
        PlaceSummary& ps = s.per_place.emplace_back();
        ps.place = p;
        ps.calls = t.calls;
        std::sort(t.responses.begin(), t.responses.end());
        if (!t.responses.empty()) ps.response_median_min = quantile(t.responses, 0.5) / 60'000.0;
        ps.within_limit_share = share(t.within, t.calls);
    }

    double utilisation_sum = 0.0;
    std::uint32_t on_duty = 0;
    for (std::size_t u = 0; u < fleet.size(); ++u) {
        const UnitResult& r = result.units[u];
        UnitSummary& us = s.per_unit.emplace_back();
        us.id = fleet[u].id;
        us.station = fleet[u].station;
        us.calls = r.calls;
        us.utilisation = r.duty_ms > 0 ? std::min(1.0, static_cast<double>(r.busy_ms) / static_cast<double>(r.duty_ms)) : 0.0;
        if (r.duty_ms > 0) utilisation_sum += us.utilisation, ++on_duty;
    }
    s.mean_utilisation = on_duty == 0 ? 0.0 : utilisation_sum / on_duty;
    return s;
}

void print_simulation_report(std::ostream& out, const SimulationReport& report) {
    out << "Simulated " << report.days << (report.days == 1 ? " day" : " days") << " on " << report.map << " (seed "
        << report.seed << "): " << report.calls_origin << "\n";
    for (const auto& note : report.notes) out << "Note: " << note << "\n";
    if (report.runs.empty()) return;
    out << "\n";
    const std::string limit = fixed_number(report.limit_min, report.limit_min == std::floor(report.limit_min) ? 0 : 1);
    struct Row {
        std::string label;
        std::string (*value)(const RunSummary&);
    };
    const Row rows[] = {
        {"units", [](const RunSummary& r) { return std::to_string(r.units); }},
        {"calls", [](const RunSummary& r) { return std::to_string(r.calls); }},
        {"reached", [](const RunSummary& r) { return std::to_string(r.reached); }},
        {"response median (min)", [](const RunSummary& r) { return minutes_text(r.response_median_min); }},
        {"response p90 (min)", [](const RunSummary& r) { return minutes_text(r.response_p90_min); }},
        {"within limit", [](const RunSummary& r) { return percent_text(r.within_limit_share); }},
        {"unit sent within 3 min", [](const RunSummary& r) { return percent_text(r.dispatched_within_3_min_share); }},
        {"calls that waited", [](const RunSummary& r) { return std::to_string(r.queued_calls); }},
        {"mean utilisation", [](const RunSummary& r) { return percent_text(r.mean_utilisation); }},
        {"diversions", [](const RunSummary& r) { return std::to_string(r.diversions); }},
        {"move-ups", [](const RunSummary& r) { return std::to_string(r.move_ups); }},
    };
    std::size_t label_width = 0;
    for (const Row& row : rows) label_width = std::max(label_width, row.label.size());
    std::vector<std::size_t> widths;
    for (const RunSummary& r : report.runs) widths.push_back(std::max<std::size_t>(r.name.size(), 10));
    auto pad_right = [](std::string s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
    auto pad_left = [](std::string s, std::size_t w) { return std::string(w > s.size() ? w - s.size() : 0, ' ') + s; };
    out << pad_right("", label_width);
    for (std::size_t i = 0; i < report.runs.size(); ++i) out << "  " << pad_left(report.runs[i].name, widths[i]);
    out << "\n";
    for (const Row& row : rows) {
        std::string label = row.label == "within limit" ? "within " + limit + " min" : row.label;
        out << pad_right(label, label_width);
        for (std::size_t i = 0; i < report.runs.size(); ++i) out << "  " << pad_left(row.value(report.runs[i]), widths[i]);
        out << "\n";
    }

    // The places that fare worst in the first run: where the answer to "what if" matters most.
    const RunSummary& first = report.runs.front();
    std::vector<const PlaceSummary*> worst;
    for (const PlaceSummary& p : first.per_place)
        if (p.within_limit_share < 1.0) worst.push_back(&p);
    std::stable_sort(worst.begin(), worst.end(), [](const PlaceSummary* a, const PlaceSummary* b) {
        return a->within_limit_share < b->within_limit_share;
    });
    if (worst.empty()) return;
    out << "\nPlaces with calls answered beyond " << limit << " min (" << first.name << "), worst first:\n";
    for (std::size_t i = 0; i < worst.size() && i < 10; ++i) {
        const PlaceSummary& p = *worst[i];
        out << "  " << pad_right(report.places[p.place].display_name(), 30) << "  " << pad_left(std::to_string(p.calls), 5)
            << " calls  " << pad_left(percent_text(p.within_limit_share), 6) << " within  median "
            << minutes_text(p.response_median_min) << " min\n";
    }
    if (worst.size() > 10) out << "  ... and " << worst.size() - 10 << " more (--json or --csv for all)\n";
}

std::string simulation_json(const SimulationReport& report) {
    using json = Json;
    json runs = json::array();
    for (const RunSummary& r : report.runs) {
        json places = json::array();
        for (const PlaceSummary& p : r.per_place) {
            const MapPoint& place = report.places[p.place];
            places.push_back({{"name", place.display_name()},
                              {"lat", rounded(place.location.lat, 7)},
                              {"lon", rounded(place.location.lon, 7)},
                              {"calls", p.calls},
                              {"response_median_min", optional_number(p.response_median_min, 2)},
                              {"within_limit_share", rounded(p.within_limit_share, 4)}});
        }
        json units = json::array();
        for (const UnitSummary& u : r.per_unit)
            units.push_back({{"id", u.id}, {"station", u.station}, {"calls", u.calls}, {"utilisation", rounded(u.utilisation, 4)}});
        runs.push_back({{"name", r.name},
                        {"policy", r.policy},
                        {"fleet", r.fleet},
                        {"units", r.units},
                        {"calls", r.calls},
                        {"reached", r.reached},
                        {"response_median_min", optional_number(r.response_median_min, 2)},
                        {"response_p90_min", optional_number(r.response_p90_min, 2)},
                        {"within_limit_share", rounded(r.within_limit_share, 4)},
                        {"dispatched_within_3_min_share", rounded(r.dispatched_within_3_min_share, 4)},
                        {"mean_utilisation", rounded(r.mean_utilisation, 4)},
                        {"queued_calls", r.queued_calls},
                        {"response_histogram_min", r.response_histogram_min},
                        {"per_place", std::move(places)},
                        {"per_unit", std::move(units)}});
    }
    json doc = {{"map", report.map}, {"days", report.days}, {"seed", report.seed}, {"limit_min", rounded(report.limit_min, 4)},
                {"runs", std::move(runs)}};
    return doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string simulation_csv(std::span<const CsvRun> runs, std::span<const SimulatedCall> calls) {
    std::string out = "run,call,time,lat,lon,priority,unit,dispatch_s,response_s\n";
    for (const CsvRun& run : runs) {
        const std::string name = csv_field(run.summary->name);
        for (std::size_t i = 0; i < calls.size(); ++i) {
            const SimulatedCall& c = calls[i];
            const CallResult& r = run.result->calls[i];
            out += name + "," + std::to_string(i + 1) + "," + fixed_number(static_cast<double>(c.time_ms) / 1000.0, 3) + "," +
                   fixed_number(c.location.lat, 7) + "," + fixed_number(c.location.lon, 7) + "," +
                   std::string(dispatch::name_of(c.priority)) + "," +
                   (r.unit == kNoUnitSent ? std::string() : csv_field(run.fleet[r.unit].id)) + "," +
                   (r.dispatch_ms < 0 ? std::string() : fixed_number(static_cast<double>(r.dispatch_ms) / 1000.0, 3)) + "," +
                   (r.response_ms < 0 ? std::string() : fixed_number(static_cast<double>(r.response_ms) / 1000.0, 3)) + "\n";
        }
    }
    return out;
}

}  // namespace ems120::planning
