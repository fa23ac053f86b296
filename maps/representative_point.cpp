#include "maps/representative_point.hpp"

#include <algorithm>
#include <cmath>

namespace ems120 {

namespace {

// Visits every edge (including the implied closing edge) of a ring.
template <typename F>
void for_each_edge(const Ring& ring, F&& f) {
    const std::size_t n = ring.size();
    for (std::size_t i = 0; i < n; ++i) f(ring[i], ring[(i + 1) % n]);
}

template <typename F>
void for_each_polygon_edge(const PolygonRings& polygon, F&& f) {
    for_each_edge(polygon.outer, f);
    for (const auto& inner : polygon.inners) for_each_edge(inner, f);
}

double signed_area(const Ring& ring) {
    double twice = 0.0;
    for_each_edge(ring, [&](LatLon a, LatLon b) { twice += a.lon * b.lat - b.lon * a.lat; });
    return twice / 2.0;
}

std::optional<LatLon> ring_centroid(const Ring& ring) {
    double twice_area = 0.0, cx = 0.0, cy = 0.0;
    // Relative to the first vertex to keep the products small and precise.
    const LatLon o = ring.front();
    for_each_edge(ring, [&](LatLon a, LatLon b) {
        const double ax = a.lon - o.lon, ay = a.lat - o.lat, bx = b.lon - o.lon, by = b.lat - o.lat;
        const double cross = ax * by - bx * ay;
        twice_area += cross;
        cx += (ax + bx) * cross;
        cy += (ay + by) * cross;
    });
    if (std::fabs(twice_area) < 1e-18) return std::nullopt;
    return LatLon{o.lat + cy / (3.0 * twice_area), o.lon + cx / (3.0 * twice_area)};
}

}  // namespace

double ring_area_deg2(const Ring& ring) { return ring.size() < 3 ? 0.0 : std::fabs(signed_area(ring)); }

bool polygon_contains(const PolygonRings& polygon, LatLon p) {
    bool inside = false;
    for_each_polygon_edge(polygon, [&](LatLon a, LatLon b) {
        if ((a.lat > p.lat) != (b.lat > p.lat)) {
            const double lon_at = a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon);
            if (p.lon < lon_at) inside = !inside;
        }
    });
    return inside;
}

std::optional<LatLon> representative_point(const PolygonRings& polygon) {
    if (polygon.outer.size() < 3 || ring_area_deg2(polygon.outer) <= 0.0) return std::nullopt;
    const auto centroid = ring_centroid(polygon.outer);
    if (!centroid) return std::nullopt;
    if (polygon_contains(polygon, *centroid)) return centroid;

    // Scanline through the centroid's latitude: crossings pair up into interior stretches.
    std::vector<double> crossings;
    const double lat = centroid->lat;
    for_each_polygon_edge(polygon, [&](LatLon a, LatLon b) {
        if ((a.lat > lat) != (b.lat > lat)) crossings.push_back(a.lon + (lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon));
    });
    std::sort(crossings.begin(), crossings.end());
    double best_width = -1.0, best_lon = centroid->lon;
    for (std::size_t i = 0; i + 1 < crossings.size(); i += 2) {
        const double width = crossings[i + 1] - crossings[i];
        if (width > best_width) {
            best_width = width;
            best_lon = (crossings[i] + crossings[i + 1]) / 2.0;
        }
    }
    if (best_width < 0.0) return polygon.outer.front();
    return LatLon{lat, best_lon};
}

}  // namespace ems120
