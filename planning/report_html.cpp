#include "planning/report_html.hpp"

#include <algorithm>
#include <numeric>

#include "planning/report_charts_svg.hpp"
#include "planning/report_drive_times.hpp"
#include "planning/report_html_escape.hpp"
#include "planning/report_map_svg.hpp"
#include "planning/report_number_text.hpp"
#include "planning/report_palette.hpp"
#include "planning/report_sections.hpp"
#include "planning/report_style.hpp"
#include "planning/report_svg_text.hpp"

namespace ems120 {

namespace {

constexpr std::size_t kWorstPlacesShown = 30;

std::string limit_text(TravelTime limit) {
    const double m = to_minutes(limit);
    return fixed_text(m, m == static_cast<double>(static_cast<long long>(m)) ? 0 : 1) + " min";
}

std::string card(const std::string& value, const std::string& label, const char* tone = "") {
    return std::string("<div class=\"card ") + tone + "\"><div class=\"value\">" + value + "</div><div class=\"label\">" +
           label + "</div></div>\n";
}

std::string summary_cards(const ReportInput& in, const DriveTimeSummary& s) {
    const std::string limit = limit_text(s.limit);
    const auto used = std::count_if(in.coverage.stations.begin(), in.coverage.stations.end(),
                                    [](const StationSnap& st) { return st.used(); });
    std::string html = "<section class=\"cards\">\n";
    html += card(thousands_text(static_cast<std::int64_t>(s.places)), "places measured");
    html += card(percent_text(static_cast<double>(s.within), static_cast<double>(s.places)),
                 std::to_string(s.within) + " places within " + limit, s.within == s.places ? "good" : "");
    html += card(std::to_string(s.amber + s.beyond + s.unreachable), "places outside " + limit + " (" +
                 std::to_string(s.unreachable) + " unreachable)", s.within == s.places ? "" : "bad");
    if (s.population_known())
        html += card(percent_text(static_cast<double>(s.population_within), static_cast<double>(s.population)),
                     "of the population within " + limit + " (" + thousands_text(s.population_within) + " of " +
                         thousands_text(s.population) + "; known for " + std::to_string(s.places_with_population) +
                         " of " + std::to_string(s.places) + " places)");
    else
        html += card("\xE2\x80\x93", "population share: population known for only " +
                                         std::to_string(s.places_with_population) + " of " + std::to_string(s.places) +
                                         " places");
    html += card(minutes_html(s.median), "median drive time");
    html += card(minutes_html(s.p90), "90th percentile drive time");
    html += card(std::to_string(used) + " / " + std::to_string(in.stations.size()), "stations used");
    return html + "</section>\n";
}

std::string legend_swatch(palette::Rgb colour, const char* shape, const std::string& text) {
    std::string symbol;
    const std::string fill = css_colour(colour);
    if (std::string(shape) == "circle")
        symbol = "<circle cx=\"8\" cy=\"8\" r=\"5\" fill=\"" + fill + "\"/>";
    else if (std::string(shape) == "square")
        symbol = "<rect x=\"1.5\" y=\"1.5\" width=\"13\" height=\"13\" fill=\"" + fill + "\"/>";
    else if (std::string(shape) == "diamond")
        symbol = "<polygon points=\"8,0 16,8 8,16 0,8\" fill=\"" + fill + "\"/>";
    else
        symbol = "<circle cx=\"8\" cy=\"8\" r=\"6\" fill=\"none\" stroke=\"" + fill + "\" stroke-width=\"2\"/>";
    return "<span><svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\">" + symbol + "</svg>" + text + "</span>\n";
}

std::string map_section(const ReportInput& in, const DriveTimeSummary& s) {
    const std::string limit = limit_text(s.limit);
    const double amber_end = to_minutes(s.limit + kAmberBand);
    std::string html = "<h2>Where the places are</h2>\n<figure class=\"map-figure\">\n";
    const LatLonBox extent = report_map_extent(in);
    if (extent.empty()) return html + "<p>No place or station to show.</p></figure>\n";
    const MapProjection projection(extent, 1120, 780);
    html += coverage_map_svg(in, projection);
    html += "<div class=\"legend\">\n";
    html += legend_swatch(palette::kWithin, "circle", "within " + limit + " (" + std::to_string(s.within) + ")");
    html += legend_swatch(palette::kAmber, "circle",
                          limit + "\xE2\x80\x93" + fixed_text(amber_end, 0) + " min (" + std::to_string(s.amber) + ")");
    html += legend_swatch(palette::kBeyond, "circle",
                          "over " + fixed_text(amber_end, 0) + " min (" + std::to_string(s.beyond) + ")");
    html += legend_swatch(palette::kUnreachable, "circle", "unreachable (" + std::to_string(s.unreachable) + ")");
    html += legend_swatch(palette::kStation, "square", html_escaped(in.station_label));
    if (in.sites) {
        html += legend_swatch(palette::kProposed, "diamond", "proposed site");
        html += legend_swatch(palette::kProposed, "ring", "within " + limit + " once the proposed sites open");
    }
    html += "</div>\n<figcaption>Each dot is a place, coloured by the drive time from its nearest station; major roads "
            "(motorway to tertiary) in grey. Hover a symbol for its name and time. Map data \xC2\xA9 OpenStreetMap "
            "contributors (ODbL).</figcaption>\n</figure>\n";
    return html;
}

std::string charts_section(const DriveTimeSummary& s) {
    return "<h2>Drive times</h2>\n<div class=\"charts\">\n<figure>" + drive_time_histogram_svg(s) +
           "<figcaption>Places per 1-minute bin of drive time from the nearest station (" +
           std::to_string(s.unreachable) + " unreachable places not shown).</figcaption></figure>\n<figure>" +
           drive_time_cdf_svg(s) +
           "<figcaption>Share of all places reached within a drive time; unreachable places keep the curve below "
           "100%.</figcaption></figure>\n</div>\n";
}

std::string worst_places_section(const ReportInput& in, const DriveTimeSummary& s) {
    const auto& places = in.coverage.places;
    std::vector<std::size_t> order(places.size());
    std::iota(order.begin(), order.end(), 0);
    // Unreachable first (they need the most), then the slowest.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (places[a].reached() != places[b].reached()) return !places[a].reached();
        return places[a].reach.time > places[b].reach.time;
    });
    const bool populations = s.places_with_population > 0;
    std::string html = "<h2 id=\"slowest\">The slowest places</h2>\n";
    if (order.empty()) return html + "<p>No places.</p>\n";
    html += "<table class=\"worst\">\n<thead><tr><th class=\"num\">#</th><th>place</th><th>kind</th>" +
            std::string(populations ? "<th class=\"num\">population</th>" : "") +
            "<th class=\"num\">drive time</th><th>nearest station, or why unreachable</th></tr></thead>\n<tbody>\n";
    const std::size_t shown = std::min(order.size(), kWorstPlacesShown);
    for (std::size_t n = 0; n < shown; ++n) {
        const std::size_t i = order[n];
        const MapPoint& p = in.places[i];
        const PlaceCoverage& c = places[i];
        html += "<tr><td class=\"num\">" + std::to_string(n + 1) + "</td><td>" + band_dot_html(band_of(c, s.limit)) +
                html_escaped(p.display_name()) + "</td><td>" + html_escaped(p.kind) + "</td>";
        if (populations) html += "<td class=\"num\">" + (p.population ? thousands_text(*p.population) : "") + "</td>";
        html += "<td class=\"num\">" + minutes_html(c.reached() ? std::optional(c.reach.time) : std::nullopt) + "</td><td>" +
                html_escaped(c.reached() ? in.stations[c.reach.source].display_name() : c.reason) + "</td></tr>\n";
    }
    html += "</tbody>\n</table>\n";
    if (order.size() > shown) {
        const std::size_t rest = order.size() - shown;
        std::size_t rest_outside = 0;
        for (std::size_t n = shown; n < order.size(); ++n) rest_outside += in.coverage.within_limit(places[order[n]]) ? 0 : 1;
        html += "<p class=\"muted\">and " + std::to_string(rest) + " more places, faster than these (" +
                std::to_string(rest_outside) + " of them outside " + limit_text(s.limit) + ").</p>\n";
    }
    return html;
}

}  // namespace

std::string minutes_html(std::optional<TravelTime> t, const std::string& missing) {
    return t ? fixed_text(to_minutes(*t), 1) + " min" : missing;
}

std::string band_dot_html(DriveTimeBand band) {
    return "<span class=\"band\" style=\"background:" + css_colour(palette::of(band)) + "\"></span>";
}

std::string coverage_report_html(const ReportInput& in) {
    const DriveTimeSummary s = summarize_drive_times(in.places, in.coverage);
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                       html_escaped(in.title) + "</title>\n<style>" + kReportStyle + "</style>\n</head>\n<body>\n<main>\n";
    html += "<header><h1>" + html_escaped(in.title) + "</h1>\n<p class=\"subtitle\">Drive time by ambulance from the "
            "nearest station to every place, limit " + limit_text(s.limit) + ". Map " + html_escaped(in.map_name) +
            "; stations " + html_escaped(in.stations_origin) + ".</p></header>\n";
    if (!in.notes.empty()) {
        html += "<div class=\"notes\">\n";
        for (const auto& note : in.notes) html += "<p>Note: " + html_escaped(note) + "</p>\n";
        html += "</div>\n";
    }
    html += summary_cards(in, s);
    html += map_section(in, s);
    html += charts_section(s);
    html += worst_places_section(in, s);
    html += sites_section_html(in);
    html += simulation_section_html(in);
    html += "<footer>Drive times are computed on the OpenStreetMap road network with the ambulance road profile "
            "(speeds by road class, one-way streets, turn restrictions, access rules); places and stations are "
            "snapped to the nearest road. Generated by " + html_escaped(in.generated_by) +
            ". Map data \xC2\xA9 OpenStreetMap contributors, available under the Open Database License.</footer>\n";
    return html + "</main>\n</body>\n</html>\n";
}

}  // namespace ems120
