#pragma once
// Where a coordinate goes on the report's map: equirectangular, longitude scaled by the cosine
// of the middle latitude (true shapes at county scale), fitted to a box of pixels with north up.
#include "maps/lat_lon.hpp"

namespace ems120 {

struct SvgPoint {
    double x = 0.0, y = 0.0;
};

class MapProjection {
public:
    // Fits `extent`, grown by a margin so dots at the edge stay whole, into at most
    // max_width x max_height pixels. A single point (an empty span) gets a few kilometres around it.
    MapProjection(const LatLonBox& extent, double max_width, double max_height);

    SvgPoint operator()(LatLon p) const;
    double width() const { return width_; }
    double height() const { return height_; }
    double pixels_per_km() const { return pixels_per_km_; }
    // The coordinates the map shows (the extent with its margin).
    const LatLonBox& shown() const { return shown_; }

private:
    LatLonBox shown_;
    double lon_scale_ = 1.0;  // cos(middle latitude)
    double pixels_per_degree_ = 1.0;
    double width_ = 0.0, height_ = 0.0;
    double pixels_per_km_ = 1.0;
};

}  // namespace ems120
