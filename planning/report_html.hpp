#pragma once
// The coverage benchmark report as one self-contained HTML file (no external links, scripts,
// fonts or images: inline CSS and SVG), for planners to open offline and attach to a mail.
#include <string>

#include "planning/report_input.hpp"

namespace ems120 {

std::string coverage_report_html(const ReportInput& input);

}  // namespace ems120
