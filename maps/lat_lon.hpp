#pragma once
// WGS84 coordinates in degrees, and their validation.
#include <cmath>

namespace ems120 {

struct LatLon {
    double lat = 0.0;
    double lon = 0.0;
};

inline bool is_valid_lat_lon(LatLon p) {
    return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90.0 && p.lat <= 90.0 && p.lon >= -180.0 &&
           p.lon <= 180.0;
}

// Axis-aligned box in degrees; empty until the first extend().
struct LatLonBox {
    double min_lat = 1e9, min_lon = 1e9, max_lat = -1e9, max_lon = -1e9;

    bool empty() const { return min_lat > max_lat; }
    void extend(LatLon p) {
        min_lat = std::fmin(min_lat, p.lat);
        max_lat = std::fmax(max_lat, p.lat);
        min_lon = std::fmin(min_lon, p.lon);
        max_lon = std::fmax(max_lon, p.lon);
    }
    bool contains(LatLon p) const {
        return p.lat >= min_lat && p.lat <= max_lat && p.lon >= min_lon && p.lon <= max_lon;
    }
};

}  // namespace ems120
