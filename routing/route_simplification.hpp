#pragma once
// Fewer points for a route's geometry, within a tolerance: Douglas-Peucker. A route unpacked from
// the road graph has a point at every OSM node (every few metres on a curve); a crew's screen and
// the order on the wire need the shape, not every node. The first and last points always stay,
// and no dropped point lies farther than `tolerance_m` from the simplified line.
#include <span>
#include <vector>

#include "maps/lat_lon.hpp"

namespace ems120 {

std::vector<LatLon> simplify_route(std::span<const LatLon> points, double tolerance_m);

}  // namespace ems120
