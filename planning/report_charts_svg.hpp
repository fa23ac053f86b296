#pragma once
// The report's charts as inline SVG: the drive-time histogram (1-minute bins coloured by band)
// and cumulative share of places, both with the limit marked, and a response-time histogram of
// one simulation run for the small multiples.
#include <cstdint>
#include <span>
#include <string>

#include "planning/report_drive_times.hpp"

namespace ems120 {

std::string drive_time_histogram_svg(const DriveTimeSummary& summary);

std::string drive_time_cdf_svg(const DriveTimeSummary& summary);

// `counts`: per minute from 0, the last bin "`counts.size() - 1` minutes and over" when
// `last_is_overflow`. `y_max` is shared by the small multiples so their bars compare.
std::string response_histogram_svg(std::span<const std::int64_t> counts, bool last_is_overflow, double limit_min,
                                   std::int64_t y_max, const std::string& label);

// A "nice" axis maximum at or above `value` (1, 2, 5 x 10^k) and its tick step; an axis of
// counts never steps by less than 1.
struct AxisScale {
    double max = 1.0, step = 1.0;
};
AxisScale nice_axis(double value, int ticks_wanted = 5, bool counts = true);

}  // namespace ems120
