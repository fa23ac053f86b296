#pragma once
// Distances, courses and offsets on a sphere of the Earth's mean radius, for the route
// simulator. A sphere is off the WGS84 ellipsoid by at most ~0.5 % in distance, far below what a
// simulated drive needs; it also keeps GeographicLib (and the maps library) off the small
// in-vehicle computer the agent runs on. Road lengths for routing stay geodesic (maps/geodesy.hpp).
#include "maps/lat_lon.hpp"

namespace ems120::agent {

inline constexpr double kEarthMeanRadiusM = 6371008.8;  // IUGG mean radius

// Haversine distance.
double great_circle_distance_m(LatLon a, LatLon b);

// The true course leaving `from` towards `to`, in [0, 360).
double initial_course_deg(LatLon from, LatLon to);

// The point `distance_m` from `from` along the great circle leaving on `course_deg`.
LatLon destination(LatLon from, double course_deg, double distance_m);

// `p` moved by small distances north and east (metres), as for GNSS noise.
LatLon offset_m(LatLon p, double north_m, double east_m);

}  // namespace ems120::agent
