#include <algorithm>
#include <cmath>

#include "planning/report_charts_svg.hpp"
#include "planning/report_html_escape.hpp"
#include "planning/report_number_text.hpp"
#include "planning/report_sections.hpp"

namespace ems120 {

namespace {

std::string optional_minutes(const std::optional<double>& m) { return m ? fixed_text(*m, 1) + " min" : "\xE2\x80\x93"; }

std::string runs_table(const SimulationFile& sim) {
    std::string html = "<table class=\"runs\">\n<thead><tr><th></th>";
    for (const SimulationRun& run : sim.runs) html += "<th class=\"num\">" + html_escaped(run.name) + "</th>";
    html += "</tr></thead>\n<tbody>\n";
    const auto line = [&](const std::string& label, auto cell) {
        html += "<tr><td>" + label + "</td>";
        for (const SimulationRun& run : sim.runs) html += "<td class=\"num\">" + cell(run) + "</td>";
        html += "</tr>\n";
    };
    const std::string limit = fixed_text(sim.limit_min, sim.limit_min == std::floor(sim.limit_min) ? 0 : 1) + " min";
    line("dispatch policy", [](const SimulationRun& r) { return html_escaped(r.policy); });
    line("fleet", [](const SimulationRun& r) { return html_escaped(r.fleet); });
    line("ambulances", [](const SimulationRun& r) { return std::to_string(r.units); });
    line("calls", [](const SimulationRun& r) { return thousands_text(r.calls); });
    line("calls reached", [](const SimulationRun& r) { return thousands_text(r.reached); });
    line("median response", [](const SimulationRun& r) { return optional_minutes(r.response_median_min); });
    line("90th percentile response", [](const SimulationRun& r) { return optional_minutes(r.response_p90_min); });
    line("reached within " + limit, [](const SimulationRun& r) { return percent_text(r.within_limit_share, 1.0); });
    line("dispatched within 3 min", [](const SimulationRun& r) { return percent_text(r.dispatched_within_3_min_share, 1.0); });
    line("mean ambulance utilisation", [](const SimulationRun& r) { return percent_text(r.mean_utilisation, 1.0); });
    line("calls that waited for an ambulance", [](const SimulationRun& r) { return thousands_text(r.queued_calls); });
    line("busiest ambulance", [](const SimulationRun& r) {
        const auto busiest = std::max_element(r.per_unit.begin(), r.per_unit.end(), [](const auto& a, const auto& b) {
            return a.utilisation < b.utilisation;
        });
        return busiest == r.per_unit.end() ? std::string("\xE2\x80\x93")
                                           : html_escaped(busiest->id) + " (" + percent_text(busiest->utilisation, 1.0) + ")";
    });
    line("slowest place (median response)", [](const SimulationRun& r) {
        const SimulatedPlace* slowest = nullptr;
        for (const SimulatedPlace& p : r.per_place)
            if (p.response_median_min && (!slowest || *p.response_median_min > *slowest->response_median_min)) slowest = &p;
        return slowest ? html_escaped(slowest->name) + " (" + optional_minutes(slowest->response_median_min) + ")"
                       : std::string("\xE2\x80\x93");
    });
    return html + "</tbody>\n</table>\n";
}

std::string small_multiples(const SimulationFile& sim) {
    // One axis for all runs: the same minutes and the same count scale, so the bars compare.
    std::size_t minutes = static_cast<std::size_t>(std::ceil(sim.limit_min)) + 5;
    bool overflow = false;
    std::int64_t peak = 1;
    for (const SimulationRun& run : sim.runs) {
        for (std::size_t m = 0; m + 1 < SimulationRun::kHistogramBins; ++m)
            if (run.response_histogram_min[m] > 0) minutes = std::max(minutes, m + 1);
        overflow = overflow || run.response_histogram_min.back() > 0;
    }
    minutes = std::min(minutes, SimulationRun::kHistogramBins - 1);
    for (const SimulationRun& run : sim.runs) {
        for (std::size_t m = 0; m < minutes; ++m) peak = std::max(peak, run.response_histogram_min[m]);
        if (overflow) peak = std::max(peak, run.response_histogram_min.back());
    }
    std::string html = "<div class=\"multiples\">\n";
    for (const SimulationRun& run : sim.runs) {
        std::vector<std::int64_t> counts(run.response_histogram_min.begin(), run.response_histogram_min.begin() + static_cast<std::ptrdiff_t>(minutes));
        if (overflow) counts.push_back(run.response_histogram_min.back());
        html += "<figure><h3>" + html_escaped(run.name) + "</h3>" +
                response_histogram_svg(counts, overflow, sim.limit_min, peak, "Response times of " + run.name) +
                "<figcaption>" + thousands_text(run.reached) + " calls reached; median " +
                optional_minutes(run.response_median_min) + ", p90 " + optional_minutes(run.response_p90_min) +
                ".</figcaption></figure>\n";
    }
    return html + "</div>\n";
}

}  // namespace

std::string simulation_section_html(const ReportInput& in) {
    if (!in.simulation) return "";
    const SimulationFile& sim = *in.simulation;
    std::string html = "<h2 id=\"simulation\">A simulated busy period</h2>\n<p>From " + html_escaped(in.simulation_path) + ": " +
                       fixed_text(sim.days, sim.days == std::floor(sim.days) ? 0 : 1) + " simulated days on " +
                       html_escaped(sim.map) + " (seed " + html_escaped(sim.seed) +
                       ").</p>\n";
    html += runs_table(sim);
    html += "<h3>Response times per run</h3>\n<p class=\"muted\">Calls per 1-minute bin; all runs on the same scale.</p>\n";
    return html + small_multiples(sim);
}

}  // namespace ems120
