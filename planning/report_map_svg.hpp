#pragma once
// The report's map as inline SVG: major roads for orientation, every place as a dot coloured by
// its drive time band, the stations, the proposed sites (and the places they would bring within
// the limit), a scale bar and the OpenStreetMap attribution. Hovering a symbol shows its name
// and time (SVG <title>, no script).
#include <string>

#include "planning/report_input.hpp"
#include "planning/report_map_projection.hpp"

namespace ems120 {

// The places, the used stations and the proposed sites: what the map must show.
LatLonBox report_map_extent(const ReportInput& input);

std::string coverage_map_svg(const ReportInput& input, const MapProjection& projection);

// The scale bar's length: 1, 2 or 5 times a power of ten kilometres, close to `target_km`.
double scale_bar_km(double target_km);

}  // namespace ems120
