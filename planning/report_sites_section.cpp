#include <cmath>

#include "planning/report_html_escape.hpp"
#include "planning/report_number_text.hpp"
#include "planning/report_sections.hpp"

namespace ems120 {

namespace {

std::string row(const std::string& label, const std::string& before, const std::string& after, const std::string& change) {
    return "<tr><td>" + label + "</td><td class=\"num\">" + before + "</td><td class=\"num\">" + after +
           "</td><td class=\"num\">" + change + "</td></tr>\n";
}

std::string signed_count(std::int64_t n) { return (n > 0 ? "+" : n < 0 ? "\xE2\x88\x92" : "\xC2\xB1") + thousands_text(n < 0 ? -n : n); }

std::string minutes_change(std::optional<TravelTime> before, std::optional<TravelTime> after) {
    if (!before || !after) return "";
    const double d = to_minutes(*after) - to_minutes(*before);
    return (d > 0.05 ? "+" : d < -0.05 ? "\xE2\x88\x92" : "\xC2\xB1") + fixed_text(std::fabs(d), 1) + " min";
}

std::string comparison_table(const DriveTimeSummary& b, const DriveTimeSummary& a, std::size_t stations, std::size_t sites) {
    const std::string limit = fixed_text(to_minutes(b.limit), to_minutes(b.limit) == std::floor(to_minutes(b.limit)) ? 0 : 1) + " min";
    const auto places = static_cast<double>(b.places);
    std::string html = "<table class=\"before-after\">\n<thead><tr><th></th><th class=\"num\">now (" + std::to_string(stations) +
                       (stations == 1 ? " station" : " stations") + ")</th><th class=\"num\">with the " + std::to_string(sites) +
                       " proposed sites</th><th class=\"num\">change</th></tr></thead>\n<tbody>\n";
    html += row("places within " + limit, std::to_string(b.within) + " (" + percent_text(static_cast<double>(b.within), places) + ")",
                std::to_string(a.within) + " (" + percent_text(static_cast<double>(a.within), places) + ")",
                signed_count(static_cast<std::int64_t>(a.within) - static_cast<std::int64_t>(b.within)));
    if (b.population_known())
        html += row("population within " + limit,
                    thousands_text(b.population_within) + " (" + percent_text(static_cast<double>(b.population_within), static_cast<double>(b.population)) + ")",
                    thousands_text(a.population_within) + " (" + percent_text(static_cast<double>(a.population_within), static_cast<double>(a.population)) + ")",
                    signed_count(a.population_within - b.population_within));
    html += row("places over " + limit, std::to_string(b.amber + b.beyond), std::to_string(a.amber + a.beyond),
                signed_count(static_cast<std::int64_t>(a.amber + a.beyond) - static_cast<std::int64_t>(b.amber + b.beyond)));
    html += row("unreachable places", std::to_string(b.unreachable), std::to_string(a.unreachable),
                signed_count(static_cast<std::int64_t>(a.unreachable) - static_cast<std::int64_t>(b.unreachable)));
    html += row("median drive time", minutes_html(b.median), minutes_html(a.median), minutes_change(b.median, a.median));
    html += row("90th percentile drive time", minutes_html(b.p90), minutes_html(a.p90), minutes_change(b.p90, a.p90));
    return html + "</tbody>\n</table>\n";
}

std::string sites_table(const ReportInput& in) {
    const auto& sites = in.sites->proposed;
    const CoverageResult& after = in.sites->after;
    std::vector<std::size_t> gained(sites.size(), 0), nearest(sites.size(), 0);
    for (std::size_t i = 0; i < after.places.size(); ++i) {
        const PlaceCoverage& c = after.places[i];
        if (!c.reached() || c.reach.source < in.stations.size()) continue;
        const std::size_t site = c.reach.source - in.stations.size();
        ++nearest[site];
        if (after.within_limit(c) && !in.coverage.within_limit(in.coverage.places[i])) ++gained[site];
    }
    std::string html = "<h3>The proposed sites</h3>\n<table class=\"sites\">\n<thead><tr><th class=\"num\">#</th><th>proposed site</th><th>kind</th>"
                       "<th class=\"num\">lat, lon</th><th class=\"num\">places brought within the limit</th>"
                       "<th class=\"num\">places it would be nearest to</th></tr></thead>\n<tbody>\n";
    for (std::size_t s = 0; s < sites.size(); ++s)
        html += "<tr><td class=\"num\">" + std::to_string(s + 1) + "</td><td>" + html_escaped(sites[s].display_name()) +
                "</td><td>" + html_escaped(sites[s].kind) + "</td><td class=\"num\">" + fixed_text(sites[s].location.lat, 5) +
                ", " + fixed_text(sites[s].location.lon, 5) + "</td><td class=\"num\">" + std::to_string(gained[s]) +
                "</td><td class=\"num\">" + std::to_string(nearest[s]) + "</td></tr>\n";
    return html + "</tbody>\n</table>\n";
}

}  // namespace

std::string sites_section_html(const ReportInput& in) {
    if (!in.sites) return "";
    std::string html = "<h2 id=\"sites\">Proposed substations</h2>\n";
    const auto& sites = in.sites->proposed;
    html += "<p>From " + html_escaped(in.sites->path) + ". Coverage with the proposed sites is recomputed here on the "
            "same road network (the stations and the proposed sites together), not taken from the file.</p>\n";
    if (sites.empty()) return html + "<p>The file proposes no new sites.</p>\n";
    html += comparison_table(summarize_drive_times(in.places, in.coverage), summarize_drive_times(in.places, in.sites->after),
                             in.stations.size(), sites.size());
    return html + sites_table(in);
}

}  // namespace ems120
