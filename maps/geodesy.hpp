#pragma once
// Distances on the WGS84 ellipsoid (GeographicLib), kept behind a small interface so
// GeographicLib's headers stay out of the rest of the code.
#include "maps/lat_lon.hpp"

namespace ems120 {

// Geodesic distance in metres on WGS84 (GeographicLib::Geodesic::Inverse, ~0.4 us a call).
double geodesic_distance_m(LatLon a, LatLon b);

// Earth-centred, earth-fixed coordinates in metres (GeographicLib::Geocentric, WGS84).
struct Ecef {
    double x = 0.0, y = 0.0, z = 0.0;
};
Ecef to_ecef(LatLon p);

// The WGS84 geodesic length of a road segment from its ends' ECEF positions, ten times faster
// than geodesic_distance_m: for a short segment the geodesic is the chord plus s^3 / 24R^2
// (within 0.01 mm of GeographicLib's geodesic below 5 km, tested); longer segments are handed to
// geodesic_distance_m. Building a road graph computes this for every segment.
double segment_length_m(LatLon a, const Ecef& ea, LatLon b, const Ecef& eb);

// The box reaching `metres` north, east, south and west of `centre`.
LatLonBox box_around(LatLon centre, double metres);

// `box` grown by `metres` on every side.
LatLonBox grown(const LatLonBox& box, double metres);

}  // namespace ems120
