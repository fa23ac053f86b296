#include "vehicle_agent/spherical_earth.hpp"

#include <cmath>
#include <numbers>

namespace ems120::agent {
namespace {

constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

double radians(double degrees) { return degrees * kRadiansPerDegree; }
double degrees(double radians) { return radians / kRadiansPerDegree; }

double longitude_in_range(double lon) {
    const double wrapped = std::fmod(lon + 540.0, 360.0) - 180.0;
    return wrapped == -180.0 && lon > 0 ? 180.0 : wrapped;
}

}  // namespace

double great_circle_distance_m(LatLon a, LatLon b) {
    const double dlat = radians(b.lat - a.lat), dlon = radians(b.lon - a.lon);
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(radians(a.lat)) * std::cos(radians(b.lat)) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarthMeanRadiusM * std::asin(std::sqrt(std::fmin(1.0, h)));
}

double initial_course_deg(LatLon from, LatLon to) {
    const double lat1 = radians(from.lat), lat2 = radians(to.lat), dlon = radians(to.lon - from.lon);
    const double y = std::sin(dlon) * std::cos(lat2);
    const double x = std::cos(lat1) * std::sin(lat2) - std::sin(lat1) * std::cos(lat2) * std::cos(dlon);
    const double course = std::fmod(degrees(std::atan2(y, x)) + 360.0, 360.0);
    return course >= 360.0 ? 0.0 : course;
}

LatLon destination(LatLon from, double course_deg, double distance_m) {
    const double angle = distance_m / kEarthMeanRadiusM, course = radians(course_deg);
    const double lat1 = radians(from.lat), lon1 = radians(from.lon);
    const double sin_lat2 = std::sin(lat1) * std::cos(angle) + std::cos(lat1) * std::sin(angle) * std::cos(course);
    const double lat2 = std::asin(std::fmax(-1.0, std::fmin(1.0, sin_lat2)));
    const double lon2 = lon1 + std::atan2(std::sin(course) * std::sin(angle) * std::cos(lat1),
                                          std::cos(angle) - std::sin(lat1) * sin_lat2);
    return {degrees(lat2), longitude_in_range(degrees(lon2))};
}

LatLon offset_m(LatLon p, double north_m, double east_m) {
    const double lat = p.lat + degrees(north_m / kEarthMeanRadiusM);
    const double metres_per_degree_lon = kEarthMeanRadiusM * kRadiansPerDegree * std::cos(radians(p.lat));
    const double lon = metres_per_degree_lon > 1e-6 ? p.lon + east_m / metres_per_degree_lon : p.lon;
    return {std::fmax(-90.0, std::fmin(90.0, lat)), longitude_in_range(lon)};
}

}  // namespace ems120::agent
