#pragma once
// Small pieces of SVG text the report's pictures share.
#include <string>

#include "planning/report_palette.hpp"

namespace ems120 {

// "#1a9850".
std::string css_colour(palette::Rgb colour);

// A coordinate with one decimal: a tenth of a pixel is below what a screen shows.
std::string svg_number(double v);

// Path data, appended piece by piece ("M12.5 3.0", "H40.2"): also keeps clear of GCC 12's false
// -Wrestrict warning on "M" + std::string at -O3.
void append_path_point(std::string& d, char command, double x, double y);
void append_path_value(std::string& d, char command, double v);

}  // namespace ems120
