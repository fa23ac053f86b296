#include "maps/geodesy.hpp"

#include <GeographicLib/Geodesic.hpp>

namespace ems120 {

double geodesic_distance_m(LatLon a, LatLon b) {
    double s12 = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.lat, a.lon, b.lat, b.lon, s12);
    return s12;
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
