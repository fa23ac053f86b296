#include "planning/report_map_svg.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "planning/report_drive_times.hpp"
#include "planning/report_html_escape.hpp"
#include "planning/report_number_text.hpp"
#include "planning/report_road_lines.hpp"
#include "planning/report_svg_text.hpp"

namespace ems120 {

namespace {

// Wider and darker for bigger roads; thin enough that dots stay readable on top.
constexpr double kRoadWidth[kMajorRoadRanks] = {2.6, 2.2, 1.7, 1.2, 0.8};
constexpr const char* kRoadColour[kMajorRoadRanks] = {"#a7b1bb", "#afb8c1", "#b7bfc7", "#c3cad1", "#ccd2d8"};

std::string point_attributes(SvgPoint p, const char* x, const char* y) {
    return std::string(" ") + x + "=\"" + svg_number(p.x) + "\" " + y + "=\"" + svg_number(p.y) + "\"";
}

std::string minutes_text(TravelTime t) { return fixed_text(to_minutes(t), 1) + " min"; }

std::string place_tooltip(const ReportInput& in, std::size_t i) {
    const PlaceCoverage& c = in.coverage.places[i];
    std::string text = in.places[i].display_name() + " (" + in.places[i].kind + "): ";
    if (!c.reached()) return text + "unreachable, " + c.reason;
    return text + minutes_text(c.reach.time) + " from " + in.stations[c.reach.source].display_name();
}

void append_roads(std::string& svg, const ReportInput& in, const MapProjection& projection) {
    const auto lines = major_road_lines(in.graph, projection, 0.6);
    // Minor roads first so the bigger ones are drawn over them at junctions.
    for (int rank = kMajorRoadRanks - 1; rank >= 0; --rank) {
        std::string d;
        for (const RoadLine& line : lines) {
            if (line.rank != rank) continue;
            append_path_point(d, 'M', line.points[0].x, line.points[0].y);
            for (std::size_t i = 1; i < line.points.size(); ++i)
                append_path_point(d, i == 1 ? 'L' : ' ', line.points[i].x, line.points[i].y);
        }
        if (d.empty()) continue;
        svg += "<path class=\"road\" fill=\"none\" stroke=\"" + std::string(kRoadColour[rank]) + "\" stroke-width=\"" +
               fixed_text(kRoadWidth[rank], 1) + "\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"" + d + "\"/>\n";
    }
}

void append_places(std::string& svg, const ReportInput& in, const MapProjection& projection) {
    const TravelTime limit = in.coverage.options.limit;
    // Problems on top: the green majority first, unreachable and red last.
    for (const DriveTimeBand band : {DriveTimeBand::within, DriveTimeBand::amber, DriveTimeBand::unreachable,
                                     DriveTimeBand::beyond}) {
        svg += "<g class=\"places\" fill=\"" + css_colour(palette::of(band)) + "\" stroke=\"#ffffff\" stroke-width=\"1\">\n";
        for (std::size_t i = 0; i < in.places.size(); ++i) {
            if (band_of(in.coverage.places[i], limit) != band) continue;
            svg += "<circle" + point_attributes(projection(in.places[i].location), "cx", "cy") + " r=\"5\"><title>" +
                   html_escaped(place_tooltip(in, i)) + "</title></circle>\n";
        }
        svg += "</g>\n";
    }
}

// Places the proposed sites would bring within the limit get a ring in the sites' colour.
void append_gained_rings(std::string& svg, const ReportInput& in, const MapProjection& projection) {
    if (!in.sites) return;
    svg += "<g class=\"gained\" fill=\"none\" stroke=\"" + css_colour(palette::kProposed) + "\" stroke-width=\"2\">\n";
    for (std::size_t i = 0; i < in.places.size(); ++i)
        if (!in.coverage.within_limit(in.coverage.places[i]) && in.sites->after.within_limit(in.sites->after.places[i]))
            svg += "<circle" + point_attributes(projection(in.places[i].location), "cx", "cy") + " r=\"8.5\"/>\n";
    svg += "</g>\n";
}

void append_stations(std::string& svg, const ReportInput& in, const MapProjection& projection) {
    svg += "<g class=\"stations\" fill=\"" + css_colour(palette::kStation) + "\" stroke=\"#ffffff\" stroke-width=\"1.5\">\n";
    for (std::size_t i = 0; i < in.stations.size(); ++i) {
        if (!in.coverage.stations[i].used()) continue;
        const SvgPoint p = projection(in.stations[i].location);
        svg += "<rect" + point_attributes({p.x - 7, p.y - 7}, "x", "y") + " width=\"14\" height=\"14\"><title>" +
               html_escaped("Station: " + in.stations[i].display_name()) + "</title></rect>\n";
    }
    svg += "</g>\n";
    if (!in.sites) return;
    svg += "<g class=\"proposed\" fill=\"" + css_colour(palette::kProposed) + "\" stroke=\"#ffffff\" stroke-width=\"1.5\">\n";
    for (const MapPoint& site : in.sites->proposed) {
        const SvgPoint p = projection(site.location);
        const auto corner = [&](double dx, double dy) { return svg_number(p.x + dx) + "," + svg_number(p.y + dy); };
        svg += "<polygon points=\"" + corner(0, -10) + " " + corner(10, 0) + " " + corner(0, 10) + " " + corner(-10, 0) +
               "\"><title>" + html_escaped("Proposed site: " + site.display_name()) + "</title></polygon>\n";
    }
    svg += "</g>\n";
}

// Label placement: right of the symbol, else left of it, never over another label or off the
// map; a name that fits nowhere is left to the table and the tooltip.
class LabelPlacer {
public:
    explicit LabelPlacer(const MapProjection& projection) : width_(projection.width()), height_(projection.height()) {}

    std::string place(SvgPoint at, double gap, const std::string& text, const char* weight) {
        const double w = text_width(text), h = 13;
        for (const bool right : {true, false}) {
            const Box box{right ? at.x + gap : at.x - gap - w, at.y - h / 2, w, h};
            if (box.x < 2 || box.x + w > width_ - 2 || box.y < 2 || box.y + h > height_ - 2) continue;
            if (std::any_of(placed_.begin(), placed_.end(), [&](const Box& o) { return box.overlaps(o); })) continue;
            placed_.push_back(box);
            // A white halo keeps the name readable over roads and dots.
            return "<text" + point_attributes({right ? box.x : box.x + w, at.y + 4}, "x", "y") +
                   (right ? "" : " text-anchor=\"end\"") + " font-weight=\"" + weight +
                   "\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\">" +
                   html_escaped(text) + "</text>\n";
        }
        return "";
    }

private:
    struct Box {
        double x, y, w, h;
        bool overlaps(const Box& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
    };

    // At 11 px: about 6.5 px a Latin letter, 11 px a CJK character (a UTF-8 lead byte of 3+ bytes).
    static double text_width(const std::string& text) {
        double w = 0;
        for (const char c : text) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte < 0x80) w += 6.5;
            else if (byte >= 0xE0) w += 11.0;
            else if (byte >= 0xC0) w += 6.5;
        }
        return w;
    }

    double width_, height_;
    std::vector<Box> placed_;
};

// The names a reader looks for first: the proposed sites and the slowest places outside the limit.
void append_labels(std::string& svg, const ReportInput& in, const MapProjection& projection) {
    constexpr std::size_t kLabelledPlaces = 12;
    std::vector<std::size_t> outside;
    for (std::size_t i = 0; i < in.places.size(); ++i)
        if (in.coverage.places[i].reached() && !in.coverage.within_limit(in.coverage.places[i])) outside.push_back(i);
    std::stable_sort(outside.begin(), outside.end(), [&](std::size_t a, std::size_t b) {
        return in.coverage.places[a].reach.time > in.coverage.places[b].reach.time;
    });
    if (outside.size() > kLabelledPlaces) outside.resize(kLabelledPlaces);
    LabelPlacer placer(projection);
    svg += "<g class=\"labels\" font-size=\"11\" fill=\"#222\">\n";
    if (in.sites)
        for (const MapPoint& site : in.sites->proposed)
            svg += placer.place(projection(site.location), 13, site.display_name(), "bold");
    for (const std::size_t i : outside)
        svg += placer.place(projection(in.places[i].location), 8, in.places[i].display_name(), "normal");
    svg += "</g>\n";
}

void append_scale_and_attribution(std::string& svg, const MapProjection& projection) {
    const double km = scale_bar_km(projection.width() / 5.0 / projection.pixels_per_km());
    const double length = km * projection.pixels_per_km();
    const double x = 14, y = projection.height() - 16;
    const std::string label = km >= 1.0 ? fixed_text(km, 0) + " km" : fixed_text(km * 1000.0, 0) + " m";
    svg += "<g class=\"scale-bar\" font-size=\"12\" fill=\"#333\">\n"
           "<rect x=\"" + svg_number(x - 6) + "\" y=\"" + svg_number(y - 20) + "\" width=\"" + svg_number(length + 12) +
           "\" height=\"30\" fill=\"#ffffff\" fill-opacity=\"0.8\"/>\n"
           "<path d=\"M" + svg_number(x) + " " + svg_number(y - 5) + "V" + svg_number(y) + "H" + svg_number(x + length) +
           "V" + svg_number(y - 5) + "\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\"/>\n"
           "<text x=\"" + svg_number(x + length / 2) + "\" y=\"" + svg_number(y - 8) + "\" text-anchor=\"middle\">" + label +
           "</text>\n</g>\n";
    svg += "<text class=\"attribution\" x=\"" + svg_number(projection.width() - 6) + "\" y=\"" +
           svg_number(projection.height() - 6) +
           "\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">\xC2\xA9 OpenStreetMap contributors</text>\n";
}

}  // namespace

double scale_bar_km(double target_km) {
    if (!(target_km > 0.0)) return 1.0;
    const double power = std::pow(10.0, std::floor(std::log10(target_km)));
    for (const double step : {5.0, 2.0, 1.0})
        if (step * power <= target_km) return step * power;
    return power;
}

LatLonBox report_map_extent(const ReportInput& in) {
    LatLonBox box;
    for (const MapPoint& p : in.places) box.extend(p.location);
    for (std::size_t i = 0; i < in.stations.size(); ++i)
        if (in.coverage.stations[i].used()) box.extend(in.stations[i].location);
    if (in.sites)
        for (const MapPoint& s : in.sites->proposed) box.extend(s.location);
    return box;
}

std::string coverage_map_svg(const ReportInput& in, const MapProjection& projection) {
    const std::string w = svg_number(projection.width()), h = svg_number(projection.height());
    std::string svg = "<svg class=\"map\" viewBox=\"0 0 " + w + " " + h +
                      "\" width=\"" + w + "\" height=\"" + h + "\" role=\"img\" aria-label=\"" +
                      html_escaped("Map of drive times from the nearest station, " + in.map_name) + "\">\n";
    svg += "<rect class=\"map-background\" width=\"" + w + "\" height=\"" + h + "\" fill=\"" +
           css_colour(palette::kMapBackground) + "\"/>\n";
    append_roads(svg, in, projection);
    append_places(svg, in, projection);
    append_gained_rings(svg, in, projection);
    append_stations(svg, in, projection);
    append_labels(svg, in, projection);
    append_scale_and_attribution(svg, projection);
    return svg + "</svg>\n";
}

}  // namespace ems120
