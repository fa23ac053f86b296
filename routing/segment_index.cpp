#include "routing/segment_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "maps/geodesy.hpp"

namespace ems120 {

namespace {

// Only scales the local plane, so the mean Earth radius is precise enough; the reported distance
// is geodesic.
constexpr double kMetresPerDegree = 6'371'008.8 * std::numbers::pi / 180.0;
// A few segments per cell keeps both the grid and the per-cell scan small.
constexpr double kSegmentsPerCell = 2.0;
// Covers the rounding of cell boundaries, so a ring is never skipped by a hair.
constexpr double kBoundSlackM = 1e-6;

// Local equirectangular plane centred on the query point, in metres. Its distortion away from the
// query only matters for far-away queries, where any nearby segment is as good an answer.
struct LocalPlane {
    LatLon origin;
    double x_scale;

    explicit LocalPlane(LatLon o) : origin(o), x_scale(std::cos(o.lat * std::numbers::pi / 180.0) * kMetresPerDegree) {}
    double x(LatLon p) const { return (p.lon - origin.lon) * x_scale; }
    double y(LatLon p) const { return (p.lat - origin.lat) * kMetresPerDegree; }
};

struct Projection {
    double fraction;
    double distance2;  // squared planar distance from the query point
};

Projection project(const LocalPlane& plane, LatLon a, LatLon b) {
    const double ax = plane.x(a), ay = plane.y(a);
    const double dx = plane.x(b) - ax, dy = plane.y(b) - ay;
    const double length2 = dx * dx + dy * dy;
    const double t = length2 > 0.0 ? std::clamp(-(ax * dx + ay * dy) / length2, 0.0, 1.0) : 0.0;
    const double px = ax + t * dx, py = ay + t * dy;
    return {t, px * px + py * py};
}

LatLon interpolate(LatLon a, LatLon b, double t) { return {a.lat + t * (b.lat - a.lat), a.lon + t * (b.lon - a.lon)}; }

}  // namespace

SegmentIndex::SegmentIndex(const RoadGraph& graph) : graph_(&graph) {
    const auto& segments = graph.segments;
    if (segments.empty()) return;
    for (const RoadSegment& s : segments) {
        bounds_.extend(graph.at(s.a));
        bounds_.extend(graph.at(s.b));
    }

    // Square-ish cells in metres; a degenerate extent (all segments on one parallel, say) counts
    // as one metre wide, and neither side gets more cells than wanted in total.
    const double height_deg = bounds_.max_lat - bounds_.min_lat;
    const double width_deg = bounds_.max_lon - bounds_.min_lon;
    const double mid_lat_rad = (bounds_.min_lat + bounds_.max_lat) / 2.0 * std::numbers::pi / 180.0;
    const double height_m = std::max(height_deg * kMetresPerDegree, 1.0);
    const double width_m = std::max(width_deg * kMetresPerDegree * std::cos(mid_lat_rad), 1.0);
    const double cells_wanted = std::max(1.0, std::ceil(segments.size() / kSegmentsPerCell));
    const double cell_m = std::sqrt(height_m * width_m / cells_wanted);
    rows_ = static_cast<std::uint32_t>(std::clamp(std::ceil(height_m / cell_m), 1.0, cells_wanted));
    cols_ = static_cast<std::uint32_t>(std::clamp(std::ceil(width_m / cell_m), 1.0, cells_wanted));
    cell_deg_lat_ = std::max(height_deg, 1e-9) / rows_;
    cell_deg_lon_ = std::max(width_deg, 1e-9) / cols_;

    // CSR: count each segment in every cell its bounding box touches, then fill.
    cell_start_.assign(std::size_t{rows_} * cols_ + 1, 0);
    auto for_each_cell = [&](const RoadSegment& s, auto&& visit) {
        const LatLon a = graph.at(s.a), b = graph.at(s.b);
        const std::uint32_t r0 = row_of(std::min(a.lat, b.lat)), r1 = row_of(std::max(a.lat, b.lat));
        const std::uint32_t c0 = col_of(std::min(a.lon, b.lon)), c1 = col_of(std::max(a.lon, b.lon));
        for (std::uint32_t r = r0; r <= r1; ++r)
            for (std::uint32_t c = c0; c <= c1; ++c) visit(std::size_t{r} * cols_ + c);
    };
    for (const RoadSegment& s : segments) for_each_cell(s, [&](std::size_t cell) { ++cell_start_[cell + 1]; });
    for (std::size_t i = 1; i < cell_start_.size(); ++i) cell_start_[i] += cell_start_[i - 1];
    cell_segments_.resize(cell_start_.back());
    std::vector<std::uint32_t> fill(cell_start_.begin(), cell_start_.end() - 1);
    for (std::uint32_t i = 0; i < segments.size(); ++i)
        for_each_cell(segments[i], [&](std::size_t cell) { cell_segments_[fill[cell]++] = SegmentId(i); });
}

std::uint32_t SegmentIndex::row_of(double lat) const {
    // Clamped in double first, so a query far outside the grid cannot overflow the cast.
    return static_cast<std::uint32_t>(
        std::clamp(std::floor((lat - bounds_.min_lat) / cell_deg_lat_), 0.0, rows_ - 1.0));
}

std::uint32_t SegmentIndex::col_of(double lon) const {
    return static_cast<std::uint32_t>(
        std::clamp(std::floor((lon - bounds_.min_lon) / cell_deg_lon_), 0.0, cols_ - 1.0));
}

double SegmentIndex::ring_lower_bound(LatLon query, double x_scale, std::int64_t row, std::int64_t col,
                                      std::int64_t ring) const {
    // Every cell from ring `ring` outwards lies in a band of rows (or columns) beyond the inner
    // square. Within the grid's box, such a band is at least its distance along one axis away,
    // combined with the distance to the box along the other axis; the second part is what keeps
    // the search short for a query beside or far outside the grid.
    auto beyond = [](double v, double lo, double hi) { return std::max({lo - v, v - hi, 0.0}); };
    const double to_box_y = beyond(query.lat, bounds_.min_lat, bounds_.max_lat) * kMetresPerDegree;
    const double to_box_x = beyond(query.lon, bounds_.min_lon, bounds_.max_lon) * x_scale;
    double bound = std::numeric_limits<double>::infinity();
    auto band = [&](double along, double across) {
        along = std::max(along, 0.0);
        bound = std::min(bound, std::sqrt(along * along + across * across));
    };
    if (row - ring >= 0)
        band((query.lat - (bounds_.min_lat + (row - ring + 1) * cell_deg_lat_)) * kMetresPerDegree, to_box_x);
    if (row + ring < rows_)
        band((bounds_.min_lat + (row + ring) * cell_deg_lat_ - query.lat) * kMetresPerDegree, to_box_x);
    if (col - ring >= 0) band((query.lon - (bounds_.min_lon + (col - ring + 1) * cell_deg_lon_)) * x_scale, to_box_y);
    if (col + ring < cols_) band((bounds_.min_lon + (col + ring) * cell_deg_lon_ - query.lon) * x_scale, to_box_y);
    return std::max(bound - kBoundSlackM, 0.0);
}

Snap SegmentIndex::nearest(LatLon query) const {
    if (cell_segments_.empty() || !is_valid_lat_lon(query)) return {};
    const LocalPlane plane(query);
    const auto& segments = graph_->segments;

    SegmentId best;
    Projection best_projection{0.0, std::numeric_limits<double>::infinity()};
    auto consider_cell = [&](std::int64_t r, std::int64_t c) {
        const std::size_t cell = static_cast<std::size_t>(r) * cols_ + static_cast<std::size_t>(c);
        for (std::uint32_t i = cell_start_[cell]; i < cell_start_[cell + 1]; ++i) {
            const SegmentId id = cell_segments_[i];
            const RoadSegment& s = segments[id.value()];
            const Projection p = project(plane, graph_->at(s.a), graph_->at(s.b));
            // Ties go to the smaller id, so the answer does not depend on the visiting order.
            if (p.distance2 < best_projection.distance2 || (p.distance2 == best_projection.distance2 && id < best)) {
                best = id;
                best_projection = p;
            }
        }
    };

    const std::int64_t rows = rows_, cols = cols_;
    const std::int64_t row = row_of(query.lat), col = col_of(query.lon);
    const std::int64_t last_ring = std::max({row, rows - 1 - row, col, cols - 1 - col});
    for (std::int64_t ring = 0; ring <= last_ring; ++ring) {
        if (best.valid()) {
            const double bound = ring_lower_bound(query, plane.x_scale, row, col, ring);
            if (bound * bound > best_projection.distance2) break;
        }
        for (std::int64_t r = std::max<std::int64_t>(row - ring, 0); r <= std::min(row + ring, rows - 1); ++r) {
            if (r == row - ring || r == row + ring) {
                for (std::int64_t c = std::max<std::int64_t>(col - ring, 0); c <= std::min(col + ring, cols - 1); ++c)
                    consider_cell(r, c);
            } else {
                if (col - ring >= 0) consider_cell(r, col - ring);
                if (col + ring < cols) consider_cell(r, col + ring);
            }
        }
    }

    const RoadSegment& s = segments[best.value()];
    Snap snap;
    snap.segment = best;
    snap.fraction = best_projection.fraction;
    snap.point = interpolate(graph_->at(s.a), graph_->at(s.b), best_projection.fraction);
    snap.distance_m = geodesic_distance_m(query, snap.point);
    return snap;
}

}  // namespace ems120
