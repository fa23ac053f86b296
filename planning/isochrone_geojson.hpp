#pragma once
// Isochrones as an RFC 7946 FeatureCollection: per limit one MultiPolygon feature (the area,
// kind "area") and one MultiLineString feature (the reachable roads, kind "roads"). Properties
// are documented in docs/isochrones.md.
#include <span>
#include <string>

#include "routing/isochrone.hpp"

namespace ems120 {

std::string isochrone_geojson(std::span<const Isochrone> isochrones, const std::string& origin_name, LatLon origin);

}  // namespace ems120
