#include "planning/report_map_projection.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "maps/geodesy.hpp"

namespace ems120 {

namespace {

// Degrees of latitude per kilometre on the mean-radius sphere: the map and its scale bar need
// no more than that at county scale.
constexpr double kKmPerDegree = 6371.0088 * std::numbers::pi / 180.0;

LatLonBox with_margin(const LatLonBox& extent) {
    const double span_km = std::max(extent.max_lat - extent.min_lat, extent.max_lon - extent.min_lon) * kKmPerDegree;
    return grown(extent, std::max(1000.0, span_km * 1000.0 * 0.04));
}

}  // namespace

MapProjection::MapProjection(const LatLonBox& extent, double max_width, double max_height) {
    if (extent.empty()) throw std::logic_error("MapProjection: empty extent");
    shown_ = with_margin(extent);
    const double middle_lat = (shown_.min_lat + shown_.max_lat) / 2.0;
    lon_scale_ = std::cos(middle_lat * std::numbers::pi / 180.0);
    const double span_x = (shown_.max_lon - shown_.min_lon) * lon_scale_;  // in degrees of latitude
    const double span_y = shown_.max_lat - shown_.min_lat;
    pixels_per_degree_ = std::min(max_width / span_x, max_height / span_y);
    width_ = span_x * pixels_per_degree_;
    height_ = span_y * pixels_per_degree_;
    pixels_per_km_ = pixels_per_degree_ / kKmPerDegree;
}

SvgPoint MapProjection::operator()(LatLon p) const {
    return {(p.lon - shown_.min_lon) * lon_scale_ * pixels_per_degree_, (shown_.max_lat - p.lat) * pixels_per_degree_};
}

}  // namespace ems120
