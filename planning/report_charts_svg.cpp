#include "planning/report_charts_svg.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "planning/report_html_escape.hpp"
#include "planning/report_number_text.hpp"
#include "planning/report_svg_text.hpp"

namespace ems120 {

AxisScale nice_axis(double value, int ticks_wanted, bool counts) {
    if (!(value > 0.0)) return {1.0, 1.0};
    const double rough = value / ticks_wanted;
    if (counts && rough <= 1.0) return {std::ceil(value), 1.0};
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    double step = power;
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= rough) {
            step = m * power;
            break;
        }
    return {std::ceil(value / step - 1e-9) * step, step};
}

namespace {

// A chart's plotting frame inside its SVG: margins for the axis labels.
struct Frame {
    double width, height;
    double left = 44, right = 12, top = 14, bottom = 36;
    double plot_w() const { return width - left - right; }
    double plot_h() const { return height - top - bottom; }
    double x(double fraction) const { return left + fraction * plot_w(); }
    double y(double fraction) const { return top + (1.0 - fraction) * plot_h(); }
};

std::string svg_open(const Frame& f, const std::string& label) {
    const std::string w = svg_number(f.width), h = svg_number(f.height);
    return "<svg class=\"chart\" viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w + "\" height=\"" + h +
           "\" role=\"img\" aria-label=\"" + html_escaped(label) + "\" font-size=\"11\" fill=\"#333\">\n";
}

// Horizontal grid lines with their values on the left.
std::string y_axis(const Frame& f, const AxisScale& axis, bool percent) {
    std::string svg;
    for (double v = 0; v <= axis.max + 1e-9; v += axis.step) {
        const double y = f.y(v / axis.max);
        svg += "<line x1=\"" + svg_number(f.left) + "\" x2=\"" + svg_number(f.width - f.right) + "\" y1=\"" +
               svg_number(y) + "\" y2=\"" + svg_number(y) + "\" stroke=\"#e3e6ea\"/>\n";
        svg += "<text x=\"" + svg_number(f.left - 5) + "\" y=\"" + svg_number(y + 4) + "\" text-anchor=\"end\">" +
               (percent ? fixed_text(v * 100.0, 0) + "%" : fixed_text(v, axis.step < 1 ? 1 : 0)) + "</text>\n";
    }
    return svg;
}

// Minute ticks along the bottom, every 5 (or 10 on a long axis).
std::string x_axis(const Frame& f, double minutes_shown, bool overflow_bin, const std::string& title) {
    std::string svg = "<line x1=\"" + svg_number(f.left) + "\" x2=\"" + svg_number(f.width - f.right) + "\" y1=\"" +
                      svg_number(f.y(0)) + "\" y2=\"" + svg_number(f.y(0)) + "\" stroke=\"#666\"/>\n";
    const double bins = minutes_shown + (overflow_bin ? 1 : 0);
    const int every = minutes_shown > 40 ? 10 : 5;
    // The last tick would sit under the overflow bin's label.
    const int last_tick = static_cast<int>(minutes_shown) - (overflow_bin ? 1 : 0);
    for (int m = 0; m <= last_tick; m += every)
        svg += "<text x=\"" + svg_number(f.x(m / bins)) + "\" y=\"" + svg_number(f.y(0) + 14) +
               "\" text-anchor=\"middle\">" + std::to_string(m) + "</text>\n";
    if (overflow_bin)
        svg += "<text x=\"" + svg_number(f.x((minutes_shown + 0.5) / bins)) + "\" y=\"" + svg_number(f.y(0) + 14) +
               "\" text-anchor=\"middle\">" + fixed_text(minutes_shown, 0) + "+</text>\n";
    svg += "<text x=\"" + svg_number(f.left + f.plot_w() / 2) + "\" y=\"" + svg_number(f.height - 4) +
           "\" text-anchor=\"middle\">" + html_escaped(title) + "</text>\n";
    return svg;
}

std::string limit_line(const Frame& f, double fraction, double limit_min) {
    const double x = f.x(fraction);
    return "<line class=\"limit\" x1=\"" + svg_number(x) + "\" x2=\"" + svg_number(x) + "\" y1=\"" + svg_number(f.top) +
           "\" y2=\"" + svg_number(f.y(0)) + "\" stroke=\"#222\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n" +
           "<text x=\"" + svg_number(x + 4) + "\" y=\"" + svg_number(f.top + 10) + "\">" +
           fixed_text(limit_min, limit_min == std::floor(limit_min) ? 0 : 1) + " min limit</text>\n";
}

// The band of the bin [minute, minute + 1): by its upper edge, so a bin is green only when all of it is.
palette::Rgb bin_colour(std::size_t minute, bool overflow, double limit_min) {
    const double upper = static_cast<double>(minute + 1);
    if (overflow || upper > limit_min + to_minutes(kAmberBand) + 1e-9) return palette::kBeyond;
    if (upper > limit_min + 1e-9) return palette::kAmber;
    return palette::kWithin;
}

std::string bars(const Frame& f, std::span<const std::int64_t> counts, bool last_is_overflow, double limit_min,
                 double y_max) {
    std::string svg;
    const double bins = static_cast<double>(counts.size());
    const double gap = std::min(1.0, f.plot_w() / bins * 0.15);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] == 0) continue;
        const bool overflow = last_is_overflow && i + 1 == counts.size();
        const double x0 = f.x(i / bins) + gap / 2, x1 = f.x((i + 1) / bins) - gap / 2;
        const double y = f.y(static_cast<double>(counts[i]) / y_max);
        const std::string range = overflow ? std::to_string(i) + "+ min" : std::to_string(i) + "\xE2\x80\x93" + std::to_string(i + 1) + " min";
        svg += "<rect x=\"" + svg_number(x0) + "\" y=\"" + svg_number(y) + "\" width=\"" + svg_number(x1 - x0) +
               "\" height=\"" + svg_number(f.y(0) - y) + "\" fill=\"" + css_colour(bin_colour(i, overflow, limit_min)) +
               "\"><title>" + range + ": " + std::to_string(counts[i]) + "</title></rect>\n";
    }
    return svg;
}

}  // namespace

std::string response_histogram_svg(std::span<const std::int64_t> counts, bool last_is_overflow, double limit_min,
                                   std::int64_t y_max, const std::string& label) {
    const Frame f{360, 170};
    const AxisScale axis = nice_axis(static_cast<double>(std::max<std::int64_t>(y_max, 1)), 4);
    const double minutes = static_cast<double>(counts.size() - (last_is_overflow ? 1 : 0));
    std::string svg = svg_open(f, label) + y_axis(f, axis, false) + bars(f, counts, last_is_overflow, limit_min, axis.max);
    svg += x_axis(f, minutes, last_is_overflow, "response time, minutes");
    if (limit_min <= minutes) svg += limit_line(f, limit_min / static_cast<double>(counts.size()), limit_min);
    return svg + "</svg>\n";
}

std::string drive_time_histogram_svg(const DriveTimeSummary& s) {
    std::vector<std::int64_t> counts(s.histogram.begin(), s.histogram.end());
    const bool overflow = s.overflow > 0;
    if (overflow) counts.push_back(static_cast<std::int64_t>(s.overflow));
    const std::int64_t peak = counts.empty() ? 1 : *std::max_element(counts.begin(), counts.end());
    const Frame f{560, 260};
    const AxisScale axis = nice_axis(static_cast<double>(std::max<std::int64_t>(peak, 1)));
    const double limit_min = to_minutes(s.limit);
    const double minutes = static_cast<double>(s.histogram.size());
    std::string svg = svg_open(f, "Histogram of drive times from the nearest station") + y_axis(f, axis, false) +
                      bars(f, counts, overflow, limit_min, axis.max);
    svg += x_axis(f, minutes, overflow, "drive time from the nearest station, minutes (places per 1-minute bin)");
    if (limit_min <= minutes) svg += limit_line(f, limit_min / static_cast<double>(counts.size()), limit_min);
    return svg + "</svg>\n";
}

std::string drive_time_cdf_svg(const DriveTimeSummary& s) {
    const Frame f{560, 260};
    const double minutes = static_cast<double>(s.histogram.size());
    const double bins = minutes + (s.overflow > 0 ? 1 : 0);
    const AxisScale axis{1.0, 0.2};
    std::string svg = svg_open(f, "Share of places within a drive time") + y_axis(f, axis, true);
    svg += x_axis(f, minutes, s.overflow > 0, "drive time, minutes (share of all places reached within it)");
    // A step up at each place's time; what lies beyond the axis is drawn at its right end.
    std::string d;
    append_path_point(d, 'M', f.x(0), f.y(0));
    for (std::size_t i = 0; i < s.sorted_times.size(); ++i) {
        if (i + 1 < s.sorted_times.size() && s.sorted_times[i + 1] == s.sorted_times[i]) continue;
        const double x = std::min(to_minutes(s.sorted_times[i]), bins) / bins;
        const double next = s.share_within(s.sorted_times[i]);
        append_path_value(d, 'H', f.x(x));
        append_path_value(d, 'V', f.y(next));
    }
    append_path_value(d, 'H', f.x(1.0));
    svg += "<path class=\"cdf\" d=\"" + d + "\" fill=\"none\" stroke=\"" + css_colour(palette::kStation) +
           "\" stroke-width=\"2\"/>\n";
    const double limit_min = to_minutes(s.limit);
    if (limit_min <= minutes) {
        svg += limit_line(f, limit_min / bins, limit_min);
        const double share = s.share_within(s.limit);
        const double lx = f.x(limit_min / bins), ly = f.y(share);
        svg += "<circle cx=\"" + svg_number(lx) + "\" cy=\"" + svg_number(ly) + "\" r=\"4\" fill=\"" +
               css_colour(palette::kStation) + "\"/>\n<text x=\"" + svg_number(lx - 8) + "\" y=\"" +
               svg_number(ly + (share < 0.12 ? -8 : -6)) + "\" text-anchor=\"end\" font-weight=\"bold\">" + percent_text(share, 1.0) +
               " within</text>\n";
    }
    return svg + "</svg>\n";
}

}  // namespace ems120
