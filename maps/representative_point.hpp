#pragma once
// A point that stands for an area (a village mapped as a polygon): the centroid when it lies
// inside, otherwise a point guaranteed to be inside (the middle of the widest interior stretch
// of the horizontal line through the centroid), so a crescent-shaped village is not placed in
// its neighbour's fields.
#include <optional>
#include <vector>

#include "maps/lat_lon.hpp"

namespace ems120 {

using Ring = std::vector<LatLon>;  // closed or not; the closing edge is implied

struct PolygonRings {
    Ring outer;
    std::vector<Ring> inners;
};

// Nothing for a degenerate polygon (fewer than three distinct points).
std::optional<LatLon> representative_point(const PolygonRings& polygon);

// Even-odd point-in-polygon test over the outer ring and its holes.
bool polygon_contains(const PolygonRings& polygon, LatLon p);

// Absolute planar area in square degrees, used only to pick the largest outer ring.
double ring_area_deg2(const Ring& ring);

}  // namespace ems120
