#pragma once
// The optional sections of the HTML report, each from its own input, and what they share.
#include <optional>
#include <string>

#include "planning/report_drive_times.hpp"
#include "planning/report_input.hpp"

namespace ems120 {

// Before/after coverage with the proposed sites, and what each site gains (empty without --sites).
std::string sites_section_html(const ReportInput& input);

// The simulation runs side by side and their response-time histograms (empty without --simulation).
std::string simulation_section_html(const ReportInput& input);

// "12.3 min", or `missing` when there is no time.
std::string minutes_html(std::optional<TravelTime> t, const std::string& missing = "unreachable");

// A small coloured disc before a band's text.
std::string band_dot_html(DriveTimeBand band);

}  // namespace ems120
