#include "maps/geodesy.hpp"

#include <GeographicLib/Geocentric.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <cmath>

namespace ems120 {

double geodesic_distance_m(LatLon a, LatLon b) {
    double s12 = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.lat, a.lon, b.lat, b.lon, s12);
    return s12;
}

Ecef to_ecef(LatLon p) {
    Ecef e;
    GeographicLib::Geocentric::WGS84().Forward(p.lat, p.lon, 0.0, e.x, e.y, e.z);
    return e;
}

double segment_length_m(LatLon a, const Ecef& ea, LatLon b, const Ecef& eb) {
    constexpr double kChordLimitM = 5000.0;
    constexpr double kMeanRadiusM = 6371008.8;  // IUGG mean radius; the correction is tiny anyway
    const double dx = ea.x - eb.x, dy = ea.y - eb.y, dz = ea.z - eb.z;
    const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
    if (chord > kChordLimitM) return geodesic_distance_m(a, b);
    return chord + chord * chord * chord / (24.0 * kMeanRadiusM * kMeanRadiusM);
}

LatLonBox box_around(LatLon centre, double metres) {
    const auto& g = GeographicLib::Geodesic::WGS84();
    LatLonBox box;
    for (double azimuth : {0.0, 90.0, 180.0, 270.0}) {
        LatLon p;
        g.Direct(centre.lat, centre.lon, azimuth, metres, p.lat, p.lon);
        box.extend(p);
    }
    box.extend(centre);
    return box;
}

LatLonBox grown(const LatLonBox& box, double metres) {
    if (box.empty()) return box;
    LatLonBox out = box;
    for (LatLon corner : {LatLon{box.min_lat, box.min_lon}, LatLon{box.max_lat, box.max_lon},
                          LatLon{box.min_lat, box.max_lon}, LatLon{box.max_lat, box.min_lon}}) {
        const LatLonBox around = box_around(corner, metres);
        out.extend({around.min_lat, around.min_lon});
        out.extend({around.max_lat, around.max_lon});
    }
    return out;
}

}  // namespace ems120
