#include "planning/report_svg_text.hpp"

#include <cstdio>

#include "planning/report_number_text.hpp"

namespace ems120 {

std::string css_colour(palette::Rgb c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
    return text;
}

std::string svg_number(double v) { return fixed_text(v, 1); }

void append_path_point(std::string& d, char command, double x, double y) {
    d += command;
    d += svg_number(x);
    d += ' ';
    d += svg_number(y);
}

void append_path_value(std::string& d, char command, double v) {
    d += command;
    d += svg_number(v);
}

}  // namespace ems120
