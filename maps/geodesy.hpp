#pragma once
// Distances on the WGS84 ellipsoid (GeographicLib), kept behind a small interface so
// GeographicLib's headers stay out of the rest of the code.
#include "maps/lat_lon.hpp"

namespace ems120 {

// Geodesic distance in metres on WGS84.
double geodesic_distance_m(LatLon a, LatLon b);

// The box reaching `metres` north, east, south and west of `centre`.
LatLonBox box_around(LatLon centre, double metres);

// `box` grown by `metres` on every side.
LatLonBox grown(const LatLonBox& box, double metres);

}  // namespace ems120
